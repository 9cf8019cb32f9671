import type { UserId } from '../../shared/ids';
import type { Db } from '../db/open';
import { run } from '../db/query';
import { recordUserState } from '../audit/user-states';

/**
 * Keeps the user's role, name and access as they now stand, with who changed them and why,
 * and their state in the audit trail, against which the users table is checked.
 */
export function recordUserChange(
  db: Db,
  userId: UserId,
  change: { why: string; by: number; now: string },
): void {
  run(
    db,
    `INSERT INTO user_changes (user_id, display_name, role, active, why, changed_at, changed_by)
     SELECT id, display_name, role, active, ?, ?, ? FROM users WHERE id = ?`,
    change.why,
    change.now,
    change.by,
    userId,
  );
  recordUserState(db, userId, change.now, change.by);
}
