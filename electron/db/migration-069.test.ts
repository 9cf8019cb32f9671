import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/**
 * A version-61 desk, linked to an office on March 1st when `linked`: account 1 with a plan
 * from before the link and one set up after it, whose history line went out, and a promise from
 * each side of the link, the later one's line never sent.
 */
function versionSixtyOneFile(linked: boolean): string {
  const plan = (id: number, status: string, at: string) =>
    `(${id}, 1, '${status}', '2026-01-01', '2026-02-01', 5000, 0, 10, 0, 0, '${at}', 1)`;
  return oldVersionFile(
    61,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, created_at)
      VALUES (1, 'A1', 1, 1, '2025-06-01', 'self_pay', 't');
    INSERT INTO payment_plans (id, account_id, status, start_date, first_due_date,
        monthly_amount, down_payment, grace_days, include_new_charges, paid_before, created_at,
        created_by)
      VALUES ${[plan(1, 'broken', '2026-01-01T10:00:00Z'), plan(2, 'active', '2026-03-02T10:00:00Z')].join(', ')};
    INSERT INTO promises (id, account_id, kind, amount, due_date, created_at, created_by)
      VALUES (1, 1, 'promise', 1000, '2026-02-20', '2026-02-10T10:00:00Z', 1),
             (2, 1, 'promise', 1000, '2026-03-20', '2026-03-10T10:00:00Z', 1);
    INSERT INTO activities (id, account_id, kind, body, user_id, occurred_at)
      VALUES (1, 1, 'system', 'Payment plan set up', 1, '2026-03-02T10:00:00.020Z'),
             (2, 1, 'system', 'Promise to pay', 1, '2026-03-10T10:00:00.020Z');
    ${
      linked
        ? `INSERT INTO office_link (id, desktop_id, cursor, linked_at)
             VALUES (1, 'd1', '0', '2026-03-01T00:00:00.000Z');
           INSERT INTO sync_rows (tbl, local_id, gid) VALUES ('activities', 1, 'd1:1');`
        : ''
    }
  `,
  );
}

describe('migration 69: plans and promises an older version made at a linked desk', () => {
  it('names those made after the link by this desk and notes them for the outbox', () => {
    const db = openDatabase(versionSixtyOneFile(true));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      all(db, `SELECT tbl, local_id AS id, gid FROM sync_rows ORDER BY tbl, local_id`),
    ).toEqual([
      { tbl: 'activities', id: 1, gid: 'd1:1' },
      { tbl: 'payment_plans', id: 2, gid: 'd1:2' },
      // its history line never went out: it stays here
      { tbl: 'promises', id: 2, gid: 'own:2' },
    ]);
    expect(
      all(db, `SELECT tbl, local_id AS id, op FROM outbox_pending ORDER BY tbl, local_id`),
    ).toEqual([{ tbl: 'payment_plans', id: 2, op: 'insert' }]);
    db.close();
  });

  it('changes nothing on a standalone desk', () => {
    const db = openDatabase(versionSixtyOneFile(false));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(all(db, `SELECT tbl FROM sync_rows`)).toEqual([]);
    expect(all(db, `SELECT tbl FROM outbox_pending`)).toEqual([]);
    expect(all(db, `SELECT id, plan_number AS n FROM payment_plans ORDER BY id`)).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 2 },
    ]);
    db.close();
  });
});
