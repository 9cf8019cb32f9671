import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, backupsDir, DOCUMENTS } from '../backups/layout';
import { runBackup } from '../backups/schedule';
import { newDatabaseKey } from '../db/cipher';
import { oneOrThrow } from '../db/query';
import { addAccount, addPerson } from '../testing/builders';
import { callAsync, expectRefusedAsync } from '../testing/call';
import { createEncryptedTestCtx } from '../testing/encrypted-db';
import { holdsName, PATIENT } from '../testing/plain-bytes';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { documentsDir } from './location';
import { isSealed, sealedMarkerPath, sealFiledDocumentsOnce } from './sealed';
import { fileDocument, sha256, type NewDocument } from './store';

let ctx: TestCtx | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

/** A PDF whose bytes name the patient in the clear, as a letter's uncompressed text would. */
const letter = Buffer.from(`%PDF-1.7\n(Dear ${PATIENT},) Tj\n%%EOF\n`, 'utf8');

function filedFiles(databasePath: string): string[] {
  const root = documentsDir(databasePath);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => path.join(root, f))
    .filter((f) => fs.statSync(f).isFile());
}

async function fileLetter(on: TestCtx): Promise<number> {
  const { accountId } = addAccount(on, { patientId: addPerson(on, { last: PATIENT }) });
  const doc: NewDocument = {
    kind: 'statement',
    title: 'Patient statement',
    accountId,
    templateId: 'patient-statement',
    templateCopyId: null,
    documentDate: on.clock.today(),
    pages: 1,
    warnings: [],
  };
  return fileDocument(on, doc, letter, (id) => id);
}

describe('patient data at rest in an encrypted database', () => {
  it('no patient name in the bytes of the database, its WAL, a filed PDF or a backup', async () => {
    const encrypted = createEncryptedTestCtx();
    ctx = encrypted;
    const id = await fileLetter(encrypted);
    const [filed] = filedFiles(encrypted.databasePath);
    expect(filed && isSealed(fs.readFileSync(filed))).toBe(true);
    // before a checkpoint the rows are in the WAL
    expect(fs.statSync(`${encrypted.databasePath}-wal`).size).toBeGreaterThan(0);
    const made = await runBackup({
      databasePath: encrypted.databasePath,
      key: encrypted.databaseKey,
      clock: encrypted.clock,
      folder: backupsDir(encrypted.databasePath, null),
      kind: 'on request',
    });
    expect(made?.check.ok).toBe(true);
    const backup = path.join(backupsDir(encrypted.databasePath, null), made?.id ?? '');
    const backupFiles = (fs.readdirSync(backup, { recursive: true }) as string[])
      .map((f) => path.join(backup, f))
      .filter((f) => fs.statSync(f).isFile());
    expect(backupFiles).toContain(path.join(backup, DATABASE_FILE));
    expect(backupFiles.some((f) => f.startsWith(path.join(backup, DOCUMENTS)))).toBe(true);
    const everyFile = [
      encrypted.databasePath,
      `${encrypted.databasePath}-wal`,
      ...filedFiles(encrypted.databasePath),
      ...backupFiles,
    ];
    for (const file of everyFile) expect(holdsName(file), file).toBe(false);

    // the fingerprint is of the PDF itself, and the one read path gives it back whole
    const row = oneOrThrow<{ sha256: string; bytes: number }>(
      encrypted.db,
      `SELECT sha256, bytes FROM documents WHERE id = ?`,
      id,
    );
    expect(row).toEqual({ sha256: sha256(letter), bytes: letter.length });
    const file = await callAsync(encrypted, 'getDocumentFile', { documentId: id });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(letter)).toBe(true);
    // another database's key does not open it
    await expectRefusedAsync(
      { ...encrypted, databaseKey: newDatabaseKey() },
      'getDocumentFile',
      { documentId: id },
      /does not open with this database's key/,
    );
  });

  it('a plain database files plain PDFs, sealed once when the database is encrypted, and still read', async () => {
    const plain = createTestCtx();
    ctx = plain;
    const id = await fileLetter(plain);
    const [filed] = filedFiles(plain.databasePath);
    expect(holdsName(filed ?? '')).toBe(true);
    const key = newDatabaseKey();
    expect(sealFiledDocumentsOnce(plain.databasePath, key)).toBe(1);
    expect(holdsName(filed ?? '')).toBe(false);
    expect(fs.existsSync(sealedMarkerPath(plain.databasePath))).toBe(true);
    expect(sealFiledDocumentsOnce(plain.databasePath, key)).toBe(0);
    const file = await callAsync({ ...plain, databaseKey: key }, 'getDocumentFile', {
      documentId: id,
    });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(letter)).toBe(true);
  });
});
