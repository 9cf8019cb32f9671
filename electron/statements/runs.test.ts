import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../api/dispatch';
import { pdfPageCount, pdfText } from '../documents/test-pdf';
import { documentsDir, stagingDir } from '../filing/location';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { createTestCtx, rowCount, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let numbered = 0;
beforeEach(() => {
  ctx = createTestCtx();
  numbered = 0;
});
afterEach(() => ctx.close());

/** Accounts whose patients owe `amount` each. */
function owing(count: number, amount = 4_500): number[] {
  const payerId = addPayer(ctx);
  return Array.from({ length: count }, () => {
    const { accountId } = addAccount(ctx, { number: `R${String(++numbered).padStart(4, '0')}` });
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

describe('statement runs', () => {
  it('skips what cannot be printed, prints in steps and files everything when done', async () => {
    const [a, b, c] = owing(3);
    const closed = owing(1)[0] as number;
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(closed);
    const started = call(ctx, 'startStatementRun', {
      accountIds: [a, b, 9999, closed, a, c] as number[],
    });
    expect(started).toMatchObject({ total: 3, done: 0, finished: false, cancelled: false });
    expect(started.skipped).toEqual([
      { accountId: 9999, reason: 'Account 9999 was not found.' },
      { accountId: closed, reason: 'Account R0004 is closed.' },
      { accountId: a, reason: 'Account R0001 was chosen twice; it is printed once.' },
    ]);

    const before = rowCount(ctx, 'documents');
    const step = await callAsync(ctx, 'continueStatementRun', {
      runId: started.runId,
      maxAccounts: 2,
    });
    expect(step).toMatchObject({ done: 2, finished: false, documentId: null });
    // nothing is recorded until the run is done
    expect(rowCount(ctx, 'documents')).toBe(before);
    expect(pdfFiles().filter((f) => !f.startsWith('.staging'))).toEqual([]);

    const done = await callAsync(ctx, 'continueStatementRun', { runId: started.runId });
    expect(done).toMatchObject({ total: 3, done: 3, finished: true, cancelled: false });
    const runId = done.documentId as number;
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

    // finished: asking again changes nothing, cancelling is refused
    expect(await callAsync(ctx, 'continueStatementRun', { runId: started.runId })).toEqual(done);
    expectRefused(ctx, 'cancelStatementRun', { runId: started.runId }, /has finished/);

    // the same selection on the same day prints the same combined file
    const rerun = call(ctx, 'startStatementRun', { accountIds: [a, b, c] as number[] });
    const second = await callAsync(ctx, 'continueStatementRun', { runId: rerun.runId });
    expect((await fileOf(second.documentId as number)).equals(combined)).toBe(true);
  });

  it('files nothing when cancelled, between steps or while printing', async () => {
    const ids = owing(4);
    const counts = rowCount(ctx, 'documents') + rowCount(ctx, 'activities');
    const run = call(ctx, 'startStatementRun', { accountIds: ids });
    await callAsync(ctx, 'continueStatementRun', { runId: run.runId, maxAccounts: 1 });
    expect(stagedFiles()).toHaveLength(1);
    expect(call(ctx, 'cancelStatementRun', { runId: run.runId })).toMatchObject({
      cancelled: true,
      finished: false,
      done: 1,
      documentId: null,
    });
    expect(stagedFiles()).toEqual([]);
    expect(await callAsync(ctx, 'continueStatementRun', { runId: run.runId })).toMatchObject({
      cancelled: true,
      done: 1,
    });

    const other = call(ctx, 'startStatementRun', { accountIds: ids });
    const printing = dispatchAsync(ctx, 'continueStatementRun', { runId: other.runId });
    // a second request while the first is still printing is turned away, not interleaved
    await expectRefusedAsync(
      ctx,
      'continueStatementRun',
      { runId: other.runId },
      /already printing/,
    );
    expect(call(ctx, 'cancelStatementRun', { runId: other.runId }).cancelled).toBe(true);
    const result = await printing;
    expect(result.ok && result.value).toMatchObject({ cancelled: true, finished: false });
    expect(rowCount(ctx, 'documents') + rowCount(ctx, 'activities')).toBe(counts);
    expect(pdfFiles().filter((f) => !f.startsWith('.staging'))).toEqual([]);
    expect(stagedFiles()).toEqual([]);
  });

  it('refuses an empty run, a run with nothing printable and an unknown run', async () => {
    expectRefused(ctx, 'startStatementRun', { accountIds: [] }, /Choose at least one account/);
    const closed = owing(1)[0] as number;
    ctx.db.prepare(`UPDATE accounts SET status = 'agency' WHERE id = ?`).run(closed);
    expectRefused(
      ctx,
      'startStatementRun',
      { accountIds: [closed, 4242] },
      /None of the chosen accounts can get a statement\. Account R0001 is with a collection agency\. \(and 1 more\)/,
    );
    await expectRefusedAsync(
      ctx,
      'continueStatementRun',
      { runId: 77 },
      /This statement run is not open any more/,
    );
    expectRefused(
      ctx,
      'cancelStatementRun',
      { runId: 77 },
      /This statement run is not open any more/,
    );
    expect(fs.readdirSync(path.dirname(ctx.databasePath))).not.toContain(
      path.basename(documentsDir(ctx.databasePath)),
    );
  });
});
