import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-33 file with one account and three ledger rows on two days. */
function versionThirtyThreeFile(): string {
  return oldVersionFile(
    33,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, insurance_balance, patient_balance)
      VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't', 0, 7000);
    INSERT INTO ledger_entries (id, account_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 1, 'charge', 'patient', 10000, '2026-01-02', 't', 1),
             (2, 1, 'payment', 'patient', -2000, '2026-02-10', 't', 1),
             (3, 1, 'payment', 'patient', -1000, '2026-02-10', 't', 1);
  `,
  );
}

const totals = `SELECT posting_date AS day, financial_class AS klass, kind, created_by AS user,
    amount, entries FROM ledger_day_totals WHERE entries <> 0 ORDER BY 1, 2, 3`;

describe('migration 34 (the ledger summed by day)', () => {
  it('sums the existing ledger, adds each new row and follows a change of class', () => {
    const db = openDatabase(versionThirtyThreeFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(totals).all()).toEqual([
      { day: '2026-01-02', klass: 'self_pay', kind: 'charge', user: 0, amount: 10000, entries: 1 },
      { day: '2026-02-10', klass: 'self_pay', kind: 'payment', user: 1, amount: -3000, entries: 2 },
    ]);
    db.prepare(
      `INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
        VALUES (1, 'payment', 'patient', -500, '2026-02-10', 't', 1)`,
    ).run();
    db.prepare(`UPDATE accounts SET financial_class = 'medicaid' WHERE id = 1`).run();
    expect(db.prepare(totals).all()).toEqual([
      { day: '2026-01-02', klass: 'medicaid', kind: 'charge', user: 0, amount: 10000, entries: 1 },
      { day: '2026-02-10', klass: 'medicaid', kind: 'payment', user: 1, amount: -3500, entries: 3 },
    ]);
    db.close();
  });
});
