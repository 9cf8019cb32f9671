import type { UserId } from '../../shared/ids';
import type { Db } from '../db/open';
import { recordUserChange } from './changes';
import { ensureUser, isActiveUser } from './users';
import { one, run } from '../db/query';

export class UserTurnedOffError extends Error {
  constructor(username: string) {
    super(
      `The ClaimDesk user "${username}" has been turned off by a supervisor. ` +
        `Ask a supervisor to turn it back on under Settings, Users.`,
    );
    this.name = 'UserTurnedOffError';
  }
}

/**
 * The person at the computer, by their sign-in name: known users come back as they are,
 * new ones start as representatives. A database with no supervisor yet (a new office)
 * makes its first user the supervisor, or nobody could ever approve a write-off or give
 * the role; once a supervisor exists only a supervisor gives the role. A user a
 * supervisor turned off is refused.
 *
 * A known user of an office that has its supervisor is signed in without writing, so
 * ClaimDesk opens while another workstation holds the write lock (a long import).
 */
export function signIn(db: Db, username: string, now: string): UserId {
  const known = one<{ id: UserId; active: number }>(
    db,
    `SELECT id, active FROM users WHERE username = ?`,
    username,
  );
  if (known && hasSupervisor(db)) {
    if (known.active !== 1) throw new UserTurnedOffError(username);
    return known.id;
  }
  return db
    .transaction(() => {
      const userId = ensureUser(db, username, username, now);
      if (!hasSupervisor(db)) {
        run(db, `UPDATE users SET role = 'supervisor', active = 1 WHERE id = ?`, userId);
        recordUserChange(db, userId, {
          why: 'First to open ClaimDesk while it had no supervisor',
          by: userId,
          now,
        });
      }
      if (!isActiveUser(db, userId)) throw new UserTurnedOffError(username);
      return userId;
    })
    .immediate();
}

function hasSupervisor(db: Db): boolean {
  return one(db, `SELECT 1 FROM users WHERE role = 'supervisor' LIMIT 1`) !== undefined;
}
