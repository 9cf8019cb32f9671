import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-9 file with an open batch: two payments, one of them reversed, and an empty batch. */
function versionNineFile(): string {
  return oldVersionFile(
    9,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't');
    INSERT INTO deposit_batches (id, deposit_date, source, expected_total, created_at, created_by)
      VALUES (1, '2026-03-02', 'mail', 5000, 't', 1), (2, '2026-03-02', 'desk', 100, 't', 1);
    INSERT INTO receipts (id, batch_id, account_id, kind, method, amount, received_date,
      reverses_id, created_at, created_by)
      VALUES (1, 1, 1, 'patient_payment', 'cash', 2000, '2026-03-02', NULL, 't', 1),
             (2, 1, 1, 'patient_payment', 'check', 3000, '2026-03-02', NULL, 't', 1),
             (3, 1, 1, 'patient_payment', 'check', -3000, '2026-03-02', 2, 't', 1),
             (4, NULL, 1, 'patient_payment', 'cash', 700, '2026-03-02', NULL, 't', 1);
  `,
  );
}

const totals = (db: ReturnType<typeof openDatabase>) =>
  db
    .prepare(
      `SELECT id, posted_total AS posted, receipt_count AS receipts FROM deposit_batches ORDER BY id`,
    )
    .all();

describe('migration 10 (deposit batch running totals)', () => {
  it('fills each batch from the receipts already in it', () => {
    const db = openDatabase(versionNineFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    // the reversal cancels the check it reverses; the payment outside a batch counts nowhere
    expect(totals(db)).toEqual([
      { id: 1, posted: 2000, receipts: 1 },
      { id: 2, posted: 0, receipts: 0 },
    ]);
    db.close();
  });

  it("keeps the batch's receipt list and the day's cash summary on the narrowed batch index", () => {
    const db = openDatabase(versionNineFile());
    // the statistics of a busy office (as ANALYZE would find them), so the plans are the
    // ones a large file gets rather than a scan of four rows
    db.exec(`ANALYZE;
      DELETE FROM sqlite_stat1;
      INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('receipts', 'receipts_batch', '40000 60'), ('receipts', 'receipts_date', '250000 700'),
        ('receipts', 'receipts_account', '250000 2'), ('receipts', NULL, '250000'),
        ('deposit_batches', 'deposit_batches_date', '700 2'), ('deposit_batches', NULL, '700');
      ANALYZE sqlite_schema;`);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(plan(`SELECT id FROM receipts r WHERE r.batch_id = 1 ORDER BY r.id DESC`)).toMatch(
      /USING (COVERING )?INDEX receipts_batch \(batch_id=\?\)/,
    );
    expect(
      plan(
        `SELECT method, sum(amount) FROM receipts r WHERE kind <> 'refund' AND
           (batch_id IN (SELECT id FROM deposit_batches WHERE deposit_date = '2026-03-02')
            OR (batch_id IS NULL AND received_date = '2026-03-02')) GROUP BY method`,
      ),
    ).toMatch(/USING (COVERING )?INDEX receipts_batch \(batch_id=\?\)/);
    // receipts outside a batch are not in it
    expect(
      db
        .prepare(`SELECT count(*) AS n FROM receipts INDEXED BY receipts_batch WHERE batch_id > 0`)
        .get(),
    ).toEqual({ n: 3 });
    db.close();
  });
});
