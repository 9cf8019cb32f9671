import { describe, expect, it } from 'vitest';
import { all, one } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/** A version-26 file with an account written off as bad debt the old way and a request waiting. */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, status, created_at, patient_balance)
      VALUES (1, 'A1', 1, 1, '2025-06-01', 'self_pay', 'bad_debt', 't', 0),
             (2, 'A2', 1, 1, '2025-07-01', 'self_pay', 'open', 't', 9000);
    INSERT INTO ledger_entries (id, account_id, kind, side, amount, posting_date, reason_code,
        created_at, created_by)
      VALUES (1, 1, 'charge', 'patient', 5000, '2025-06-01', NULL, 't', 1),
             (2, 1, 'adjustment', 'patient', -5000, '2025-12-01', 'BAD_DEBT', 't', 1),
             (3, 2, 'charge', 'patient', 9000, '2025-07-01', NULL, 't', 1);
    INSERT INTO adjustment_requests (id, kind, account_id, side, amount, reason_code, memo,
        requested_at, requested_by)
      VALUES (1, 'write_off', 2, 'patient', 9000, 'BAD_DEBT', 'Gone', '2026-01-02T10:00:00Z', 1);
  `,
  );
}

describe('migration 27: the 501(r) clock and bad debt', () => {
  it('keeps accounts, ledger and waiting requests, with the new records empty', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(all(db, `SELECT id, status, patient_balance AS b FROM accounts ORDER BY id`)).toEqual([
      { id: 1, status: 'bad_debt', b: 0 },
      { id: 2, status: 'open', b: 9000 },
    ]);
    expect(one(db, `SELECT count(*) AS n FROM ledger_entries`)).toEqual({ n: 3 });
    expect(one(db, `SELECT status, reason_code AS r FROM adjustment_requests`)).toEqual({
      status: 'pending',
      r: 'BAD_DEBT',
    });
    for (const table of [
      'assistance_applications',
      'eca_notices',
      'extraordinary_actions',
      'bad_debt_moves',
    ]) {
      expect(one(db, `SELECT count(*) AS n FROM ${table}`), table).toEqual({ n: 0 });
    }
    // the recovery reason is there for the app to post, and nobody picks it by hand
    expect(
      one(db, `SELECT category, active FROM adjustment_reasons WHERE code = 'BAD_DEBT_RECOVERY'`),
    ).toEqual({ category: 'bad_debt', active: 0 });
    // the ECA gate reads an account's notices and applications by index
    const plan = (sql: string) =>
      all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`)
        .map((r) => r.detail)
        .join(' ');
    expect(plan(`SELECT sent_on FROM eca_notices WHERE account_id = 1 ORDER BY sent_on`)).toMatch(
      /eca_notices_account/,
    );
    expect(plan(`SELECT status FROM assistance_applications WHERE account_id = 1`)).toMatch(
      /assistance_applications_account/,
    );
    db.close();
  });
});
