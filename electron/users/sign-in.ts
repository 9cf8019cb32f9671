import type { UserId } from '../../shared/ids';
import type { Db } from '../db/open';
import { sealOutbox } from '../office/outbox';
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
 * The person at the computer, by their sign-in name: known users come back as they are.
 * A database with no supervisor yet (a new office) makes its first user the supervisor,
 * or nobody could ever allow anyone or give the role. Once a supervisor exists, a name
 * ClaimDesk has never seen waits for a supervisor to allow it (dispatch refuses it
 * everything but its waiting screen): anyone who reaches the file from some desktop must
 * not get patient data by that alone. A user a supervisor turned off is refused.
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
      const seen = one(db, `SELECT 1 FROM users WHERE username = ?`, username) !== undefined;
      const userId = ensureUser(db, username, username, now);
      if (!hasSupervisor(db)) {
        run(
          db,
          `UPDATE users SET role = 'supervisor', active = 1, pending = 0 WHERE id = ?`,
          userId,
        );
        recordUserChange(db, userId, {
          why: 'First to open ClaimDesk while it had no supervisor',
          by: userId,
          now,
        });
      } else if (!seen) {
        run(db, `UPDATE users SET pending = 1 WHERE id = ?`, userId);
        recordUserChange(db, userId, {
          why: 'First sign-in; waits for a supervisor to allow it',
          by: userId,
          now,
        });
      }
      if (!isActiveUser(db, userId)) throw new UserTurnedOffError(username);
      // a joined desktop tells the office of the new name now, as its own entry, rather
      // than with whatever request commits next (one empty read when standalone)
      sealOutbox(db, now, userId);
      return userId;
    })
    .immediate();
}

function hasSupervisor(db: Db): boolean {
  return one(db, `SELECT 1 FROM users WHERE role = 'supervisor' LIMIT 1`) !== undefined;
}
