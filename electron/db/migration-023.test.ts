import { describe, expect, it } from 'vitest';
import { all, one } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/** A version-18 file with a person already marked deceased and one with returned mail. */
function versionEighteenFile(): string {
  return oldVersionFile(
    18,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, returned_mail, deceased_date, created_at)
      VALUES (1, 'Rivera', 'Ana', 0, '2025-11-02', 't'), (2, 'Okafor', 'Maria', 1, NULL, 't');
    INSERT INTO addresses (id, person_id, line1, city, state, zip, effective_date, recorded_at,
      recorded_by) VALUES (1, 2, '77 Lantern Way', 'Falmouth', 'ME', '04105', '2020-01-01', 't', 1);
  `,
  );
}

describe('migration 23: dates of death and returned mail', () => {
  it('keeps the people and addresses as they were, with the new facts empty', () => {
    const db = openDatabase(versionEighteenFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      all(
        db,
        `SELECT id, deceased_date AS died, deceased_source AS source, returned_mail AS returned
           FROM people ORDER BY id`,
      ),
    ).toEqual([
      { id: 1, died: '2025-11-02', source: null, returned: 0 },
      { id: 2, died: null, source: null, returned: 1 },
    ]);
    expect(one(db, `SELECT line1 FROM addresses`)).toEqual({ line1: '77 Lantern Way' });
    expect(one(db, `SELECT count(*) AS n FROM returned_mail`)).toEqual({ n: 0 });
    // the estate contact columns it added moved to estate_representatives in migration 31
    expect(one(db, `SELECT count(*) AS n FROM estate_representatives`)).toEqual({ n: 0 });
    db.close();
  });
});
