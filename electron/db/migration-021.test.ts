import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-15 file with an account and three ledger rows on two days. */
function versionFifteenFile(): string {
  return oldVersionFile(
    15,
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
             (3, 1, 'payment', 'patient', -1000, '2026-02-11', 't', 1);
  `,
  );
}

describe('migration 21 (the ledger by posting date)', () => {
  it('keeps every ledger row and answers a period of the ledger from the index alone', () => {
    const db = openDatabase(versionFifteenFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      db
        .prepare(
          `SELECT posting_date AS day, sum(amount) AS total FROM ledger_entries
        WHERE posting_date >= '2026-02-01' GROUP BY posting_date`,
        )
        .all(),
    ).toEqual([
      { day: '2026-02-10', total: -2000 },
      { day: '2026-02-11', total: -1000 },
    ]);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    // the aging trend and the 90-day charges never touch the ledger table
    expect(
      plan(`SELECT posting_date, sum(CASE WHEN side = 'insurance' THEN amount ELSE 0 END)
        FROM ledger_entries WHERE posting_date >= '2026-01-01' GROUP BY posting_date`),
    ).toMatch(/USING COVERING INDEX ledger_date/);
    expect(
      plan(`SELECT sum(amount) FROM ledger_entries
        WHERE kind = 'charge' AND posting_date BETWEEN '2026-01-01' AND '2026-03-31'`),
    ).toMatch(/USING COVERING INDEX ledger_date/);
    db.close();
  });
});
