import type { AccountId } from '../../shared/ids';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleStatementData } from '../documents/sample-data';
import { renderStatement } from '../documents/statement-layout';
import { openDatabase } from '../db/open';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call, callAsync } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { documentsDir, setAsideDir, stagingDir } from './location';
import { stagedFileName } from './staging';
import { fileDocument, type NewDocument } from './store';
import { setAsideStamp, sweepDocuments } from './sweep';

let ctx: TestCtx;
let pdf: Buffer;
beforeAll(async () => {
  pdf = (await renderStatement(sampleStatementData())).pdf;
});
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function statement(accountId: AccountId): NewDocument {
  return {
    kind: 'statement',
    title: 'Patient statement',
    accountId,
    templateId: 'patient-statement',
    templateCopyId: null,
    documentDate: ctx.clock.today(),
    pages: 1,
    warnings: [],
  };
}

function put(dir: string, name: string, bytes: Buffer | string = pdf): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  return name;
}

/** A process id that has certainly ended: a child that ran and exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 0;
}

const stamp = () => setAsideStamp(ctx.clock.now());

describe('the scan of the documents folder at open', () => {
  it('sets aside files with no document and staged files of ended processes, and nothing else', async () => {
    const { accountId } = addAccount(ctx);
    const id = await fileDocument(ctx, statement(accountId), pdf, (documentId) => documentId);
    const month = path.join(documentsDir(ctx.databasePath), '2026', '03');
    const orphan = put(month, '7-statement-0123456789ab.pdf');
    put(month, 'Thumbs.db', 'not ours');
    const staging = stagingDir(ctx.databasePath);
    const crashed = put(staging, stagedFileName(deadPid()));
    const mine = put(staging, stagedFileName());
    const otherComputer = put(staging, `frontdesk2~${deadPid()}~${crypto.randomUUID()}.pdf`);
    const unknown = put(staging, 'left-over.pdf');

    const report = sweepDocuments(ctx);
    expect(report.notDone).toBeNull();
    expect([...report.setAside].sort()).toEqual(
      [
        `${stamp()}/filed/2026/03/${orphan}`,
        `${stamp()}/staged/${crashed}`,
        `${stamp()}/staged/${unknown}`,
      ].sort(),
    );
    for (const rel of report.setAside) {
      expect(fs.readFileSync(path.join(setAsideDir(ctx.databasePath), rel)).equals(pdf)).toBe(true);
    }
    // a live process's staged file, one from another computer and what is not a PDF stay
    expect(fs.readdirSync(staging).sort()).toEqual([mine, otherComputer].sort());
    expect(fs.readdirSync(month)).toContain('Thumbs.db');
    const file = await callAsync(ctx, 'getDocumentFile', { documentId: id });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(pdf)).toBe(true);
    // once set aside, a second scan finds nothing more
    expect(sweepDocuments(ctx).setAside).toEqual([]);
  });

  it('sets aside what a newer copy filed when an older database is restored beside its folder', async () => {
    const { accountId } = addAccount(ctx);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const older = path.join(ctx.dir, 'older.sqlite');
    fs.copyFileSync(ctx.databasePath, older);
    await fileDocument(ctx, statement(accountId), pdf, (documentId) => documentId);
    const [newer] = fs.readdirSync(path.join(documentsDir(ctx.databasePath), '2026', '03'));

    ctx.db.close();
    fs.rmSync(`${ctx.databasePath}-wal`, { force: true });
    fs.copyFileSync(older, ctx.databasePath);
    ctx.db = openDatabase(ctx.databasePath);
    expect(sweepDocuments(ctx).setAside).toEqual([`${stamp()}/filed/2026/03/${newer}`]);
    // the id comes back, under a name of its own
    const id = await fileDocument(ctx, statement(accountId), pdf, (documentId) => documentId);
    expect(id).toBe(1);
    const file = await callAsync(ctx, 'getDocumentFile', { documentId: id });
    expect(Buffer.from(file.pdfBase64, 'base64').equals(pdf)).toBe(true);
  });

  it('leaves filed files alone while another workstation holds the write lock', () => {
    const month = path.join(documentsDir(ctx.databasePath), '2026', '03');
    const orphan = put(month, '3-letter-0123456789ab.pdf');
    const crashed = put(stagingDir(ctx.databasePath), stagedFileName(deadPid()));
    const other = openDatabase(ctx.databasePath);
    try {
      other.exec('BEGIN IMMEDIATE');
      const report = sweepDocuments(ctx);
      expect(report.notDone).toMatch(/Another workstation was writing to the database/);
      // staged files carry their owner, so they need no lock
      expect(report.setAside).toEqual([`${stamp()}/staged/${crashed}`]);
      expect(fs.readdirSync(month)).toEqual([orphan]);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(ctx.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sweepDocuments(ctx).setAside).toEqual([`${stamp()}/filed/2026/03/${orphan}`]);
  });

  it('lists what it set aside, newest first, and asks only a supervisor to look after it', () => {
    expect(call(ctx, 'listSetAsideDocuments', {})).toEqual({
      folder: setAsideDir(ctx.databasePath),
      total: 0,
      files: [],
      canReview: false,
    });
    const month = path.join(documentsDir(ctx.databasePath), '2026', '03');
    put(month, '3-letter-0123456789ab.pdf');
    const crashed = put(stagingDir(ctx.databasePath), stagedFileName(deadPid()));
    sweepDocuments(ctx);
    const later = { ...ctx, clock: { ...ctx.clock, now: () => '2026-03-17T08:30:00.000Z' } };
    put(month, '4-letter-0123456789ab.pdf');
    sweepDocuments(later);

    makeSupervisor(ctx, ctx.userId);
    expect(call(ctx, 'listSetAsideDocuments', {})).toEqual({
      folder: setAsideDir(ctx.databasePath),
      total: 3,
      files: [
        {
          path: '2026-03-17T08-30-00-000Z/filed/2026/03/4-letter-0123456789ab.pdf',
          setAsideAt: '2026-03-17T08:30:00.000Z',
          why: 'unrecorded',
          bytes: pdf.length,
        },
        {
          path: `${stamp()}/filed/2026/03/3-letter-0123456789ab.pdf`,
          setAsideAt: ctx.clock.now(),
          why: 'unrecorded',
          bytes: pdf.length,
        },
        {
          path: `${stamp()}/staged/${crashed}`,
          setAsideAt: ctx.clock.now(),
          why: 'staged',
          bytes: pdf.length,
        },
      ],
      canReview: true,
    });
  });
});
