import type { Db, ReadDb } from '../db/open';

/** Finds the user by name, creating them on first sight (sign-in comes later). */
export function ensureUser(db: Db, username: string, displayName: string, now: string): number {
  const existing = db.prepare(`SELECT id FROM users WHERE username = ?`).get(username) as
    { id: number } | undefined;
  if (existing) return existing.id;
  const result = db
    .prepare(`INSERT INTO users (username, display_name, created_at) VALUES (?, ?, ?)`)
    .run(username, displayName, now);
  return Number(result.lastInsertRowid);
}

/** Whether the user may use ClaimDesk: a supervisor can turn a user off, even while they work. */
export function isActiveUser(db: Db, userId: number): boolean {
  const row = db.prepare(`SELECT active FROM users WHERE id = ?`).get(userId) as
    { active: number } | undefined;
  return row?.active === 1;
}

/** Whether the user is an active supervisor, for screens that offer what only they may do. */
export function isSupervisor(db: ReadDb, userId: number): boolean {
  const row = db.prepare(`SELECT role, active FROM users WHERE id = ?`).get(userId) as
    { role: string; active: number } | undefined;
  return row?.role === 'supervisor' && row.active === 1;
}
