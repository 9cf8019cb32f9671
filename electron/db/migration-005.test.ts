import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion, type Db } from './open';

/** A version-4 file holding an account with ledger rows and a denied claim being worked. */
function versionFourFile(): string {
  return oldVersionFile(
    4,
    `
    INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'u', 'U', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO payers (id, name, payer_code, financial_class, timely_filing_days, appeal_window_days)
      VALUES (1, 'Acme', 'A1', 'commercial', 90, 180);
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at, insurance_balance, patient_balance)
      VALUES (1, 'A100', 1, 1, '2026-01-02', 'commercial', 't', 10000, 2000);
    INSERT INTO claims (id, claim_number, account_id, payer_id, total_charge, created_at)
      VALUES (1, 'C100', 1, 1, 12000, 't');
    INSERT INTO ledger_entries (account_id, claim_id, kind, side, amount, posting_date, created_at, created_by)
      VALUES (1, 1, 'charge', 'insurance', 12000, '2026-01-02', 't', 1),
             (1, 1, 'transfer', 'insurance', -2000, '2026-02-01', 't', 1),
             (1, 1, 'transfer', 'patient', 2000, '2026-02-01', 't', 1);
    INSERT INTO follow_ups (id, account_id, claim_id, kind, due_date, created_at, created_by)
      VALUES (1, 1, 1, 'denial', '2026-02-01', 't', 1);
    INSERT INTO denials (id, claim_id, follow_up_id, category, action, codes, amount, remit_date,
      deadline_date, created_at, updated_at, updated_by)
      VALUES (1, 1, 1, 'medical_necessity', 'appeal', 'CO-50', 10000, '2026-02-01', '2026-07-31',
        't', 't', 1);
  `,
  );
}

function fileDocument(db: Db, over: Record<string, unknown> = {}): number {
  const row = {
    kind: 'appeal',
    accountId: 1,
    fileName: `2026/03/${Math.random()}.pdf`,
    sha256: 'a'.repeat(64),
    warnings: '[]',
    ...over,
  };
  return Number(
    db
      .prepare(
        `INSERT INTO documents (kind, title, account_id, claim_id, denial_id, template_id,
           document_date, file_name, sha256, pages, bytes, warnings, created_at, created_by)
         VALUES (@kind, 'Appeal', @accountId, 1, 1, 'appeal-medical-necessity-1', '2026-03-16',
           @fileName, @sha256, 1, 1000, @warnings, 't', 1)`,
      )
      .run(row).lastInsertRowid,
  );
}

describe('migration 5 (documents and template copies)', () => {
  it('migrates a version-4 file with ledger rows and a denial, keeping them', () => {
    const db = openDatabase(versionFourFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT kind, side, amount FROM ledger_entries ORDER BY id`).all()).toEqual([
      { kind: 'charge', side: 'insurance', amount: 12000 },
      { kind: 'transfer', side: 'insurance', amount: -2000 },
      { kind: 'transfer', side: 'patient', amount: 2000 },
    ]);
    expect(db.prepare(`SELECT state, codes FROM denials`).get()).toEqual({
      state: 'new',
      codes: 'CO-50',
    });
    for (const table of ['documents', 'template_copies', 'template_in_use']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    db.close();
  });

  it('keeps documents append-only: the sent date is recorded once and nothing else changes', () => {
    const db = openDatabase(versionFourFile());
    const id = fileDocument(db);
    expect(() => db.prepare(`UPDATE documents SET title = 'Other' WHERE id = ?`).run(id)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare(`DELETE FROM documents WHERE id = ?`).run(id)).toThrow(/append-only/);
    // sent date, who and when go together
    expect(() =>
      db.prepare(`UPDATE documents SET sent_date = '2026-03-17' WHERE id = ?`).run(id),
    ).toThrow(/CHECK/);
    db.prepare(
      `UPDATE documents SET sent_date = '2026-03-17', sent_by = 1, sent_at = 't' WHERE id = ?`,
    ).run(id);
    expect(() =>
      db
        .prepare(
          `UPDATE documents SET sent_date = '2026-03-18', sent_by = 1, sent_at = 't' WHERE id = ?`,
        )
        .run(id),
    ).toThrow(/only the sent date is recorded, once/);
    expect(db.prepare(`SELECT sent_date AS d FROM documents`).get()).toEqual({ d: '2026-03-17' });
    db.close();
  });

  it('checks kinds, hashes, warnings, unique file names and that only a run has no account', () => {
    const db = openDatabase(versionFourFile());
    expect(() => fileDocument(db, { kind: 'fax' })).toThrow(/CHECK/);
    expect(() => fileDocument(db, { sha256: 'abc' })).toThrow(/CHECK/);
    expect(() => fileDocument(db, { warnings: '{"a":1}' })).toThrow(/CHECK/);
    expect(() => fileDocument(db, { kind: 'statement_run' })).toThrow(/CHECK/);
    expect(() => fileDocument(db, { kind: 'statement', accountId: null })).toThrow(/CHECK/);
    expect(() => fileDocument(db, { kind: 'statement_run', accountId: null })).not.toThrow();
    fileDocument(db, { fileName: '2026/03/1-appeal.pdf' });
    expect(() => fileDocument(db, { fileName: '2026/03/1-appeal.pdf' })).toThrow(/UNIQUE/);
    db.close();
  });

  it('puts at most one copy in use per template', () => {
    const db = openDatabase(versionFourFile());
    const copy = () =>
      Number(
        db
          .prepare(
            `INSERT INTO template_copies (template_id, name, text, valid, created_at, created_by,
               updated_at, updated_by) VALUES ('patient-statement', 'Ours', '---', 1, 't', 1, 't', 1)`,
          )
          .run().lastInsertRowid,
      );
    const first = copy();
    const second = copy();
    const use = (copyId: number) =>
      db
        .prepare(
          `INSERT INTO template_in_use (template_id, copy_id, set_at, set_by)
           VALUES ('patient-statement', ?, 't', 1)`,
        )
        .run(copyId);
    use(first);
    expect(() => use(second)).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO template_copies (template_id, name, text, valid, created_at,
        created_by, updated_at, updated_by) VALUES ('x', 'y', 'z', 2, 't', 1, 't', 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
