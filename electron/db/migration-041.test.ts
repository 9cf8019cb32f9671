import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all } from './query';

/** A version-40 file with accounts in two statuses, one of them owing. */
function versionFortyFile(): string {
  return oldVersionFile(
    40,
    `
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Okafor', 'Maria', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, created_at, status, patient_balance, insurance_balance)
      VALUES (1, 'A-1', 1, 1, '2026-01-05', 'self_pay', 't', 'open', 2500, 100),
             (2, 'A-2', 1, 1, '2026-01-06', 'self_pay', 't', 'closed', 0, 0),
             (3, 'A-3', 1, 1, '2026-01-07', 'self_pay', 't', 'open', 0, 700);
  `,
  );
}

const STATUSES = `SELECT a.status, count(*) AS n, sum(a.insurance_balance + a.patient_balance) AS balance
  FROM accounts a GROUP BY a.status ORDER BY a.status`;

describe('migration 41: accounts by status with their balances', () => {
  it('keeps the accounts as they were and counts them by status from the index alone', () => {
    const db = openDatabase(versionFortyFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(all(db, STATUSES)).toEqual([
        { status: 'closed', n: 1, balance: 0 },
        { status: 'open', n: 2, balance: 3300 },
      ]);
      const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${STATUSES}`).map(
        (r) => r.detail,
      );
      expect(plan).toEqual(['SCAN a USING COVERING INDEX accounts_status_balances']);
    } finally {
      db.close();
    }
  });
});
