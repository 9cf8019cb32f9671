import type { AccountId } from '../../shared/ids';
import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { Ctx } from '../core/context';
import { dispatchAsync } from '../api/dispatch';
import { openStatementBatch } from '../documents/statement-batch';
import type { StatementData } from '../documents/statement-data';
import { documentsDir } from '../filing/location';
import { loadStatementData } from '../statements/statement-data';
import { statementTemplateInUse } from '../templates/in-use';
import { summarize, type Timing } from './measure';
import { all, oneOrThrow } from '../db/query';
import { makeSupervisor } from '../testing/builders';

/**
 * Documents on the bench database: one appeal letter from its data to the finished PDF,
 * and a statement run of 1,000 accounts into one PDF, each against the same PDF drawing
 * without our data access. Whatever the runs write is rolled back, and the files they
 * filed are removed.
 */
export interface AppealLetterResult {
  letters: number;
  preview: Timing;
  generate: Timing;
  meetsTarget: boolean;
}

export interface StatementRunResult {
  accounts: number;
  pages: number;
  /** Our data access and the combined PDF (what a print run needs). */
  combinedSeconds: number;
  /** The same pages drawn by pdfkit from data loaded beforehand. */
  bareSeconds: number;
  /** The whole run through the API: combined PDF, each account's copy, filing. */
  runSeconds: number;
  combinedPagesPerSecond: number;
  barePagesPerSecond: number;
  runPagesPerSecond: number;
  ratio: number;
  runRatio: number;
  candidatesMs: number;
  meetsTarget: boolean;
}

const APPEAL_TARGET_MS = 300;
const RUN_TARGET_SECONDS = 10;

async function via<M extends MethodName>(ctx: Ctx, method: M, input: InputOf<M>) {
  const result = await dispatchAsync(ctx, method, input);
  if (!result.ok) throw new Error(`bench: ${method} failed: ${result.error.message}`);
  return result.value as OutputOf<M>;
}

/**
 * Runs `work` in a transaction that is rolled back, then removes the documents it filed
 * (and the documents folder, if the work made it).
 */
async function rolledBack<T>(ctx: Ctx, work: () => Promise<T>): Promise<T> {
  const root = documentsDir(ctx.databasePath);
  const existed = fs.existsSync(root);
  const before = oneOrThrow<{
    id: number;
  }>(ctx.db, `SELECT ifnull(max(id), 0) AS id FROM documents`).id;
  ctx.db.exec('BEGIN');
  try {
    return await work();
  } finally {
    const made = all<{
      f: string;
    }>(ctx.db, `SELECT file_name AS f FROM documents WHERE id > ?`, before).map((r) => r.f);
    ctx.db.exec('ROLLBACK');
    if (!existed) fs.rmSync(root, { recursive: true, force: true });
    else for (const f of made) fs.rmSync(path.join(root, f), { force: true });
  }
}

export async function appealLetterBenchmark(ctx: Ctx, runs = 50): Promise<AppealLetterResult> {
  const denials = all<{ id: number }>(
    ctx.db,
    // within the appeal deadline: a late appeal is refused until confirmed, and is not the
    // letter a representative writes every day
    `SELECT d.id FROM denials d WHERE d.state IN ('new', 'in_review') AND d.deadline_date >= ?
      ORDER BY d.id LIMIT ?`,
    ctx.clock.today(),
    runs,
  ).map((r) => r.id);
  if (denials.length === 0)
    throw new Error('bench: the bench database has no open denials within their deadline');
  const letters = await Promise.all(
    denials.map(async (denialId) => {
      const draft = await via(ctx, 'draftAppeal', { denialId });
      return {
        denialId,
        templateId: draft.templateId,
        enclosures: draft.suggestedEnclosures.slice(0, 2),
      };
    }),
  );
  // warm-up: the shipped templates and fonts are read once per process
  for (const letter of letters.slice(0, 5)) await via(ctx, 'previewAppeal', letter);

  const preview: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await via(ctx, 'previewAppeal', letters[i % letters.length] as (typeof letters)[number]);
    preview.push(performance.now() - start);
  }
  const generate: number[] = [];
  await rolledBack(ctx, async () => {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await via(ctx, 'generateAppeal', letters[i % letters.length] as (typeof letters)[number]);
      generate.push(performance.now() - start);
    }
  });
  const p = summarize(preview);
  const g = summarize(generate);
  return {
    letters: runs,
    preview: p,
    generate: g,
    meetsTarget: p.p95 < APPEAL_TARGET_MS && g.p95 < APPEAL_TARGET_MS,
  };
}

/** Draws the statements into one PDF, loading each account's data first when asked. */
async function combined(
  ctx: Ctx,
  items: readonly (AccountId | StatementData)[],
): Promise<{ seconds: number; pages: number }> {
  const { template } = statementTemplateInUse(ctx.db);
  const start = performance.now();
  const batch = openStatementBatch({ date: ctx.clock.today(), template });
  for (const item of items) {
    const data =
      typeof item === 'number' ? loadStatementData(ctx.db, item, ctx.clock.today())?.data : item;
    if (!data) throw new Error('bench: an account disappeared');
    batch.add(data);
  }
  const result = await batch.finish();
  return { seconds: (performance.now() - start) / 1000, pages: result.pageCount };
}

export async function statementRunBenchmark(ctx: Ctx, count = 1_000): Promise<StatementRunResult> {
  let start = performance.now();
  // guarantors whose accounts are all held (a dispute, restricted contact, the 501(r) clock)
  // are listed without accounts, so more guarantors are read than statements are printed;
  // a run prints one statement per guarantor, so guarantors with one printable account are
  // taken, which makes the run's statements the same as drawing each account's alone
  const candidates = await via(ctx, 'listStatementCandidates', {
    limit: Math.min(count * 5, 5_000),
    notStatedWithinDays: 0,
  });
  const candidatesMs = performance.now() - start;
  const ids = candidates.accounts
    .filter((a) => a.accountIds.length === 1)
    .flatMap((a) => a.accountIds)
    .slice(0, count);
  if (ids.length < count)
    throw new Error(`bench: only ${ids.length} guarantors owe money on one account not held`);
  const preloaded = ids.map((id) => {
    const data = loadStatementData(ctx.db, id, ctx.clock.today())?.data;
    if (!data) throw new Error('bench: an account disappeared');
    return data;
  });
  // warm-up, then the bare drawing and ours alternately
  await combined(ctx, ids.slice(0, 50));
  const bare1 = await combined(ctx, preloaded);
  const ours1 = await combined(ctx, ids);
  const bare2 = await combined(ctx, preloaded);
  const ours2 = await combined(ctx, ids);
  if (ours1.pages !== bare1.pages) throw new Error('bench: the two paths drew different pages');
  const bareSeconds = Math.min(bare1.seconds, bare2.seconds);
  const combinedSeconds = Math.min(ours1.seconds, ours2.seconds);

  let runPages = 0;
  start = performance.now();
  await rolledBack(ctx, async () => {
    // a run needs a supervisor or their permission; rolled back with the run
    makeSupervisor(ctx);
    const run = await via(ctx, 'startStatementRun', { accountIds: ids });
    const filed = oneOrThrow<{ pages: number }>(
      ctx.db,
      `SELECT pages FROM documents WHERE id = ?`,
      run.documentId,
    );
    runPages = filed.pages;
  });
  const runSeconds = (performance.now() - start) / 1000;
  if (runPages !== bare1.pages) throw new Error('bench: the run printed different pages');

  const pages = bare1.pages;
  return {
    accounts: ids.length,
    pages,
    combinedSeconds,
    bareSeconds,
    runSeconds,
    combinedPagesPerSecond: pages / combinedSeconds,
    barePagesPerSecond: pages / bareSeconds,
    runPagesPerSecond: pages / runSeconds,
    ratio: combinedSeconds / bareSeconds,
    runRatio: runSeconds / bareSeconds,
    candidatesMs,
    meetsTarget: combinedSeconds < RUN_TARGET_SECONDS,
  };
}

export function printDocumentResults(a: AppealLetterResult, s: StatementRunResult): void {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `one appeal letter, data load to finished PDF (${a.letters} runs): preview p50 ${ms(a.preview.p50)}, p95 ${ms(a.preview.p95)}; ` +
      `generate and file p50 ${ms(a.generate.p50)}, p95 ${ms(a.generate.p95)} | target p95 under ${APPEAL_TARGET_MS} ms: ${a.meetsTarget ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `statement run of ${s.accounts.toLocaleString('en-US')} accounts into one PDF (${s.pages.toLocaleString('en-US')} pages): ` +
      `${s.combinedSeconds.toFixed(2)} s, ${Math.round(s.combinedPagesPerSecond)} pages/s; bare pdfkit, same pages from data loaded beforehand: ` +
      `${s.bareSeconds.toFixed(2)} s, ${Math.round(s.barePagesPerSecond)} pages/s; ratio ${s.ratio.toFixed(2)}x | ` +
      `target under ${RUN_TARGET_SECONDS} s: ${s.meetsTarget ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `  the whole run through the API (combined PDF, each account's own copy as a separate PDF, filing ${s.accounts + 1} documents in one transaction): ` +
      `${s.runSeconds.toFixed(2)} s, ${Math.round(s.runPagesPerSecond)} pages/s, ${s.runRatio.toFixed(2)}x bare; ` +
      `listing candidates to choose the ${s.accounts.toLocaleString('en-US')} took ${s.candidatesMs.toFixed(0)} ms`,
  );
}
