import type { UserId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { recordUserChange } from '../users/changes';
import { ensureUser } from '../users/users';

/**
 * A person is named office-wide by their sign-in name, the one thing every desktop knows
 * them by: `user:<name>`, lower-cased as sign-in names compare. A user's local id differs
 * between copies once someone new signs in at one desktop, and naming them by it would
 * leave every other desktop unable to take that person's first note, which would stop its
 * pull there for good.
 */
const USER = 'user:';

/** As SQLite's lower() and NOCASE fold: ASCII letters only, so both sides name alike. */
const asciiLower = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

export const isUserGid = (gid: string) => gid.startsWith(USER);

export function userGidOf(db: ReadDb, userId: number): string | undefined {
  const row = one<{ name: string }>(db, `SELECT username AS name FROM users WHERE id = ?`, userId);
  return row && `${USER}${asciiLower(row.name)}`;
}

/** The local id of the user a gid names, if this copy knows them (names compare NOCASE). */
export function userIdOfGid(db: ReadDb, gid: string): number | undefined {
  return one<{ id: number }>(db, `SELECT id FROM users WHERE username = ?`, gid.slice(USER.length))
    ?.id;
}

/**
 * The user a pulled row names. Someone this copy has never seen (they signed in first at
 * another desktop) is added so their work can be shown under their name; they wait for a
 * supervisor here to allow them before they can sign in at this desktop, as any new name does.
 */
export function takeUser(db: Db, gid: string, now: string): UserId {
  const known = userIdOfGid(db, gid);
  if (known !== undefined) return known as UserId;
  const name = gid.slice(USER.length);
  const userId = ensureUser(db, name, name, now);
  run(db, `UPDATE users SET pending = 1 WHERE id = ?`, userId);
  recordUserChange(db, userId, {
    why: 'First seen in work from another desktop of the office; waits for a supervisor here',
    by: userId,
    now,
  });
  return userId;
}
