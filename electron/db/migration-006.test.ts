import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

/** A version-5 file holding an account with ledger rows and an imported remittance file. */
function versionFiveFile(): string {
  return oldVersionFile(
    5,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'sup', 'Sam Supervisor', 'supervisor', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, patient_balance, oldest_open_date)
      VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't', 7000, '2026-01-02');
    INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 'charge', 'patient', 10000, '2026-01-02', 't', 1),
             (1, 'payment', 'patient', -3000, '2026-01-09', 't', 1);
    INSERT INTO import_files (kind, file_name, sha256, byte_size, status, summary, report,
      imported_at, imported_by)
      VALUES ('835', 'era.835', 'abc', 10, 'posted', '1 remittance', '{}', 't', 1);
  `,
  );
}

describe('migration 6 (spreadsheet import mappings)', () => {
  it('migrates a version-5 file, keeping its rows and adding the mappings table', () => {
    const db = openDatabase(versionFiveFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT kind, side, amount FROM ledger_entries ORDER BY id`).all()).toEqual([
      { kind: 'charge', side: 'patient', amount: 10000 },
      { kind: 'payment', side: 'patient', amount: -3000 },
    ]);
    expect(db.prepare(`SELECT patient_balance AS b FROM accounts`).get()).toEqual({ b: 7000 });
    expect(db.prepare(`SELECT kind, file_name AS f FROM import_files`).all()).toEqual([
      { kind: '835', f: 'era.835' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM csv_mappings`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps one mapping per name, whatever its case, and only JSON objects as columns', () => {
    const db = openDatabase(versionFiveFile());
    const save = (name: string, columns: string) => () =>
      db
        .prepare(
          `INSERT INTO csv_mappings (name, columns, created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, 't', 1, 't', 1)`,
        )
        .run(name, columns);
    save('Epic monthly', '{"accountNumber":"Acct #"}')();
    expect(save('EPIC MONTHLY', '{}')).toThrow(/UNIQUE/);
    expect(save('Other', 'not json')).toThrow(/CHECK/);
    expect(save('Other', '["Acct #"]')).toThrow(/CHECK/);
    // a csv import is filed like any other file
    expect(() =>
      db
        .prepare(
          `INSERT INTO import_files (kind, file_name, sha256, byte_size, status, summary, report,
             imported_at, imported_by) VALUES ('csv', 'a.csv', 'x', 1, 'partial', '', '{}', 't', 1)`,
        )
        .run(),
    ).not.toThrow();
    db.close();
  });
});
