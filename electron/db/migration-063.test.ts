import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/**
 * A version-61 desk linked to an office on March 1st: account 1 with a plan broken before
 * the link and one set up after it, account 2 with a plan from before it, and a promise
 * from each side of the link.
 */
function versionSixtyOneFile(): string {
  const plan = (id: number, account: number, status: string, at: string) =>
    `(${id}, ${account}, '${status}', '2026-01-01', '2026-02-01', 5000, 0, 10, 0, 0, '${at}', 1)`;
  return oldVersionFile(
    61,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, created_at)
      VALUES (1, 'A1', 1, 1, '2025-06-01', 'self_pay', 't'),
             (2, 'A2', 1, 1, '2025-07-01', 'self_pay', 't');
    INSERT INTO payment_plans (id, account_id, status, start_date, first_due_date,
        monthly_amount, down_payment, grace_days, include_new_charges, paid_before, created_at,
        created_by)
      VALUES ${[
        plan(1, 1, 'broken', '2026-01-01T10:00:00Z'),
        plan(2, 2, 'active', '2026-02-01T10:00:00Z'),
        plan(3, 1, 'active', '2026-03-02T10:00:00Z'),
      ].join(', ')};
    INSERT INTO promises (id, account_id, kind, amount, due_date, created_at, created_by)
      VALUES (1, 2, 'promise', 1000, '2026-02-20', '2026-02-10T10:00:00Z', 1),
             (2, 2, 'promise', 1000, '2026-03-20', '2026-03-10T10:00:00Z', 1);
    INSERT INTO office_link (id, desktop_id, cursor, linked_at)
      VALUES (1, 'd1', '0', '2026-03-01T00:00:00.000Z');
  `,
  );
}

describe('migration 63: payment plans from the office', () => {
  it("counts each account's plans", () => {
    const db = openDatabase(versionSixtyOneFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      all(db, `SELECT id, account_id AS account, plan_number AS n FROM payment_plans`),
    ).toEqual([
      { id: 1, account: 1, n: 1 },
      { id: 2, account: 2, n: 1 },
      { id: 3, account: 1, n: 2 },
    ]);
    db.close();
  });
});
