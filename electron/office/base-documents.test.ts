import fs from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { documentsDir, recordedPath } from '../filing/location';
import { callAsync } from '../testing/call';
import { fileLetter } from '../testing/office/filed';
import { desktopOver, officeBeforeUpload } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx } from '../testing/test-db';
import type { Ctx } from '../core/context';
import { downloadOfficeCopy } from './download';
import { officeLink } from './gids';
import { OfficeRefused } from './refused';
import { OfficeSync } from './sync';

const PDF = Buffer.from('%PDF-1.7\n(Itemized bill, filed before the office) Tj\n%%EOF\n', 'utf8');

/** A standalone desktop with a letter filed on its first account, before any office. */
async function withLetter() {
  const ctx = createTestCtx();
  onTestFinished(() => ctx.close());
  const [accountId] = officeBeforeUpload(ctx) as [AccountId];
  const documentId = await fileLetter(ctx, accountId, PDF);
  return { ctx, accountId, documentId };
}

async function makeOffice(ctx: Ctx, server: Parameters<typeof downloadOfficeCopy>[0]) {
  const sync = new OfficeSync(ctx, server, 'desktop 1');
  try {
    await sync.createOffice();
  } finally {
    await sync.close();
  }
}

describeWithPg('documents filed before the office', () => {
  it('go with the office’s copy and open at a desktop that joins', async () => {
    const server = await createServerDatabase();
    const { ctx, accountId, documentId } = await withLetter();
    await makeOffice(ctx, server);

    const target = path.join(ctx.dir, 'joined', 'claimdesk.sqlite');
    await downloadOfficeCopy(server, target, 'desktop 2');
    const joined = desktopOver(target, ctx.userId);
    onTestFinished(() => {
      joined.db.close();
    });
    const listed = await callAsync(joined, 'listAccountDocuments', { accountId });
    expect(listed.map((d) => d.documentId)).toContain(documentId);
    const opened = await callAsync(joined, 'getDocumentFile', { documentId });
    expect(Buffer.from(opened.pdfBase64, 'base64')).toEqual(PDF);
    // in the folder the row names, beside the joined database, not in the first desktop's
    const row = oneOrThrow<{ folder: string; fileName: string }>(
      joined.db,
      `SELECT folder, file_name AS fileName FROM documents WHERE id = ?`,
      documentId,
    );
    const file = recordedPath(target, row.folder, row.fileName);
    expect(file?.startsWith(path.dirname(target))).toBe(true);
    expect(fs.readFileSync(file ?? '')).toEqual(PDF);
  });

  it('refuses the office when a filed document’s file is missing, and stays standalone', async () => {
    const server = await createServerDatabase();
    const { ctx } = await withLetter();
    fs.rmSync(documentsDir(ctx.databasePath), { recursive: true, force: true });
    const made = makeOffice(ctx, server);
    await expect(made).rejects.toBeInstanceOf(OfficeRefused);
    await expect(made).rejects.toThrow(
      /^The office was not made: 1 filed document’s file is missing or changed in the documents folder/,
    );
    expect(officeLink(ctx.db)).toBeUndefined();
    expect(all(ctx.db, `SELECT seq FROM outbox`)).toEqual([]);
  });

  it('joins nothing when a file on the server has changed, leaving no folder behind', async () => {
    const server = await createServerDatabase();
    const { ctx } = await withLetter();
    await makeOffice(ctx, server);
    const pg = await import('pg');
    const admin = new pg.default.Client(server);
    await admin.connect();
    try {
      // as a person with the server's own rights might: the checks are taken away first
      await admin.query(`ALTER TABLE document_files DISABLE TRIGGER USER`);
      await admin.query(
        `ALTER TABLE document_files DROP CONSTRAINT document_files_hash,
           DROP CONSTRAINT document_files_size`,
      );
      await admin.query(`UPDATE document_files SET bytes = 'not the letter'::bytea`);
    } finally {
      await admin.end();
    }
    const folder = path.join(ctx.dir, 'joined');
    await expect(
      downloadOfficeCopy(server, path.join(folder, 'claimdesk.sqlite'), 'desktop 2'),
    ).rejects.toThrow(/is missing or has changed on the server, so this desktop did not join/);
    expect(fs.existsSync(folder)).toBe(false);
  });
});
