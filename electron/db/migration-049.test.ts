import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, one } from './query';

describe('migration 49: who is working which account now', () => {
  it('keeps a joined desktop joined, with its marks not known until the worker refreshes them', () => {
    const db = openDatabase(
      oldVersionFile(
        47,
        `INSERT INTO office_link (id, desktop_id, cursor, linked_at)
           VALUES (1, 'desk-1', '42', '2026-03-16T15:00:00.000Z');`,
      ),
    );
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(
        one(db, `SELECT desktop_id AS desktopId, cursor, marks_at AS marksAt FROM office_link`),
      ).toEqual({ desktopId: 'desk-1', cursor: '42', marksAt: null });
      expect(all(db, `SELECT * FROM working_marks`)).toEqual([]);
      expect(all(db, `SELECT * FROM working_here`)).toEqual([]);
      // presence is not data: nothing written to these tables is captured for the outbox
      expect(
        all(
          db,
          `SELECT name FROM sqlite_master WHERE type = 'trigger'
             AND tbl_name IN ('working_marks', 'working_here')`,
        ),
      ).toEqual([]);
    } finally {
      db.close();
    }
  });
});
