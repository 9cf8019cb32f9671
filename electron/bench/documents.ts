import type { AccountId } from '../../shared/ids';
import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { Ctx } from '../core/context';
import { dispatchAsync } from '../testing/dispatch';
import { openStatementBatch } from '../documents/statement-batch';
import type { StatementData } from '../documents/statement-data';
import { documentsDir } from '../filing/location';
import { renderThreads } from '../documents/render-pool';
import { cyclesOf } from '../statements/candidates';
import { STAGES } from '../statements/dunning';
import { loadGuarantorStatement } from '../statements/statement-data';
import { statementTemplateInUse } from '../templates/in-use';
import { summarize, type Timing } from './measure';
import { all, oneOrThrow } from '../db/query';
import { makeSupervisor } from '../testing/builders';

/**
 * Documents on the bench database: one appeal letter from its data to the finished PDF,
 * and a statement run of 1,000 (up to 10,000) guarantors through the API against bare pdfkit writing the
 * same pages. Whatever the runs write is rolled back, and the files they
 * filed are removed.
 */
export interface AppealLetterResult {
  letters: number;
  preview: Timing;
  generate: Timing;
  meetsTarget: boolean;
}

export interface StatementRunResult {
  /** Guarantors in the run, one statement each. */
  accounts: number;
  pages: number;
  /** Documents the run filed: the print file and each account's copy. */
  documents: number;
  /** Worker threads the run rendered on (the bare drawing uses one). */
  threads: number;
  /** pdfkit alone on one thread: the same statements, data loaded beforehand, into one file. */
  bareSeconds: number;
  /**
   * The whole run through the API: reading each statement, rendering its filed copy on the
   * workers, combining the copies into the print file, staging and filing every document in
   * one transaction.
   */
  runSeconds: number;
  barePagesPerSecond: number;
  runPagesPerSecond: number;
  runRatio: number;
  candidatesMs: number;
  meetsTarget: boolean;
}

const APPEAL_TARGET_MS = 300;
/** The run through the API against bare pdfkit writing the same pages (issue 16). */
const RUN_TARGET_RATIO = 2;

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

/** pdfkit alone: the statements, loaded beforehand, drawn into one PDF on this thread. */
async function bare(
  ctx: Ctx,
  items: readonly StatementData[],
): Promise<{ seconds: number; pages: number }> {
  const { template } = statementTemplateInUse(ctx.db);
  const start = performance.now();
  const batch = openStatementBatch({ date: ctx.clock.today(), template });
  for (const data of items) batch.add(data);
  const result = await batch.finish();
  return { seconds: (performance.now() - start) / 1000, pages: result.pageCount };
}

/** Guarantors read at a time while choosing. */
const CHOOSE_SLICE = 2_000;

/**
 * Guarantors the run prints one statement for (a dunning statement, or a plan statement for
 * a guarantor with only a plan; accounts held back are skipped by the run), and that
 * statement's data as the run loads it (same accounts, same stage) for the bare drawing;
 * as many as asked. Guarantors who owe on one account come first (all of a 1,000-statement
 * run), then those who owe on several. Chosen here rather than from the candidate list,
 * which stops at 5,000 rows.
 */
function chooseStatements(
  ctx: Ctx,
  count: number,
): { ids: AccountId[]; preloaded: StatementData[] } {
  const today = ctx.clock.today();
  const guarantors = all<{ id: number }>(
    ctx.db,
    `SELECT guarantor_id AS id FROM accounts WHERE patient_balance > 0 AND status = 'open'
      GROUP BY guarantor_id ORDER BY count(*) > 1, min(account_number)`,
  ).map((r) => r.id);
  const ids: AccountId[] = [];
  const preloaded: StatementData[] = [];
  for (let i = 0; i < guarantors.length && preloaded.length < count; i += CHOOSE_SLICE) {
    const { cycles } = cyclesOf(ctx.db, today, guarantors.slice(i, i + CHOOSE_SLICE));
    for (const cycle of cycles) {
      // one statement each: a dunning statement or a plan statement, not both
      const plan = cycle.dunning.length === 0;
      const printed = plan ? cycle.plan : cycle.dunning;
      if (printed.length === 0 || (!plan && cycle.plan.length > 0)) continue;
      const accounts = printed.map((a) => a.accountId);
      const stage = plan ? undefined : STAGES[cycle.stage];
      const loaded = loadGuarantorStatement(ctx.db, accounts, today, {
        ...(stage ? { stage } : {}),
        plan,
      });
      if (!loaded) throw new Error('bench: an account disappeared');
      // the run prints all of a guarantor's accounts for any one of them chosen
      ids.push(accounts[0] as AccountId);
      preloaded.push(loaded.data);
      if (preloaded.length === count) break;
    }
  }
  if (preloaded.length < count)
    throw new Error(`bench: only ${preloaded.length} guarantors get one statement each`);
  return { ids, preloaded };
}

interface ApiRun {
  seconds: number;
  pages: number;
  /** The print file and a filed copy for each account a statement lists. */
  documents: number;
}

/** One statement run through the API, rolled back; its seconds and what it filed. */
async function runThroughApi(ctx: Ctx, ids: readonly AccountId[]): Promise<ApiRun> {
  const start = performance.now();
  let filed = { pages: 0, documents: 0 };
  await rolledBack(ctx, async () => {
    // a run needs a supervisor or their permission; rolled back with the run
    makeSupervisor(ctx);
    const run = await via(ctx, 'startStatementRun', { accountIds: [...ids] });
    filed = oneOrThrow<{ pages: number; documents: number }>(
      ctx.db,
      `SELECT pages, 1 + (SELECT count(*) FROM documents WHERE run_document_id = d.id) AS documents
        FROM documents d WHERE d.id = ?`,
      run.documentId,
    );
  });
  return { seconds: (performance.now() - start) / 1000, ...filed };
}

/**
 * A statement run of `count` guarantors through the API against bare pdfkit writing the
 * same pages, alternately in the same process, `rounds` times each; the best of each.
 */
export async function statementRunBenchmark(
  ctx: Ctx,
  count = 1_000,
  rounds = 2,
): Promise<StatementRunResult> {
  const start = performance.now();
  // what a supervisor's screen lists first; timed for itself, not used to choose
  await via(ctx, 'listStatementCandidates', {
    limit: Math.min(count, 5_000),
    notStatedWithinDays: 0,
  });
  const candidatesMs = performance.now() - start;
  const { ids, preloaded } = chooseStatements(ctx, count);
  // warm-up of both paths (fonts parsed, statements read once), then alternately
  await bare(ctx, preloaded.slice(0, 50));
  await runThroughApi(ctx, ids.slice(0, 50));
  const bareRuns: { seconds: number; pages: number }[] = [];
  const apiRuns: ApiRun[] = [];
  for (let i = 0; i < rounds; i++) {
    bareRuns.push(await bare(ctx, preloaded));
    apiRuns.push(await runThroughApi(ctx, ids));
  }
  const pages = bareRuns[0]?.pages ?? 0;
  if (apiRuns.some((r) => r.pages !== pages))
    throw new Error('bench: the run printed different pages from the bare drawing');
  const bareSeconds = Math.min(...bareRuns.map((r) => r.seconds));
  const runSeconds = Math.min(...apiRuns.map((r) => r.seconds));
  const runRatio = runSeconds / bareSeconds;
  return {
    accounts: ids.length,
    pages,
    documents: apiRuns[0]?.documents ?? 0,
    threads: renderThreads(ids.length),
    bareSeconds,
    runSeconds,
    barePagesPerSecond: pages / bareSeconds,
    runPagesPerSecond: pages / runSeconds,
    runRatio,
    candidatesMs,
    meetsTarget: runRatio <= RUN_TARGET_RATIO,
  };
}

export function printDocumentResults(a: AppealLetterResult, s: StatementRunResult): void {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `one appeal letter, data load to finished PDF (${a.letters} runs): preview p50 ${ms(a.preview.p50)}, p95 ${ms(a.preview.p95)}; ` +
      `generate and file p50 ${ms(a.generate.p50)}, p95 ${ms(a.generate.p95)} | target p95 under ${APPEAL_TARGET_MS} ms: ${a.meetsTarget ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `statement run of ${s.accounts.toLocaleString('en-US')} guarantors through the API (${s.pages.toLocaleString('en-US')} pages; ` +
      `each statement's filed copy rendered once on ${s.threads} worker threads and combined into the print file, ` +
      `${s.documents.toLocaleString('en-US')} documents staged and filed in one transaction): ` +
      `${s.runSeconds.toFixed(2)} s, ${Math.round(s.runPagesPerSecond)} pages/s; ` +
      `bare pdfkit on one thread writing the same pages into one file from data loaded beforehand: ` +
      `${s.bareSeconds.toFixed(2)} s, ${Math.round(s.barePagesPerSecond)} pages/s; ratio ${s.runRatio.toFixed(2)}x | ` +
      `target at most ${RUN_TARGET_RATIO}x: ${s.meetsTarget ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `  listing the first ${Math.min(s.accounts, 5_000).toLocaleString('en-US')} statement candidates through the API took ${s.candidatesMs.toFixed(0)} ms`,
  );
}
