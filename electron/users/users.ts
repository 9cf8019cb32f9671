import type { Db } from '../db/open';

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
