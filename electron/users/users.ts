import { type UserId, insertedId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { recordUserState } from '../audit/user-states';

/** Finds the user by name, creating them on first sight (sign-in comes later). */
export function ensureUser(db: Db, username: string, displayName: string, now: string): UserId {
  const existing = one<{ id: UserId }>(db, `SELECT id FROM users WHERE username = ?`, username);
  if (existing) return existing.id;
  return db.transaction(() => {
    const userId = insertedId<UserId>(
      run(
        db,
        `INSERT INTO users (username, display_name, created_at) VALUES (?, ?, ?)`,
        username,
        displayName,
        now,
      ),
    );
    recordUserState(db, userId, now, userId);
    return userId;
  })();
}

/** Whether the user may use ClaimDesk: a supervisor can turn a user off, even while they work. */
export function isActiveUser(db: Db, userId: UserId): boolean {
  const row = one<{ active: number }>(db, `SELECT active FROM users WHERE id = ?`, userId);
  return row?.active === 1;
}

/** Whether the user is an active supervisor, for screens that offer what only they may do. */
export function isSupervisor(db: ReadDb, userId: UserId): boolean {
  const row = one<{ role: string; active: number }>(
    db,
    `SELECT role, active FROM users WHERE id = ?`,
    userId,
  );
  return row?.role === 'supervisor' && row.active === 1;
}
