import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-3 file: an account with a billed claim, its lines and charges, and an import. */
function versionThreeFile(): string {
  return oldVersionFile(
    3,
    `
    INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'u', 'U', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO payers (id, name, payer_code, financial_class, timely_filing_days, appeal_window_days)
      VALUES (1, 'Acme', 'A1', 'commercial', 90, 180);
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, insurance_balance) VALUES (1, 'A100', 1, 1, '2026-01-02', 'commercial', 't', 12500);
    INSERT INTO claims (id, claim_number, account_id, payer_id, status, total_charge, created_at)
      VALUES (1, 'C100', 1, 1, 'billed', 12500, 't');
    INSERT INTO claim_lines (id, claim_id, line_number, service_date, revenue_code, procedure_code, charge)
      VALUES (1, 1, 1, '2026-01-02', '0450', '99284', 10000),
             (2, 1, 2, '2026-01-02', '0300', '85025', 2500);
    INSERT INTO ledger_entries (account_id, claim_id, claim_line_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 1, 1, 'charge', 'insurance', 10000, '2026-01-02', 't', 1),
             (1, 1, 2, 'charge', 'insurance', 2500, '2026-01-02', 't', 1);
    INSERT INTO import_files (id, kind, file_name, sha256, byte_size, status, summary, report, imported_at, imported_by)
      VALUES (1, '835', 'era.835', 'abc', 10, 'posted', 's', '{}', 't', 1);
  `,
  );
}

describe('migration 4 (claim files)', () => {
  it('migrates a version-3 file with claims, lines and ledger rows, adding empty claim-file columns', () => {
    const db = openDatabase(versionThreeFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      db
        .prepare(
          `SELECT claim_number AS number, status, total_charge AS total, claim_type AS type,
             facility_code AS facility, frequency_code AS frequency, diagnosis_codes AS diagnoses,
             prior_authorization AS auth, referral_number AS referral, statement_from AS sFrom,
             statement_to AS sTo, billing_provider_npi AS npi, fingerprint, import_file_id AS file,
             voided_at AS voided
           FROM claims`,
        )
        .all(),
    ).toEqual([
      {
        number: 'C100',
        status: 'billed',
        total: 12500,
        type: null,
        facility: null,
        frequency: null,
        diagnoses: null,
        auth: null,
        referral: null,
        sFrom: null,
        sTo: null,
        npi: null,
        fingerprint: null,
        file: null,
        voided: null,
      },
    ]);
    expect(
      db.prepare(`SELECT line_number AS n, charge, removed_at AS removed FROM claim_lines`).all(),
    ).toEqual([
      { n: 1, charge: 10000, removed: null },
      { n: 2, charge: 2500, removed: null },
    ]);
    expect(db.prepare(`SELECT sum(amount) AS total FROM ledger_entries`).get()).toEqual({
      total: 12500,
    });
    db.close();
  });

  it('checks the claim type, ties a claim to the file it came from and indexes that tie', () => {
    const db = openDatabase(versionThreeFile());
    expect(() => db.exec(`UPDATE claims SET claim_type = 'dental' WHERE id = 1`)).toThrow(/CHECK/);
    db.exec(`UPDATE claims SET claim_type = 'institutional', import_file_id = 1 WHERE id = 1`);
    expect(() => db.exec(`UPDATE claims SET import_file_id = 99 WHERE id = 1`)).toThrow(
      /FOREIGN KEY/,
    );
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM claims WHERE import_file_id = 1`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/claims_import_file/);
    // the ledger stays append-only through the migration
    expect(() => db.exec(`UPDATE ledger_entries SET amount = 1`)).toThrow(/append-only/);
    db.close();
  });
});
