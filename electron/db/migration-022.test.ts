import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

describe('migration 22 (sign-in allowed by a supervisor, PINs, emergency access)', () => {
  it('lets everyone already in the file go on without waiting, as they were', () => {
    const file = oldVersionFile(
      15,
      `INSERT INTO users (id, username, display_name, role, active, created_at)
         VALUES (1, 'dana', 'Dana Lee', 'supervisor', 1, 't'), (2, 'sam', 'Sam Ortiz', 'representative', 0, 't');`,
    );
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.prepare(`SELECT id, role, active, pending FROM users ORDER BY id`).all()).toEqual([
        { id: 1, role: 'supervisor', active: 1, pending: 0 },
        { id: 2, role: 'representative', active: 0, pending: 0 },
      ]);
      expect(db.prepare(`SELECT count(*) AS n FROM user_secrets`).get()).toEqual({ n: 0 });
      expect(() =>
        db
          .prepare(
            `INSERT INTO emergency_access (user_id, reason, started_at, ends_at) VALUES (2, ' ', 'a', 'b')`,
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
