import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-11 file with one remittance whose PLB paid interest, took back money and held $0.00. */
function versionElevenFile(): string {
  return oldVersionFile(
    11,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't'), (2, 'cash', 'Carl Cash', 'representative', 't');
    INSERT INTO import_files (id, kind, file_name, sha256, byte_size, status, summary, report,
      imported_at, imported_by)
      VALUES (1, '835', 'era.835', 'x', 1, 'posted', '', '{}', '2026-03-03T10:00:00.000Z', 2);
    INSERT INTO remittances (id, import_file_id, payer_name, payer_identifier, trace_number,
      payment_amount, payment_method, remit_date, claim_count)
      VALUES (1, 1, 'ACME HEALTH', '1999', 'T-1', 10000, 'ACH', '2026-03-02', 0);
    INSERT INTO provider_adjustments (id, remittance_id, provider_id, reason_code, reference_id, amount)
      VALUES (1, 1, 'P1', 'L6', NULL, -1250), (2, 1, 'P1', 'WO', 'ICN-9', 4000),
             (3, 1, 'P1', 'FB', NULL, 0), (4, 1, 'P1', 'XX', NULL, 700);
  `,
  );
}

describe('migration 15 (provider-level adjustments on facility accounts)', () => {
  it('posts the adjustments already imported to facility accounts, on the remittance date', () => {
    const db = openDatabase(versionElevenFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      db
        .prepare(
          `SELECT provider_adjustment_id AS id, account, amount, posting_date AS date,
             claim_id AS claimId, created_at AS at, created_by AS who
           FROM facility_ledger ORDER BY id`,
        )
        .all(),
    ).toEqual([
      // money to the facility: the payer's sign turned; a $0.00 adjustment moves nothing
      {
        id: 1,
        account: 'interest',
        amount: 1250,
        date: '2026-03-02',
        claimId: null,
        at: '2026-03-03T10:00:00.000Z',
        who: 2,
      },
      {
        id: 2,
        account: 'recoveries',
        amount: -4000,
        date: '2026-03-02',
        claimId: null,
        at: '2026-03-03T10:00:00.000Z',
        who: 2,
      },
      {
        id: 4,
        account: 'other',
        amount: -700,
        date: '2026-03-02',
        claimId: null,
        at: '2026-03-03T10:00:00.000Z',
        who: 2,
      },
    ]);
    expect(() => db.prepare(`DELETE FROM facility_ledger WHERE id = 1`).run()).toThrow(
      /append-only/,
    );
    db.close();
  });

  it("finds a day's remittances and a remittance's exceptions by index", () => {
    const db = openDatabase(versionElevenFile());
    // the statistics of a busy office, so the plans are those a large file gets rather
    // than a scan of a few rows
    db.exec(`ANALYZE;
      DELETE FROM sqlite_stat1;
      INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('remittances', 'remittances_date', '20000 3'), ('remittances', NULL, '20000'),
        ('remittance_exceptions', 'remittance_exceptions_remittance', '9000 2'),
        ('remittance_exceptions', NULL, '9000'),
        ('provider_adjustments', 'provider_adjustments_remittance', '5000 2'),
        ('provider_adjustments', NULL, '5000');
      ANALYZE sqlite_schema;`);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(plan(`SELECT id FROM remittances WHERE remit_date = '2026-03-02'`)).toMatch(
      /INDEX remittances_date/,
    );
    expect(plan(`SELECT sum(paid) FROM remittance_exceptions WHERE remittance_id = 1`)).toMatch(
      /INDEX remittance_exceptions_remittance/,
    );
    expect(plan(`SELECT sum(amount) FROM provider_adjustments WHERE remittance_id = 1`)).toMatch(
      /INDEX provider_adjustments_remittance/,
    );
    db.close();
  });
});
