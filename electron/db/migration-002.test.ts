import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-1 file holding an account with a posted charge and payment. */
function versionOneFile(): string {
  return oldVersionFile(
    1,
    `
    INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'u', 'U', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO payers (id, name, payer_code, financial_class, timely_filing_days, appeal_window_days)
      VALUES (1, 'Acme', 'A1', 'commercial', 90, 180);
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, patient_balance) VALUES (1, 'A100', 1, 1, '2026-01-02', 'commercial', 't', 7000);
    INSERT INTO claims (id, claim_number, account_id, payer_id, total_charge, created_at)
      VALUES (1, 'C100', 1, 1, 10000, 't');
    INSERT INTO ledger_entries (account_id, claim_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 1, 'charge', 'patient', 10000, '2026-01-02', 't', 1),
             (1, 1, 'payment', 'patient', -3000, '2026-01-09', 't', 1);
  `,
  );
}

describe('migration 2 (posting, batches, plans and promises)', () => {
  it('migrates a version-1 file with ledger rows, keeping them and adding the new tables', () => {
    const db = openDatabase(versionOneFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const rows = db
      .prepare(`SELECT kind, amount, receipt_id AS receiptId FROM ledger_entries ORDER BY id`)
      .all();
    expect(rows).toEqual([
      { kind: 'charge', amount: 10000, receiptId: null },
      { kind: 'payment', amount: -3000, receiptId: null },
    ]);
    expect(db.prepare(`SELECT primary_claim_id AS p FROM claims`).get()).toEqual({ p: null });
    const reasons = db.prepare(`SELECT category FROM adjustment_reasons`).all() as {
      category: string;
    }[];
    expect(new Set(reasons.map((r) => r.category))).toEqual(
      new Set(['contractual', 'charity', 'small_balance', 'administrative', 'bad_debt']),
    );
    db.close();
  });

  it('keeps receipts append-only and checks amounts, sources and one active plan per account', () => {
    const db = openDatabase(versionOneFile());
    db.exec(`INSERT INTO receipts (account_id, kind, method, amount, received_date, created_at, created_by)
      VALUES (1, 'patient_payment', 'cash', 500, '2026-01-10', 't', 1)`);
    expect(() => db.exec(`UPDATE receipts SET amount = 1`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM receipts`)).toThrow(/append-only/);
    const receipt = (kind: string, amount: number) => () =>
      db.exec(`INSERT INTO receipts (account_id, kind, method, amount, received_date, created_at, created_by)
        VALUES (1, '${kind}', 'cash', ${amount}, '2026-01-10', 't', 1)`);
    expect(receipt('patient_payment', 0)).toThrow(/CHECK/);
    expect(receipt('patient_payment', -5)).toThrow(/CHECK/);
    expect(receipt('insurance_payment', 0)).not.toThrow();
    expect(() =>
      db.exec(`INSERT INTO deposit_batches (deposit_date, source, expected_total, created_at, created_by)
        VALUES ('2026-01-10', 'drawer', 100, 't', 1)`),
    ).toThrow(/CHECK/);
    const plan = () =>
      db.exec(`INSERT INTO payment_plans (account_id, start_date, first_due_date, monthly_amount,
          grace_days, include_new_charges, created_at, created_by)
        VALUES (1, '2026-01-10', '2026-02-01', 2500, 10, 0, 't', 1)`);
    plan();
    expect(plan).toThrow(/UNIQUE/);
    db.close();
  });
});
