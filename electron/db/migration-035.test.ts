import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-34 file with a set-up facility, two accounts and ledger rows on two days. */
function versionThirtyFourFile(): string {
  return oldVersionFile(
    34,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO facility (id, name, line1, city, state, zip, npi)
      VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101', '1234567893');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, insurance_balance, patient_balance)
      VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't', 0, 7000),
             (2, 'A200', 1, 1, '2026-01-05', 'commercial', 't', 0, 500);
    INSERT INTO ledger_entries (id, account_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 1, 'charge', 'patient', 10000, '2026-01-02', 't', 1),
             (2, 1, 'payment', 'patient', -2000, '2026-02-10', 't', 1),
             (3, 1, 'payment', 'patient', -1000, '2026-02-10', 't', 1),
             (4, 2, 'charge', 'patient', 500, '2026-01-05', 't', 1);
  `,
  );
}

const totals = `SELECT posting_date AS day, facility_id AS facility, financial_class AS klass,
    kind, amount, entries FROM ledger_day_totals WHERE entries <> 0 ORDER BY 1, 2, 3, 4`;

describe('migration 35 (facilities)', () => {
  it('puts every account under the one facility and rebuilds the day totals by facility', () => {
    const db = openDatabase(versionThirtyFourFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT id, name, npi FROM facilities`).all()).toEqual([
      { id: 1, name: 'Harbor Point Hospital', npi: '1234567893' },
    ]);
    expect(db.prepare(`SELECT id, facility_id AS f FROM accounts ORDER BY id`).all()).toEqual([
      { id: 1, f: 1 },
      { id: 2, f: 1 },
    ]);
    expect(db.prepare(totals).all()).toEqual([
      {
        day: '2026-01-02',
        facility: 1,
        klass: 'self_pay',
        kind: 'charge',
        amount: 10000,
        entries: 1,
      },
      {
        day: '2026-01-05',
        facility: 1,
        klass: 'commercial',
        kind: 'charge',
        amount: 500,
        entries: 1,
      },
      {
        day: '2026-02-10',
        facility: 1,
        klass: 'self_pay',
        kind: 'payment',
        amount: -3000,
        entries: 2,
      },
    ]);

    // a new ledger row adds under its account's facility; a move carries the sums along
    db.prepare(`INSERT INTO facilities (id, name, npi) VALUES (2, 'North Clinic', NULL)`).run();
    db.prepare(
      `INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
        VALUES (1, 'payment', 'patient', -500, '2026-02-10', 't', 1)`,
    ).run();
    db.prepare(`UPDATE accounts SET facility_id = 2 WHERE id = 1`).run();
    expect(db.prepare(totals).all()).toEqual([
      {
        day: '2026-01-02',
        facility: 2,
        klass: 'self_pay',
        kind: 'charge',
        amount: 10000,
        entries: 1,
      },
      {
        day: '2026-01-05',
        facility: 1,
        klass: 'commercial',
        kind: 'charge',
        amount: 500,
        entries: 1,
      },
      {
        day: '2026-02-10',
        facility: 2,
        klass: 'self_pay',
        kind: 'payment',
        amount: -3500,
        entries: 3,
      },
    ]);

    // an account cannot name a facility that does not exist, and the default is kept
    expect(() => db.prepare(`UPDATE accounts SET facility_id = 9 WHERE id = 2`).run()).toThrow(
      /unknown facility/,
    );
    expect(() => db.prepare(`DELETE FROM facilities WHERE id = 1`).run()).toThrow(
      /default facility is kept/,
    );
    db.close();
  });

  it('names the default facility when none was set up', () => {
    const db = openDatabase(oldVersionFile(34, ''));
    expect(db.prepare(`SELECT id, name, npi FROM facilities`).all()).toEqual([
      { id: 1, name: 'Main facility', npi: null },
    ]);
    db.close();
  });
});
