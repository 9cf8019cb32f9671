import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

describe('migration 9 (user change history)', () => {
  it('keeps the users as they were, with an empty history to start from', () => {
    const file = oldVersionFile(
      8,
      `INSERT INTO users (username, display_name, role, created_at)
         VALUES ('dana.lee', 'Dana Lee', 'supervisor', '2026-01-05T08:00:00.000Z');`,
    );
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT username, role, active FROM users`).all()).toEqual([
      { username: 'dana.lee', role: 'supervisor', active: 1 },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM user_changes`).get()).toEqual({ n: 0 });
    db.close();
  });
});
