import type { AccountId, UserId } from '../../shared/ids';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, type Ctx } from '../core/context';
import { documentsDir } from '../filing/location';
import { fileDocument } from '../filing/store';
import { callAsync } from '../testing/call';
import { TEST_TODAY } from '../testing/test-db';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

const letter = Buffer.from('%PDF-1.7 an appeal filed by an older ClaimDesk');
const run = Buffer.from('%PDF-1.7 a statement run filed by an older ClaimDesk');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A version-10 file with an appeal and a statement run filed the old way: named after
 * their ids, in the "documents" folder every database beside it shared.
 */
function versionTenFile(): string {
  const file = oldVersionFile(
    10,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't');
    INSERT INTO documents (id, kind, title, account_id, template_id, document_date, file_name,
      sha256, pages, bytes, created_at, created_by)
      VALUES (1, 'appeal', 'Appeal', 1, 'appeal-medical-necessity-1', '2026-02-10',
              '2026/02/1-appeal.pdf', '${sha(letter)}', 1, ${letter.length}, 't', 1),
             (2, 'statement_run', 'Statement run', NULL, 'patient-statement', '2026-02-11',
              '2026/02/2-statement-run.pdf', '${sha(run)}', 1, ${run.length}, 't', 1);
  `,
  );
  const shared = path.join(path.dirname(file), 'documents', '2026', '02');
  fs.mkdirSync(shared, { recursive: true });
  fs.writeFileSync(path.join(shared, '1-appeal.pdf'), letter);
  fs.writeFileSync(path.join(shared, '2-statement-run.pdf'), run);
  return file;
}

/** The user the version-10 file's writes are made as (created_by only). */
const FIRST_USER = 1 as UserId;
/** The version-10 file's first account, which the filed statement is about. */
const FIRST_ACCOUNT = 1 as AccountId;

describe('migration 11 (a documents folder per database)', () => {
  it('keeps opening the documents filed in the shared folder, and files new ones in its own', async () => {
    const file = versionTenFile();
    const db = openDatabase(file);
    const ctx: Ctx = { db, clock: fixedClock(TEST_TODAY), userId: FIRST_USER, databasePath: file };
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(
        db.prepare(`SELECT id, folder, file_name AS fileName FROM documents ORDER BY id`).all(),
      ).toEqual([
        { id: 1, folder: 'documents', fileName: '2026/02/1-appeal.pdf' },
        { id: 2, folder: 'documents', fileName: '2026/02/2-statement-run.pdf' },
      ]);
      for (const [documentId, bytes] of [
        [1, letter],
        [2, run],
      ] as const) {
        const pdf = await callAsync(ctx, 'getDocumentFile', { documentId });
        expect(Buffer.from(pdf.pdfBase64, 'base64').equals(bytes)).toBe(true);
      }

      const id = await fileDocument(
        ctx,
        {
          kind: 'statement',
          title: 'Patient statement',
          accountId: FIRST_ACCOUNT,
          templateId: 'patient-statement',
          templateCopyId: null,
          documentDate: TEST_TODAY,
          pages: 1,
          warnings: [],
        },
        letter,
        (documentId) => documentId,
      );
      expect(id).toBe(3);
      expect(db.prepare(`SELECT folder FROM documents WHERE id = 3`).get()).toEqual({
        folder: 'v10.sqlite-documents',
      });
      expect(fs.readdirSync(path.join(documentsDir(file), '2026', '03'))).toEqual([
        expect.stringMatching(/^3-statement-[0-9a-f]{12}\.pdf$/),
      ]);
      // the shared folder is read, never written
      expect(fs.readdirSync(path.join(path.dirname(file), 'documents', '2026', '02'))).toEqual([
        '1-appeal.pdf',
        '2-statement-run.pdf',
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps the folder as append-only as the rest of the row, and inside the database folder', () => {
    const db = openDatabase(versionTenFile());
    try {
      expect(() =>
        db.prepare(`UPDATE documents SET folder = 'v10.sqlite-documents' WHERE id = 1`).run(),
      ).toThrow(/append-only/);
      const insert = (folder: string) =>
        db
          .prepare(
            `INSERT INTO documents (kind, title, account_id, document_date, folder, file_name,
               sha256, pages, bytes, created_at, created_by)
             VALUES ('appeal', 'A', 1, '2026-03-16', ?, ?, '${'a'.repeat(64)}', 1, 1, 't', 1)`,
          )
          .run(folder, `2026/03/${folder.length}.pdf`);
      expect(() => insert('../elsewhere')).toThrow(/CHECK/);
      expect(() => insert('.hidden')).toThrow(/CHECK/);
      expect(() => insert('')).toThrow(/CHECK/);
      expect(() => insert('x.sqlite-documents')).not.toThrow();
    } finally {
      db.close();
    }
  });
});
