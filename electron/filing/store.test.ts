import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderStatement } from '../documents/statement-layout';
import { sampleStatementData } from '../documents/sample-data';
import { addAccount } from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { createTestCtx, rowCount, type TestCtx } from '../testing/test-db';
import { documentsDir, stagingDir } from './location';
import { fileDocument, type NewDocument } from './store';

let ctx: TestCtx;
let pdf: Buffer;
beforeAll(async () => {
  pdf = (await renderStatement(sampleStatementData())).pdf;
});
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

/** Every file under the documents folder, relative to it. */
function filesOnDisk(): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .sort();
}

function statement(accountId: number): NewDocument {
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
    expect(filesOnDisk()).toEqual([`2026${path.sep}03${path.sep}${id}-statement.pdf`]);

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

  it('refuses the documents of an account that does not exist', () => {
    expectRefused(ctx, 'listAccountDocuments', { accountId: 999 }, /The account was not found/);
  });
});
