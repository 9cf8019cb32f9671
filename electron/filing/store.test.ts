import type { AccountId } from '../../shared/ids';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderStatement } from '../documents/statement-layout';
import { sampleStatementData } from '../documents/sample-data';
import { addAccount } from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { createTestCtx, rowCount, type TestCtx } from '../testing/test-db';
import { openDatabase } from '../db/open';
import { ensureUser } from '../users/users';
import { documentsDir, stagingDir } from './location';
import { onFilingStep, type FilingStep } from './steps';
import { stagedFileName } from './staging';
import {
  discardStaged,
  fileDocument,
  fileStaged,
  removeAbandonedStaging,
  stageDocument,
  type NewDocument,
} from './store';

let ctx: TestCtx;
let pdf: Buffer;
beforeAll(async () => {
  pdf = (await renderStatement(sampleStatementData())).pdf;
});
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => {
  onFilingStep(null);
  ctx.close();
});

/** Makes the file system fail with `code` at `step`, as a full disk or a read-only folder does. */
function failAt(step: FilingStep, code: string): void {
  onFilingStep((at) => {
    if (at === step) throw Object.assign(new Error(`${code}: simulated`), { code });
  });
}

/** Every file under the documents folder, relative to it. */
function filesOnDisk(): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .sort();
}

function statement(accountId: AccountId): NewDocument {
  return {
    kind: 'statement',
    title: 'Patient statement',
    accountId,
    templateId: 'patient-statement',
    templateCopyId: null,
    documentDate: ctx.clock.today(),
    pages: 1,
    warnings: ['Office hours has no data and prints as [BILLING OFFICE HOURS].'],
  };
}

describe('the document store', () => {
  it('files a PDF by year and month, lists it on the account and gives the same bytes back', async () => {
    const { accountId } = addAccount(ctx, { number: 'A555' });
    const id = await fileDocument(ctx, statement(accountId), pdf, (documentId) => documentId);
    expect(filesOnDisk()).toEqual([
      expect.stringMatching(
        new RegExp(`^2026\\${path.sep}03\\${path.sep}${id}-statement-[0-9a-f]{12}\\.pdf$`),
      ),
    ]);

    const [view] = call(ctx, 'listAccountDocuments', { accountId });
    expect(view).toEqual({
      documentId: id,
      kind: 'statement',
      title: 'Patient statement',
      accountId,
      claimId: null,
      denialId: null,
      templateId: 'patient-statement',
      pages: 1,
      createdAt: ctx.clock.now(),
      createdBy: 'Rita Representative',
      sentDate: null,
      sentBy: null,
      warnings: ['Office hours has no data and prints as [BILLING OFFICE HOURS].'],
      removedAt: null,
    });

    const file = await callAsync(ctx, 'getDocumentFile', { documentId: id });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(pdf)).toBe(true);
    expect(file.fileName).toBe('patient-statement-A555-2026-03-16.pdf');
    expect(file.pages).toBe(1);
  });

  it('refuses to show a filed file that changed or went missing', async () => {
    const { accountId } = addAccount(ctx);
    const id = await fileDocument(ctx, statement(accountId), pdf, (documentId) => documentId);
    const [name] = filesOnDisk();
    const file = path.join(documentsDir(ctx.databasePath), name ?? '');
    const changed = Buffer.from(pdf);
    changed.writeUInt8(changed.readUInt8(changed.length - 10) ^ 1, changed.length - 10);
    fs.writeFileSync(file, changed);
    await expectRefusedAsync(
      ctx,
      'getDocumentFile',
      { documentId: id },
      /"Patient statement" of 03\/16\/2026 has changed since it was filed/,
    );
    fs.rmSync(file);
    await expectRefusedAsync(
      ctx,
      'getDocumentFile',
      { documentId: id },
      /is missing from the documents folder/,
    );
    await expectRefusedAsync(ctx, 'getDocumentFile', { documentId: id + 1 }, /not found/);
  });

  it('files nothing, row or file, when the rest of the action fails', async () => {
    const { accountId } = addAccount(ctx);
    await expect(
      fileDocument(ctx, statement(accountId), pdf, () => {
        ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(accountId);
        throw new Error('the action failed after the row went in');
      }),
    ).rejects.toThrow('the action failed');
    expect(rowCount(ctx, 'documents')).toBe(0);
    expect(filesOnDisk()).toEqual([]);
    expect(fs.readdirSync(stagingDir(ctx.databasePath))).toEqual([]);
    expect(ctx.db.prepare(`SELECT status FROM accounts`).get()).toEqual({ status: 'open' });
  });

  it('says what to do about a full disk or a read-only folder, and leaves no row or file', async () => {
    const { accountId } = addAccount(ctx);
    failAt('stage-opened', 'ENOSPC');
    await expect(fileDocument(ctx, statement(accountId), pdf, (id) => id)).rejects.toThrow(
      /The disk that holds the documents folder is full, so nothing was filed\. Free some space/,
    );
    // a multi-document filing that fails after its first file was moved into place
    onFilingStep(null);
    const staged = [
      await stageDocument(ctx, statement(accountId), pdf),
      await stageDocument(ctx, statement(accountId), pdf),
    ];
    failAt('file-moved', 'EROFS');
    expect(() => fileStaged(ctx, staged, (ids) => ids)).toThrow(
      /may not write to the documents folder \(it is read-only for you\), so nothing was filed/,
    );
    expect(rowCount(ctx, 'documents')).toBe(0);
    expect(filesOnDisk()).toEqual([]);

    onFilingStep(null);
    await fileDocument(ctx, statement(accountId), pdf, (id) => id);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('keeps two databases in one folder apart', async () => {
    const other = path.join(ctx.dir, 'other.sqlite');
    const second = { ...ctx, databasePath: other, db: openDatabase(other) };
    second.userId = ensureUser(second.db, 'rep.one', 'Rita', ctx.clock.now());
    try {
      const mine = await fileDocument(ctx, statement(addAccount(ctx).accountId), pdf, (i) => i);
      const theirs = await fileDocument(
        second,
        statement(addAccount(second).accountId),
        pdf,
        (i) => i,
      );
      // both are document 1, each in its own folder named after its database
      expect([mine, theirs]).toEqual([1, 1]);
      expect(documentsDir(other)).toBe(path.join(ctx.dir, 'other.sqlite-documents'));
      expect(documentsDir(ctx.databasePath)).toBe(path.join(ctx.dir, 'test.sqlite-documents'));
      expect(fs.readdirSync(documentsDir(other), { recursive: true })).toHaveLength(4);
      const file = await callAsync(second, 'getDocumentFile', { documentId: 1 });
      expect(Buffer.from(file.pdfBase64, 'base64').equals(pdf)).toBe(true);
    } finally {
      second.db.close();
    }
  });

  it("clears only this process's own abandoned staged files before a statement run", async () => {
    const dir = stagingDir(ctx.databasePath);
    const inUse = await stageDocument(ctx, statement(addAccount(ctx).accountId), pdf);
    fs.writeFileSync(path.join(dir, stagedFileName()), pdf);
    const otherWorkstation = stagedFileName(process.ppid);
    fs.writeFileSync(path.join(dir, otherWorkstation), pdf);
    removeAbandonedStaging(ctx.databasePath);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [path.basename(inUse.tempPath), otherWorkstation].sort(),
    );
    discardStaged([inUse]);
  });

  it('refuses the documents of an account that does not exist', () => {
    expectRefused(ctx, 'listAccountDocuments', { accountId: 999 }, /The account was not found/);
  });
});
