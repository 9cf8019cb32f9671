import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/** A version-26 file with a user. */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
  `,
  );
}

describe('migration 31: facts letters cite', () => {
  it('adds appeal responses, empty, kept as recorded', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(all(db, `SELECT * FROM appeal_responses`)).toEqual([]);
    expect(
      all(db, `SELECT name FROM sqlite_master WHERE tbl_name = 'appeal_responses' ORDER BY name`),
    ).toEqual([
      { name: 'appeal_responses' },
      { name: 'appeal_responses_denial' },
      { name: 'appeal_responses_no_update' },
    ]);
    db.close();
  });

  it('adds line-level providers, empty: earlier claims named none', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(all(db, `SELECT * FROM claim_line_providers`)).toEqual([]);
    db.close();
  });
});
