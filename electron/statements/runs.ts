import type { ParsedInputOf } from '../../shared/api/contract';
import type { StatementRunProgress } from '../../shared/api/statements';
import { ApiError, conflict } from '../../shared/api/errors';
import { ACCOUNT_STATUS, type AccountStatus } from '../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { openStatementBatch, type StatementBatch } from '../documents/statement-batch';
import type { StatementData } from '../documents/statement-data';
import { renderStatement } from '../documents/statement-layout';
import type { Template } from '../documents/template';
import {
  discardStaged,
  fileStaged,
  removeAbandonedStaging,
  stageDocument,
  type StagedDocument,
} from '../filing/store';
import { statementTemplateInUse } from '../templates/in-use';
import { STATEMENT_TITLE, statementActivity } from './generate';
import { loadStatementData } from './statement-data';

/**
 * A statement run in progress. It lives in the main process's memory only: the combined
 * PDF grows as the window asks for the next accounts, each account's own copy waits under
 * a temporary name, and nothing is recorded until the last account is done. A run left
 * unfinished (the app closed, the run cancelled) is simply never filed.
 */
interface Run {
  readonly id: number;
  readonly databasePath: string;
  readonly date: IsoDate;
  readonly template: Template;
  readonly copyId: number | null;
  readonly accountIds: readonly number[];
  readonly skipped: StatementRunProgress['skipped'];
  next: number;
  state: 'ready' | 'working' | 'finished' | 'cancelled';
  cancelRequested: boolean;
  batch: StatementBatch | null;
  copies: { staged: StagedDocument; data: StatementData }[];
  documentId: number | null;
}

const runs = new Map<number, Run>();
let lastRunId = 0;

function progress(run: Run): StatementRunProgress {
  return {
    runId: run.id,
    total: run.accountIds.length,
    done: run.next,
    finished: run.state === 'finished',
    cancelled: run.state === 'cancelled' || run.cancelRequested,
    documentId: run.documentId,
    skipped: run.skipped.map((s) => ({ ...s })),
  };
}

function requireRun(ctx: Ctx, runId: number): Run {
  const run = runs.get(runId);
  if (!run || run.databasePath !== ctx.databasePath) {
    throw new ApiError({
      code: 'not_found',
      message:
        'This statement run is not open any more: a run lasts only while ClaimDesk is running, and nothing of an unfinished run was filed. Start it again.',
    });
  }
  return run;
}

/** Drops everything the run made; no row was written, so only files and memory go. */
function abandon(run: Run): void {
  run.batch?.abort();
  run.batch = null;
  discardStaged(run.copies.map((c) => c.staged));
  run.copies = [];
  run.state = 'cancelled';
}

const NOT_PRINTED: Partial<Record<AccountStatus, string>> = {
  closed: 'is closed',
  bad_debt: 'was written off as bad debt',
  agency: 'is with a collection agency',
};

/**
 * Checks the chosen accounts and opens the run. Accounts that cannot get a statement
 * are left out with the reason, so one closed account does not stop a thousand others.
 */
export function startStatementRun(
  ctx: Ctx,
  input: ParsedInputOf<'startStatementRun'>,
): StatementRunProgress {
  const rows = ctx.db
    .prepare(
      `SELECT id, account_number AS accountNumber, status FROM accounts
       WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(input.accountIds)) as {
    id: number;
    accountNumber: string;
    status: AccountStatus;
  }[];
  const found = new Map(rows.map((r) => [r.id, r]));
  const accountIds: number[] = [];
  const skipped: StatementRunProgress['skipped'] = [];
  const seen = new Set<number>();
  for (const accountId of input.accountIds) {
    const account = found.get(accountId);
    const notPrinted = account ? NOT_PRINTED[account.status] : undefined;
    if (!account) skipped.push({ accountId, reason: `Account ${accountId} was not found.` });
    else if (seen.has(accountId)) {
      skipped.push({
        accountId,
        reason: `Account ${account.accountNumber} was chosen twice; it is printed once.`,
      });
    } else if (account.status !== 'open') {
      skipped.push({
        accountId,
        reason: `Account ${account.accountNumber} ${notPrinted ?? `is ${ACCOUNT_STATUS.labels[account.status] ?? account.status}`}.`,
      });
    } else accountIds.push(accountId);
    seen.add(accountId);
  }
  if (accountIds.length === 0) {
    const first = skipped[0]?.reason ?? '';
    throw conflict(
      `None of the chosen accounts can get a statement. ${first}${skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : ''}`,
    );
  }
  removeAbandonedStaging(ctx.databasePath);
  const date = ctx.clock.today();
  const { template, copyId } = statementTemplateInUse(ctx.db);
  const run: Run = {
    id: ++lastRunId,
    databasePath: ctx.databasePath,
    date,
    template,
    copyId,
    accountIds,
    skipped,
    next: 0,
    state: 'ready',
    cancelRequested: false,
    batch: openStatementBatch({ date, template }),
    copies: [],
    documentId: null,
  };
  runs.set(run.id, run);
  return progress(run);
}

/**
 * Prints the next accounts into the run's combined PDF, and each account's own copy. When
 * the last account is done, files the combined PDF and every copy in one transaction and
 * returns the combined document's id.
 */
export async function continueStatementRun(
  ctx: Ctx,
  input: ParsedInputOf<'continueStatementRun'>,
): Promise<StatementRunProgress> {
  const run = requireRun(ctx, input.runId);
  if (run.state === 'working') {
    throw conflict('This statement run is already printing its next accounts; wait for it.');
  }
  if (run.state !== 'ready') return progress(run);
  run.state = 'working';
  try {
    await printNext(ctx, run, input.maxAccounts);
    if (run.cancelRequested) abandon(run);
    else if (run.next < run.accountIds.length) run.state = 'ready';
    else await fileRun(ctx, run);
  } catch (error) {
    abandon(run);
    runs.delete(run.id);
    throw error;
  }
  return progress(run);
}

async function printNext(ctx: Ctx, run: Run, maxAccounts: number): Promise<void> {
  const batch = run.batch;
  if (!batch) throw new Error('the statement run has no open file');
  const end = Math.min(run.accountIds.length, run.next + maxAccounts);
  while (run.next < end && !run.cancelRequested) {
    const accountId = run.accountIds[run.next] as number;
    const loaded = loadStatementData(ctx.db, accountId, run.date);
    if (!loaded) throw new Error('an account of the run disappeared');
    const entry = batch.add(loaded.data);
    // rendering the copy awaits, which also lets a cancel or another request in
    const own = await renderStatement(loaded.data, { template: run.template });
    const staged = await stageDocument(
      ctx,
      {
        kind: 'statement',
        title: STATEMENT_TITLE,
        accountId,
        templateId: run.template.id,
        templateCopyId: run.copyId,
        documentDate: run.date,
        pages: own.pageCount,
        warnings: [...loaded.warnings, ...entry.warnings],
        inRun: true,
      },
      own.pdf,
    );
    run.copies.push({ staged, data: loaded.data });
    run.next += 1;
  }
}

async function fileRun(ctx: Ctx, run: Run): Promise<void> {
  const batch = run.batch;
  if (!batch) throw new Error('the statement run has no open file');
  run.batch = null;
  const result = await batch.finish();
  const combined = await stageDocument(
    ctx,
    {
      kind: 'statement_run',
      title: `Statement run of ${formatUsDate(run.date)}: ${result.statements.length} ${result.statements.length === 1 ? 'statement' : 'statements'}`,
      accountId: null,
      templateId: run.template.id,
      templateCopyId: run.copyId,
      documentDate: run.date,
      pages: result.pageCount,
      warnings: [...new Set(run.copies.flatMap((c) => c.staged.warnings))],
    },
    result.pdf,
  );
  if (run.cancelRequested) {
    discardStaged([combined]);
    abandon(run);
    return;
  }
  const label = `statement run of ${formatUsDate(run.date)}`;
  run.documentId = fileStaged(ctx, [combined, ...run.copies.map((c) => c.staged)], (ids) => {
    run.copies.forEach((copy, i) => {
      recordActivity(ctx, {
        accountId: copy.staged.accountId as number,
        kind: 'letter',
        direction: 'outbound',
        party: 'guarantor',
        text: statementActivity(copy.data, ids[i + 1] as number, label),
      });
    });
    return ids[0] as number;
  });
  run.copies = [];
  run.state = 'finished';
}

/** Stops the run; nothing it printed is filed. */
export function cancelStatementRun(
  ctx: Ctx,
  input: ParsedInputOf<'cancelStatementRun'>,
): StatementRunProgress {
  const run = requireRun(ctx, input.runId);
  if (run.state === 'finished') {
    throw conflict(
      'This statement run has finished and its statements are filed; it cannot be cancelled.',
    );
  }
  run.cancelRequested = true;
  // a run that is printing stops at its next statement and cleans up there
  if (run.state === 'ready') abandon(run);
  return progress(run);
}
