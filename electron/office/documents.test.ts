import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { isoDate } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { documentsDir, stagingDir } from '../filing/location';
import { addAddress, addBilledClaim, addPayer } from '../testing/builders';
import { isSealed } from '../filing/sealed';
import { call, callAsync, expectRefusedAsync } from '../testing/call';
import { claimFileText, testClaim } from '../testing/claims';
import type { Desktop } from '../testing/office/desktops';
import { sealedDesktop as withKey, syncAll, twoDesktops } from '../testing/office/desktops';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { officeFailure } from './failure';
import type { ServerConfig } from './server/connection';
import { localIdOf } from './gids';
import { fileLetter } from '../testing/office/filed';

/** A letterhead, and a self-pay balance owed by a patient with an address, on the first copy. */
function owing(ctx: Ctx, accountId: AccountId): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO facility (id, name, line1, city, state, zip, phone, remit_to)
       VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
         '(207) 555-0100', 'Harbor Point Hospital, PO Box 9050, Portland, ME 04104')`,
  );
  const { patientId } = oneOrThrow<{ patientId: number }>(
    ctx.db,
    `SELECT patient_id AS patientId FROM accounts WHERE id = ?`,
    accountId,
  );
  addAddress(ctx, patientId);
  // billed two months before, so a past-due notice has something to say
  const billed = { ...ctx, clock: fixedClock(isoDate('2026-01-10')) };
  addBilledClaim(billed, accountId, addPayer(ctx, { name: 'Self pay' }), [43_275], 'patient');
}

async function openPdf(d: Desktop, documentId: number): Promise<Buffer> {
  const file = await callAsync(d.ctx, 'getDocumentFile', { documentId });
  return Buffer.from(file.pdfBase64, 'base64');
}

/** The same document at B as at A: B's local id for A's document. */
function onB(a: Desktop, b: Desktop, documentId: number): number {
  const gid = oneOrThrow<{ gid: string }>(
    a.ctx.db,
    `SELECT gid FROM sync_rows WHERE tbl = 'documents' AND local_id = ?`,
    documentId,
  ).gid;
  const id = localIdOf(b.ctx.db, 'documents', gid);
  if (id === undefined) throw new Error(`B has no document ${gid}`);
  return id;
}

/** Every file in a desktop's documents folder, staging included. */
function filesOf(ctx: Ctx): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

const PDF = Buffer.from('%PDF-1.7\n(Statement of account) Tj\n%%EOF\n', 'utf8');

describeWithPg('filed documents in the office', () => {
  it('a letter filed at A is listed on the account at B and opens there with the same bytes', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const accountId = accountIds[0] as AccountId;
    const doc = await callAsync(a.ctx, 'generatePatientLetter', {
      accountId,
      letter: 'past-due-notice',
    });
    const filed = await openPdf(a, doc.documentId);

    await syncAll(a, b);
    const there = onB(a, b, doc.documentId);
    const listed = await callAsync(b.ctx, 'listAccountDocuments', { accountId });
    expect(listed.map((d) => [d.documentId, d.kind, d.title])).toEqual([
      [there, 'letter', 'Past-due notice'],
    ]);
    expect((await openPdf(b, there)).equals(filed)).toBe(true);
    expect(await serverCount(server, `SELECT count(*) AS n FROM document_files`)).toBe(1);
    for (const d of [a, b]) expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(fs.readdirSync(stagingDir(b.ctx.databasePath))).toEqual([]);

    // the fingerprint check still applies at B: a file changed on its disk is refused
    const { folder, fileName } = oneOrThrow<{ folder: string; fileName: string }>(
      b.ctx.db,
      `SELECT folder, file_name AS fileName FROM documents WHERE id = ?`,
      there,
    );
    fs.appendFileSync(path.join(path.dirname(b.ctx.databasePath), folder, fileName), ' ');
    await expectRefusedAsync(
      b.ctx,
      'getDocumentFile',
      { documentId: there },
      /has changed since it was filed, so it is not the record any more/,
    );
  });

  it('the same bytes filed twice, at one desktop or two, are one file on the server', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2);
    const [first, second] = accountIds as [AccountId, AccountId];
    const one = await fileLetter(a.ctx, first, PDF);
    const two = await fileLetter(a.ctx, second, PDF);
    const three = await fileLetter(b.ctx, first, PDF);
    await syncAll(a, b);
    expect(await serverCount(server, `SELECT count(*) AS n FROM documents`)).toBe(3);
    expect(await serverCount(server, `SELECT count(*) AS n FROM document_files`)).toBe(1);
    expect((await openPdf(b, onB(a, b, one))).equals(PDF)).toBe(true);
    expect((await openPdf(b, onB(a, b, two))).equals(PDF)).toBe(true);
    expect((await openPdf(a, onB(b, a, three))).equals(PDF)).toBe(true);
  });

  it('a file changed on the server is refused at B with the fingerprint message, nothing of it kept', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const accountId = accountIds[0] as AccountId;
    await fileLetter(a.ctx, accountId, PDF);
    await a.sync.sync();
    const before = filesOf(b.ctx);
    const cursor = oneOrThrow<{ c: string }>(b.ctx.db, `SELECT cursor AS c FROM office_link`).c;

    // changed behind the server's back: its own safeguards taken off first
    const admin = new pg.Client(server);
    await admin.connect();
    try {
      await admin.query(`ALTER TABLE document_files DISABLE TRIGGER document_files_insert_only`);
      await admin.query(`ALTER TABLE document_files DROP CONSTRAINT document_files_hash`);
      await admin.query(
        `UPDATE document_files SET bytes = overlay(bytes PLACING '\\x58'::bytea FROM 12)`,
      );
    } finally {
      await admin.end();
    }

    const refused = await b.sync.pull().then(
      () => expect.fail('the pull took a changed file'),
      (error: unknown) => error,
    );
    // the worker's status line says it in these words
    expect(officeFailure(refused, server)).toMatch(
      /^The file of "Itemized bill" of \d\d\/\d\d\/\d{4} on the office server has changed since it was filed, so it is not the record any more and was not taken/,
    );
    expect(all(b.ctx.db, `SELECT id FROM documents`)).toEqual([]);
    expect(filesOf(b.ctx)).toEqual(before);
    expect(oneOrThrow<{ c: string }>(b.ctx.db, `SELECT cursor AS c FROM office_link`).c).toBe(
      cursor,
    );
  });

  it('an encrypted desktop sends its sealed file plain, and an encrypted desktop seals the copy it takes', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const sealedA = await withKey(a, server);
    const sealedB = await withKey(b, server);
    await fileLetter(sealedA.ctx, accountIds[0] as AccountId, PDF);
    expect(filesOf(a.ctx).every((f) => isSealed(fileAt(a.ctx, f)))).toBe(true);
    await sealedA.sync.sync();
    expect(await serverBytes(server)).toEqual([PDF]);

    await sealedB.sync.pull();
    const [taken] = all<{ id: number }>(b.ctx.db, `SELECT id FROM documents`);
    const pulled = filesOf(b.ctx);
    expect(pulled).toHaveLength(1);
    expect(isSealed(fileAt(b.ctx, pulled[0] as string))).toBe(true);
    expect((await openPdf(sealedB, taken?.id as number)).equals(PDF)).toBe(true);
    // sealed with B's own key: without it the file does not open
    await expectRefusedAsync(
      b.ctx,
      'getDocumentFile',
      { documentId: taken?.id },
      /does not open with this database's key/,
    );
  });

  it('a document on an account the office refused stays at its desktop, with the account', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234');
    importClaim(b, '100234');
    const mine = oneOrThrow<{ id: AccountId }>(
      b.ctx.db,
      `SELECT id FROM accounts WHERE account_number = '100234'`,
    ).id;
    const documentId = await fileLetter(b.ctx, mine, PDF);
    await a.sync.sync();
    expect((await b.sync.sync()).push.accepted).toBe(0);

    expect(
      all<{ tbl: string; gid: string }>(
        b.ctx.db,
        `SELECT tbl, gid FROM sync_rows WHERE tbl IN ('accounts', 'documents') ORDER BY tbl`,
      ),
    ).toEqual([
      { tbl: 'accounts', gid: `own:${mine}` },
      { tbl: 'documents', gid: `own:${documentId}` },
    ]);
    expect((await openPdf(b, documentId)).equals(PDF)).toBe(true);
    expect(await serverCount(server, `SELECT count(*) AS n FROM documents`)).toBe(0);
    expect(await serverCount(server, `SELECT count(*) AS n FROM document_files`)).toBe(0);
  });

  it('a document whose account waits for its place is written with its file once the place frees', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234');
    importClaim(b, '100234');
    const theirs = oneOrThrow<{ id: AccountId }>(
      a.ctx.db,
      `SELECT id FROM accounts WHERE account_number = '100234'`,
    ).id;
    const documentId = await fileLetter(a.ctx, theirs, PDF);
    await a.sync.sync();
    // B takes first: its own account holds the number, so A's and the document on it wait
    await b.sync.pull();
    const held = () =>
      all<{ tbl: string }>(b.ctx.db, `SELECT tbl FROM sync_held ORDER BY tbl`).map((r) => r.tbl);
    expect(held()).toContain('documents');
    // a file with no row yet is what the scan at open sets aside
    for (const f of filesOf(b.ctx)) fs.rmSync(path.join(documentsDir(b.ctx.databasePath), f));

    // B's account is refused and withdrawn: A's is placed, the document waits for its file
    expect((await b.sync.push()).accepted).toBe(0);
    expect(held()).toEqual(['documents']);
    expect(all(b.ctx.db, `SELECT id FROM documents`)).toEqual([]);
    await b.sync.pull();
    expect(held()).toEqual([]);
    expect((await openPdf(b, onB(a, b, documentId))).equals(PDF)).toBe(true);
  });
});

const fileAt = (ctx: Ctx, name: string) =>
  fs.readFileSync(path.join(documentsDir(ctx.databasePath), name));

async function serverBytes(server: ServerConfig): Promise<Buffer[]> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    return (await client.query<{ bytes: Buffer }>(`SELECT bytes FROM document_files`)).rows.map(
      (r) => r.bytes,
    );
  } finally {
    await client.end();
  }
}

function withAcme(ctx: Ctx): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO payers (name, payer_code, financial_class, timely_filing_days,
         appeal_window_days) VALUES ('Acme Health Plan', 'ACME01', 'commercial', 180, 180)`,
  );
}

/** A claim file that creates its account, at one desktop. */
function importClaim(d: Desktop, pcn: string): void {
  const report = call(d.ctx, 'importFile', {
    fileName: `${pcn}.837`,
    text: claimFileText([testClaim(pcn, [12_000])]),
  });
  expect(report.status).toBe('posted');
}
