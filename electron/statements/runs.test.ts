import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatchAsync } from '../api/dispatch';
import { holdSteps } from '../core/step-hold';
import { pdfPageCount, pdfText } from '../documents/test-pdf';
import { documentsDir, stagingDir } from '../filing/location';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  makeSupervisor,
} from '../testing/builders';
import { call, callAsync, expectRefused } from '../testing/call';
import { createTestCtx, rowCount, type TestCtx } from '../testing/test-db';
import { renderThreads } from '../documents/render-pool';
import { AHEAD_PER_THREAD, RUN_CANCELLED, RUN_LABEL } from './runs';

let ctx: TestCtx;
let numbered = 0;
beforeEach(() => {
  ctx = createTestCtx();
  // statement runs are a supervisor's, or a representative's they allowed
  makeSupervisor(ctx);
  numbered = 0;
});
afterEach(() => ctx.close());

/** Accounts whose patients owe `amount` each. */
function owing(count: number, amount = 4_500): number[] {
  const payerId = addPayer(ctx);
  return Array.from({ length: count }, () => {
    const { accountId, patientId } = addAccount(ctx, {
      number: `R${String(++numbered).padStart(4, '0')}`,
    });
    addAddress(ctx, patientId);
    addBilledClaim(ctx, accountId, payerId, [amount], 'patient');
    return accountId;
  });
}

function pdfFiles(): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf'));
}

function stagedFiles(): string[] {
  const dir = stagingDir(ctx.databasePath);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

async function fileOf(documentId: number): Promise<Buffer> {
  const file = await callAsync(ctx, 'getDocumentFile', { documentId });
  return Buffer.from(file.pdfBase64, 'base64');
}

/** Holds the run once it has printed `done` accounts. */
const holdAt = (done: number) => holdSteps(ctx.db, (p) => p.label === RUN_LABEL && p.done === done);

const filedPdfs = () => pdfFiles().filter((f) => !f.startsWith('.staging'));
const kept = () => rowCount(ctx, 'documents') + rowCount(ctx, 'activities');

describe('statement runs', () => {
  it('skips what cannot be printed, prints in steps and files everything when done', async () => {
    const [a, b, c] = owing(3);
    const closed = owing(1)[0] as number;
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(closed);
    const before = rowCount(ctx, 'documents');
    const hold = holdAt(2);
    const running = callAsync(ctx, 'startStatementRun', {
      accountIds: [a, b, 9999, closed, a, c] as number[],
    });
    expect(await hold.reached).toEqual({ label: RUN_LABEL, done: 2, total: 3 });
    expect(call(ctx, 'workProgress', {})).toEqual({ label: RUN_LABEL, done: 2, total: 3 });
    // two copies printed, waiting under temporary names; nothing is recorded until the end
    expect(stagedFiles()).toHaveLength(2);
    expect(rowCount(ctx, 'documents')).toBe(before);
    expect(filedPdfs()).toEqual([]);
    hold.release();

    const done = await running;
    expect(done.total).toBe(3);
    expect(done.skipped).toEqual([
      { accountId: 9999, reason: 'Account 9999 was not found.' },
      { accountId: a, reason: 'Account R0001 was chosen twice; it is printed once.' },
      { accountId: closed, hold: 'not_open', reason: 'Account R0004: the account is closed.' },
    ]);
    // the run keeps why, for every account it did not print
    expect(
      ctx.db
        .prepare(
          `SELECT account_id AS accountId, hold, reason FROM statement_run_skips
          WHERE run_document_id = ?`,
        )
        .all(done.documentId),
    ).toEqual([
      {
        accountId: a,
        hold: 'not_printed',
        reason: 'Account R0001 was chosen twice; it is printed once.',
      },
      { accountId: closed, hold: 'not_open', reason: 'Account R0004: the account is closed.' },
    ]);
    const runId = done.documentId;
    const rows = ctx.db
      .prepare(
        `SELECT kind, account_id AS accountId, run_document_id AS runDocumentId, pages
         FROM documents ORDER BY id`,
      )
      .all();
    expect(rows).toEqual([
      { kind: 'statement_run', accountId: null, runDocumentId: null, pages: 3 },
      { kind: 'statement', accountId: a, runDocumentId: runId, pages: 1 },
      { kind: 'statement', accountId: b, runDocumentId: runId, pages: 1 },
      { kind: 'statement', accountId: c, runDocumentId: runId, pages: 1 },
    ]);
    expect(pdfFiles()).toHaveLength(4);
    expect(stagedFiles()).toEqual([]);
    expect(call(ctx, 'workProgress', {})).toBeNull();

    expect((await callAsync(ctx, 'getDocumentFile', { documentId: runId })).fileName).toBe(
      'statement-run-2026-03-16.pdf',
    );
    const combined = await fileOf(runId);
    expect(pdfPageCount(combined)).toBe(3);
    for (const [page, number] of ['R0001', 'R0002', 'R0003'].entries()) {
      expect(pdfText(combined, page + 1)).toContain(number);
    }
    const [own] = call(ctx, 'listAccountDocuments', { accountId: b as number });
    expect(own).toMatchObject({ kind: 'statement', title: 'Patient statement', pages: 1 });
    expect(pdfText(await fileOf(own?.documentId as number))).toContain('R0002');
    expect(call(ctx, 'getAccount', { accountId: b as number }).activities[0]?.text).toBe(
      `Statement of 03/16/2026 (statement run of 03/16/2026): amount due $45.00 by 04/10/2026 (document ${own?.documentId}).`,
    );

    // finished: there is nothing left to cancel
    expect(call(ctx, 'cancelWork', {})).toBeNull();

    // the same selection on the same day prints the same combined file
    const rerun = await callAsync(ctx, 'startStatementRun', { accountIds: [a, b, c] as number[] });
    expect((await fileOf(rerun.documentId)).equals(combined)).toBe(true);
  });

  it('files nothing and leaves no staged file when cancelled part way', async () => {
    const ids = owing(4);
    const counts = kept();
    const hold = holdAt(2);
    const running = dispatchAsync(ctx, 'startStatementRun', { accountIds: ids });
    await hold.reached;
    // provably part way: two copies are printed and staged
    expect(stagedFiles()).toHaveLength(2);
    expect(call(ctx, 'cancelWork', {})).toEqual({ label: RUN_LABEL, done: 2, total: 4 });
    const result = await running;
    expect(result.ok ? null : result.error).toEqual({ code: 'conflict', message: RUN_CANCELLED });
    expect(kept()).toBe(counts);
    expect(filedPdfs()).toEqual([]);
    expect(stagedFiles()).toEqual([]);
    expect(call(ctx, 'workProgress', {})).toBeNull();

    // cancelled after the last account, while the combined file is put together
    const last = holdAt(4);
    const late = dispatchAsync(ctx, 'startStatementRun', { accountIds: ids });
    await last.reached;
    expect(stagedFiles()).toHaveLength(4);
    call(ctx, 'cancelWork', {});
    expect((await late).ok).toBe(false);
    expect(kept()).toBe(counts);
    expect(filedPdfs()).toEqual([]);
    expect(stagedFiles()).toEqual([]);
  });

  it('files nothing and leaves no staged file when it fails part way', async () => {
    // statements are read a few ahead of the one being filed: the last one is read later
    const ids = owing(renderThreads(100) * AHEAD_PER_THREAD + 4);
    const counts = kept();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const hold = holdAt(2);
    const running = dispatchAsync(ctx, 'startStatementRun', { accountIds: ids });
    await hold.reached;
    expect(stagedFiles()).toHaveLength(2);
    // the last account goes away under the run: it cannot print it
    ctx.db.pragma('foreign_keys = OFF');
    ctx.db.prepare(`DELETE FROM accounts WHERE id = ?`).run(ids.at(-1));
    ctx.db.pragma('foreign_keys = ON');
    hold.release();
    const result = await running;
    expect(result.ok ? null : result.error).toEqual({
      code: 'internal',
      message: expect.any(String) as string,
    });
    // it stopped where it read the account, not at filing (a foreign key would fail there)
    expect(logged).toHaveBeenCalledWith('ClaimDesk: startStatementRun failed (Error)');
    logged.mockRestore();
    expect(kept()).toBe(counts);
    expect(filedPdfs()).toEqual([]);
    expect(stagedFiles()).toEqual([]);
  });

  it("lets the window's other requests through while it prints", async () => {
    const ids = owing(3);
    const hold = holdAt(1);
    const running = callAsync(ctx, 'startStatementRun', { accountIds: ids });
    await hold.reached;
    const note = await dispatchAsync(ctx, 'addActivity', {
      accountId: ids[0] as number,
      kind: 'note',
      text: 'Guarantor called about the statement.',
    });
    expect(note.ok).toBe(true);
    // an import meanwhile is turned away with what is running, not run inside it
    const other = await dispatchAsync(ctx, 'importFile', { fileName: 'x.835', text: 'ISA*' });
    expect(other.ok ? null : other.error.message).toMatch(
      /^Something else is being worked through here \(Making statements: 1 of 3\)/,
    );
    hold.release();
    expect((await running).total).toBe(3);
  });

  it('prints each statement in the combined file as its filed copy reads', async () => {
    const [a, b] = owing(2);
    // a long statement, over more than one page, between two short ones
    const payerId = addPayer(ctx);
    const { accountId: long, patientId } = addAccount(ctx, { number: 'R0099' });
    addAddress(ctx, patientId);
    for (let i = 0; i < 30; i++) addBilledClaim(ctx, long, payerId, [1_250], 'patient');
    const done = await callAsync(ctx, 'startStatementRun', {
      accountIds: [a, long, b] as number[],
    });
    const combined = await fileOf(done.documentId);
    const copies = ctx.db
      .prepare(`SELECT id, pages FROM documents WHERE run_document_id = ? ORDER BY id`)
      .all(done.documentId) as { id: number; pages: number }[];
    // filed in the order they print
    expect(copies.map((c) => c.pages).sort()).toEqual([1, 1, 2]);
    let page = 1;
    for (const copy of copies) {
      const own = await fileOf(copy.id);
      expect(pdfPageCount(own)).toBe(copy.pages);
      for (let p = 1; p <= copy.pages; p++) expect(pdfText(combined, page++)).toBe(pdfText(own, p));
    }
    expect(pdfPageCount(combined)).toBe(page - 1);
  });

  it('leaves nothing of a run cancelled while statements are still being rendered', async () => {
    const ids = owing(renderThreads(100) * AHEAD_PER_THREAD + 2);
    const counts = kept();
    const hold = holdAt(1);
    const running = dispatchAsync(ctx, 'startStatementRun', { accountIds: ids });
    await hold.reached;
    // one statement staged, the next ones sent to the renderers and not back yet
    expect(stagedFiles()).toHaveLength(1);
    expect(call(ctx, 'cancelWork', {})).toEqual({ label: RUN_LABEL, done: 1, total: ids.length });
    const result = await running;
    expect(result.ok ? null : result.error).toEqual({ code: 'conflict', message: RUN_CANCELLED });
    expect(kept()).toBe(counts);
    expect(filedPdfs()).toEqual([]);
    expect(stagedFiles()).toEqual([]);

    // the stopped renderers leave nothing in the way of the next run
    const again = await callAsync(ctx, 'startStatementRun', { accountIds: ids });
    expect(again.total).toBe(ids.length);
    expect(filedPdfs()).toHaveLength(ids.length + 1);
    expect(stagedFiles()).toEqual([]);
  });

  it('refuses an empty run and a run with nothing printable', () => {
    expectRefused(ctx, 'startStatementRun', { accountIds: [] }, /Choose at least one account/);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => i + 1);
    expectRefused(ctx, 'startStatementRun', { accountIds: tooMany }, /at most 10,000 accounts/);
    const closed = owing(1)[0] as number;
    ctx.db.prepare(`UPDATE accounts SET status = 'agency' WHERE id = ?`).run(closed);
    expectRefused(
      ctx,
      'startStatementRun',
      { accountIds: [closed, 4242] },
      /None of the chosen accounts can get a statement\. Account 4242 was not found\. \(and 1 more\)/,
    );
    expect(fs.readdirSync(path.dirname(ctx.databasePath))).not.toContain(
      path.basename(documentsDir(ctx.databasePath)),
    );
  });
});
