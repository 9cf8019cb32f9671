import { describe, expect, it } from 'vitest';
import { all, one, run } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/** A version-26 file with an account the demo calls ready for agency placement. */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'sup', 'Sam Sup', 'supervisor', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, status, created_at, patient_balance)
      VALUES (1, 'A-1', 1, 1, '2025-01-05', 'self_pay', 'open', 't', 12000);
  `,
  );
}

describe('migration 28: collection agencies', () => {
  it('keeps the accounts as they were, adds the commission reason, and keeps placements as placed', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(one(db, `SELECT status, patient_balance AS b FROM accounts`)).toEqual({
      status: 'open',
      b: 12000,
    });
    expect(
      one(db, `SELECT label, category FROM adjustment_reasons WHERE code = 'AGENCY_COMMISSION'`),
    ).toEqual({ label: 'Collection agency commission', category: 'administrative' });
    expect(all(db, `SELECT * FROM agencies`)).toEqual([]);
    db.transaction(() => {
      run(
        db,
        `INSERT INTO agencies (id, name, columns, commission_bps, remittance, created_at,
           created_by, updated_at, updated_by) VALUES (1, 'Coastal', '["account"]', 2500, 'net',
           't', 1, 't', 1)`,
      );
      run(
        db,
        `INSERT INTO agency_placement_batches (id, agency_id, placed_on, columns, account_count,
           balance, created_at, created_by) VALUES (1, 1, '2026-03-01', '["account"]', 1, 12000, 't', 1)`,
      );
      run(
        db,
        `INSERT INTO agency_placements (agency_id, batch_id, account_id, placed_on, balance_placed)
           VALUES (1, 1, 1, '2026-03-01', 12000)`,
      );
    })();
    // one open placement per account, and a placement's facts never change
    expect(() =>
      run(
        db,
        `INSERT INTO agency_placements (agency_id, batch_id, account_id, placed_on, balance_placed)
           VALUES (1, 1, 1, '2026-03-02', 12000)`,
      ),
    ).toThrow(/UNIQUE/);
    expect(() => run(db, `UPDATE agency_placements SET balance_placed = 1`)).toThrow(
      /kept as placed/,
    );
    run(
      db,
      `UPDATE agency_placements SET recalled_on = '2026-03-05', recalled_at = 't', recalled_by = 1,
         recall_reason = 'Paid'`,
    );
    expect(() => run(db, `UPDATE agency_placements SET recall_reason = 'Other'`)).toThrow(
      /kept as placed/,
    );
    db.close();
  });
});
