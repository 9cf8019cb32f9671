import type { UserId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { one, oneOrThrow, run } from '../db/query';
import { recordUserChange } from '../users/changes';
import { ensureUser } from '../users/users';
import type { UserRow } from './wire';

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
  // known here by name only: whatever version of them the office holds is newer
  run(
    db,
    `INSERT OR REPLACE INTO sync_rows (tbl, local_id, gid, version) VALUES ('users', ?, ?, 0)`,
    userId,
    gid,
  );
  recordUserChange(db, userId, {
    why: 'First seen in work from another desktop of the office; waits for a supervisor here',
    by: userId,
    now,
  });
  return userId;
}

interface LocalUser {
  username: string;
  displayName: string;
  role: UserRow['role'];
  active: number;
  pending: number;
  title: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
}

const LOCAL_USER = `username, display_name AS displayName, role, active, pending, title, email,
  phone, created_at AS createdAt`;

/**
 * A user as they now stand here, with who made that state: the last line of their history
 * (a supervisor allowing or turning them off, the name itself at a first sign-in), or the
 * person whose request wrote it when the history has nothing.
 */
export function readUser(db: ReadDb, userId: number, requestBy: number): UserRow {
  const u = oneOrThrow<LocalUser>(db, `SELECT ${LOCAL_USER} FROM users WHERE id = ?`, userId);
  const last = one<{ by: number; at: string }>(
    db,
    `SELECT changed_by AS by, changed_at AS at FROM user_changes WHERE user_id = ?
       ORDER BY id DESC LIMIT 1`,
    userId,
  );
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    active: u.active === 1,
    pending: u.pending === 1,
    title: u.title,
    email: u.email,
    phone: u.phone,
    createdAt: u.createdAt,
    changedAt: last?.at ?? u.createdAt,
    changedBy: userGidOf(db, last?.by ?? requestBy) ?? `${USER}${asciiLower(u.username)}`,
  };
}

/**
 * Writes a user as the office has them, found by sign-in name and added when this copy has
 * never seen them, with a line in their history (and their state in the audit trail) naming
 * who made the change. Written with the capture off, so it is not sent back.
 */
export function writeUser(db: Db, gid: string, u: UserRow): number {
  const values = [
    u.displayName,
    u.role,
    u.active ? 1 : 0,
    u.pending ? 1 : 0,
    u.title,
    u.email,
    u.phone,
  ] as const;
  const known = userIdOfGid(db, gid);
  const userId =
    known ??
    Number(
      run(
        db,
        `INSERT INTO users (display_name, role, active, pending, title, email, phone, username,
             created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...values,
        u.username,
        u.createdAt,
      ).lastInsertRowid,
    );
  if (known !== undefined) {
    run(
      db,
      `UPDATE users SET display_name = ?, role = ?, active = ?, pending = ?, title = ?, email = ?,
           phone = ? WHERE id = ?`,
      ...values,
      known,
    );
  }
  recordUserChange(db, userId as UserId, {
    why: 'Changed at another desktop of the office',
    by: takeUser(db, u.changedBy, u.changedAt),
    now: u.changedAt,
  });
  return userId;
}
