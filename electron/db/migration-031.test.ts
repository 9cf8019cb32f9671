import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/**
 * A version-26 file: estate contacts as the death form kept them on people (a name and a
 * free-text address, in the shapes people typed them), and one representative the estate
 * letter recorded.
 */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't'), (2, 'sup', 'Sam Sup', 'supervisor', 't');
    INSERT INTO people (id, last_name, first_name, deceased_date, estate_contact_name,
        estate_address, created_at) VALUES
      (1, 'Testwell', 'Eleanor', '2026-02-20', 'Jonathan Testwell, executor',
        '12 Probate Row' || char(10) || 'Portland, me 04101', '2025-01-01T00:00:00.000Z'),
      (2, 'Rivera', 'Ana', '2026-01-05', NULL,
        'c/o Hale & Burke LLP' || char(10) || '400 Main St, Suite 2' || char(10) || 'Bangor, ME 04401-1234',
        '2025-01-01T00:00:00.000Z'),
      (3, 'Okafor', 'Maria', '2026-01-09', 'Chidi Okafor', NULL, '2025-01-01T00:00:00.000Z'),
      (4, 'Lind', 'Per', '2026-01-11', 'Greta Lind', 'General delivery, Eastport',
        '2025-01-01T00:00:00.000Z'),
      (5, 'Nobody', 'Else', NULL, NULL, NULL, '2025-01-01T00:00:00.000Z');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, guarantor_relationship,
        service_date, financial_class, status, created_at)
      VALUES (1, 'D-1', 1, 1, 'self', '2026-01-02', 'self_pay', 'open', 't');
    INSERT INTO activities (account_id, kind, body, user_id, occurred_at)
      VALUES (1, 'system', 'The patient, Eleanor Testwell, died on 02/20/2026 (source: call).', 2,
        '2026-02-21T10:00:00.000Z');
    INSERT INTO estate_representatives (person_id, name, line1, line2, city, state, zip,
        recorded_at, recorded_by)
      VALUES (2, 'Hale & Burke LLP', '400 Main St', NULL, 'Bangor', 'ME', '04401', '2026-01-20T09:00:00.000Z', 1);
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

  it('moves the estate contacts of the death form into the one record of representatives', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(
      all(
        db,
        `SELECT person_id AS person, name, line1, line2, city, state, zip, recorded_at AS at,
                recorded_by AS "by" FROM estate_representatives ORDER BY id`,
      ),
    ).toEqual([
      // the one the estate letter recorded stays first, as it was
      {
        person: 2,
        name: 'Hale & Burke LLP',
        line1: '400 Main St',
        line2: null,
        city: 'Bangor',
        state: 'ME',
        zip: '04401',
        at: '2026-01-20T09:00:00.000Z',
        by: 1,
      },
      // recorded by whoever recorded the death, when
      {
        person: 1,
        name: 'Jonathan Testwell, executor',
        line1: '12 Probate Row',
        line2: null,
        city: 'Portland',
        state: 'ME',
        zip: '04101',
        at: '2026-02-21T10:00:00.000Z',
        by: 2,
      },
      {
        person: 2,
        name: 'Personal Representative of the Estate of Ana Rivera',
        line1: 'c/o Hale & Burke LLP',
        line2: '400 Main St, Suite 2',
        city: 'Bangor',
        state: 'ME',
        zip: '04401-1234',
        at: '2025-01-01T00:00:00.000Z',
        by: 1,
      },
      // a name alone: the address is not yet known
      {
        person: 3,
        name: 'Chidi Okafor',
        line1: null,
        line2: null,
        city: null,
        state: null,
        zip: null,
        at: '2025-01-01T00:00:00.000Z',
        by: 1,
      },
      // an address that does not read as street / City, ST ZIP is kept whole to re-enter
      {
        person: 4,
        name: 'Greta Lind',
        line1: 'General delivery, Eastport',
        line2: null,
        city: null,
        state: null,
        zip: null,
        at: '2025-01-01T00:00:00.000Z',
        by: 1,
      },
    ]);
    const columns = all<{ name: string }>(db, `PRAGMA table_info(people)`).map((c) => c.name);
    expect(columns).not.toContain('estate_contact_name');
    expect(columns).not.toContain('estate_address');
    expect(() =>
      db.prepare(`UPDATE estate_representatives SET name = 'x' WHERE person_id = 1`).run(),
    ).toThrow(/kept as recorded/);
    db.close();
  });
});
