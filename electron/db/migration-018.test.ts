import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

describe('migration 18 (user title and email)', () => {
  it('keeps each user and their phone, with no title or email until they give one', () => {
    const file = oldVersionFile(
      11,
      `INSERT INTO users (username, display_name, phone, role, created_at)
         VALUES ('dana.lee', 'Dana Lee', 'ext. 4127', 'supervisor', '2026-01-05T08:00:00.000Z');`,
    );
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT username, phone, title, email FROM users`).all()).toEqual([
      { username: 'dana.lee', phone: 'ext. 4127', title: null, email: null },
    ]);
    // the facts of letters filed from now on have their table, empty to start
    expect(db.prepare(`SELECT count(*) AS n FROM document_facts`).get()).toEqual({ n: 0 });
    db.close();
  });
});
