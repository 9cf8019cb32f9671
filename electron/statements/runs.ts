import type { AccountId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { DunningStage, StatementRunResult } from '../../shared/api/statements';
import { conflict } from '../../shared/api/errors';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { SteppedWrite, type AsyncSteps, type Prepared } from '../core/stepped';
import { recordActivity } from '../activities/record';
import type { RenderedDocument } from '../documents/letter-layout';
import { openPdfCombiner } from '../documents/pdf-combine';
import { openRenderPool, renderThreads } from '../documents/render-pool';
import type { StatementData } from '../documents/statement-data';
import {
  discardStaged,
  fileStaged,
  removeAbandonedStaging,
  stageDocument,
  type StagedDocument,
} from '../filing/store';
import { statementTemplateInUse } from '../templates/in-use';
import { run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { cyclesOf } from './candidates';
import { STAGES } from './dunning';
import { STATEMENT_TITLE, statementActivity } from './generate';
import { accountStates, type AccountState } from './holds';
import { recordStatementStages } from './stages';
import { loadGuarantorStatement, type LoadedStatement } from './statement-data';

export const RUN_CANCELLED = 'The statement run was cancelled; nothing of it was filed.';

/** What the window's progress bar reads while the run prints. */
export const RUN_LABEL = 'Making statements';

type Skipped = StatementRunResult['skipped'];

/** One statement of the run: a guarantor's dunning statement, or their plan statement. */
interface Job {
  accounts: AccountState[];
  stage: DunningStage | undefined;
  plan: boolean;
}

/**
 * What the chosen accounts' guarantors get: one statement each listing all their accounts
 * with a balance (a plan in good standing gets its plan statement), and every account left
 * out with its reason, so one held account does not stop a thousand others.
 */
function planRun(ctx: Ctx, chosen: readonly AccountId[]): { jobs: Job[]; skipped: Skipped } {
  const today = ctx.clock.today();
  const found = new Map(
    accountStates(ctx.db, today, billingRules(ctx.db), { accountIds: chosen }).map((s) => [
      s.accountId,
      s,
    ]),
  );
  const skipped: Skipped = [];
  const seen = new Set<AccountId>();
  for (const accountId of chosen) {
    const account = found.get(accountId);
    if (!account) skipped.push({ accountId, reason: `Account ${accountId} was not found.` });
    else if (seen.has(accountId)) {
      skipped.push({
        accountId,
        reason: `Account ${account.accountNumber} was chosen twice; it is printed once.`,
      });
    } else if (account.patientBalance === 0) {
      skipped.push({
        accountId,
        hold: 'no_balance',
        reason: `Account ${account.accountNumber}: the patient owes nothing.`,
      });
    }
    seen.add(accountId);
  }
  const guarantors = [...new Set([...found.values()].map((s) => s.guarantorId))];
  const { cycles } = cyclesOf(ctx.db, today, guarantors);
  const jobs: Job[] = [];
  for (const cycle of cycles) {
    for (const h of cycle.held) {
      skipped.push({ accountId: h.accountId, hold: h.hold, reason: h.reason });
    }
    if (cycle.dunning.length > 0) {
      jobs.push({ accounts: cycle.dunning, stage: STAGES[cycle.stage], plan: false });
    }
    if (cycle.plan.length > 0) jobs.push({ accounts: cycle.plan, stage: undefined, plan: true });
  }
  return { jobs, skipped };
}

/**
 * Prints the guarantors' statements as one combined PDF, with a copy filed on each account
 * a statement lists, and files them all in one transaction at the end together with the
 * stage each account reached and why every other account was not printed. The run is long
 * work: the window follows it with workProgress and stops it with cancelWork, and a run
 * that does not finish (cancelled, failed, the app closed) files nothing and leaves no
 * staged file.
 */
export function startStatementRun(
  ctx: Ctx,
  input: ParsedInputOf<'startStatementRun'>,
): SteppedWrite<StatementRunResult> {
  const { jobs, skipped } = planRun(ctx, input.accountIds);
  if (jobs.length === 0) {
    const first = skipped[0]?.reason ?? '';
    throw conflict(
      `None of the chosen accounts can get a statement. ${first}${skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : ''}`,
    );
  }
  return new SteppedWrite(
    { writes: 'at the end', steps: printRun(ctx, jobs, skipped) },
    RUN_CANCELLED,
  );
}

interface Printed {
  job: Job;
  data: StatementData;
  amountsDue: ReadonlyMap<AccountId, number>;
  /** One staged copy per account the statement lists, in the job's order. */
  staged: StagedDocument[];
}

/** A statement sent to the renderers, waiting for its copy. */
interface InFlight {
  job: Job;
  loaded: LoadedStatement;
  copy: Promise<RenderedDocument>;
}

/** Statements sent to the renderers ahead of the one being filed, per render thread. */
export const AHEAD_PER_THREAD = 8;

/**
 * Reads each statement's data and hands it to the render workers, a few statements ahead
 * of the one being staged, so that both cores render while this thread reads and files;
 * stages each statement's copies as they come back, in the run's order, one step per
 * statement, and adds its pages to the print file; nothing is recorded until the returned
 * write runs. The print file holds the very pages filed on the accounts. Staged files are
 * discarded and the workers stopped when the run stops part way (a cancel is thrown in at
 * the step where it stopped).
 */
async function* printRun(
  ctx: Ctx,
  jobs: readonly Job[],
  skipped: Skipped,
): AsyncSteps<Prepared<StatementRunResult>> {
  removeAbandonedStaging(ctx.databasePath);
  const date = ctx.clock.today();
  const { template, copyId } = statementTemplateInUse(ctx.db);
  const total = jobs.length;
  const threads = renderThreads(total);
  const pool = openRenderPool({ date, template, threads });
  // each statement is rendered once: the print file is put together from the filed copies
  const print = openPdfCombiner({ title: 'Patient statements', date });
  const ahead = threads * AHEAD_PER_THREAD;
  const printed: Printed[] = [];
  const allCopies = () => printed.flatMap((p) => p.staged);
  const inFlight: InFlight[] = [];
  let sent = 0;
  const send = () => {
    while (sent < total && inFlight.length < ahead) {
      const job = jobs[sent++] as Job;
      const loaded = loadGuarantorStatement(
        ctx.db,
        job.accounts.map((a) => a.accountId),
        date,
        { ...(job.stage ? { stage: job.stage } : {}), plan: job.plan },
      );
      if (!loaded) throw new Error('an account of the run disappeared');
      inFlight.push({ job, loaded, copy: pool.render(loaded.data) });
    }
  };
  let staged: StagedDocument[];
  try {
    for (let done = 0; done < total; done++) {
      yield { label: RUN_LABEL, done, total };
      send();
      const { job, loaded, copy } = inFlight.shift() as InFlight;
      const own = await copy;
      print.add(own.pdf);
      const copies: StagedDocument[] = [];
      printed.push({ job, data: loaded.data, amountsDue: loaded.amountsDue, staged: copies });
      for (const account of job.accounts) {
        copies.push(
          await stageDocument(
            ctx,
            {
              kind: 'statement',
              title: job.plan ? `${STATEMENT_TITLE} (payment plan)` : STATEMENT_TITLE,
              accountId: account.accountId,
              templateId: template.id,
              templateCopyId: copyId,
              documentDate: date,
              pages: own.pageCount,
              warnings: [...loaded.warnings, ...own.warnings],
              inRun: true,
            },
            own.pdf,
          ),
        );
      }
    }
    // the last look for a cancel before the combined file is put together
    yield { label: RUN_LABEL, done: total, total };
    const combined = await stageDocument(
      ctx,
      {
        kind: 'statement_run',
        title: `Statement run of ${formatUsDate(date)}: ${total} ${total === 1 ? 'statement' : 'statements'}`,
        accountId: null,
        templateId: template.id,
        templateCopyId: copyId,
        documentDate: date,
        pages: print.pageCount,
        warnings: [...new Set(allCopies().flatMap((c) => c.warnings))],
      },
      print.finish(),
    );
    staged = [combined, ...allCopies()];
  } catch (error) {
    discardStaged(allCopies());
    throw error;
  } finally {
    void pool.close();
  }
  const label = `statement run of ${formatUsDate(date)}`;
  return {
    write: () => ({
      documentId: fileStaged(ctx, staged, (ids) => {
        const runId = ids[0] as number;
        let i = 1;
        for (const p of printed) {
          for (const copy of p.staged) {
            recordActivity(ctx, {
              accountId: copy.accountId as AccountId,
              kind: 'letter',
              direction: 'outbound',
              party: 'guarantor',
              text: statementActivity(p.data, ids[i] as number, label),
            });
            i++;
          }
          if (!p.job.plan)
            recordStatementStages(ctx, p.job.accounts, p.job.stage, date, p.amountsDue);
        }
        recordSkips(ctx, runId, skipped);
        return runId;
      }),
      total,
      skipped,
    }),
    discard: () => discardStaged(staged),
  };
}

/** Why each account was not printed, kept with the run (ids that match no account aside). */
function recordSkips(ctx: Ctx, runId: number, skipped: Skipped): void {
  run(
    ctx.db,
    `INSERT INTO statement_run_skips (run_document_id, account_id, hold, reason)
       SELECT ?, s.value ->> '$.accountId', coalesce(s.value ->> '$.hold', 'not_printed'),
         s.value ->> '$.reason'
       FROM json_each(?) s JOIN accounts a ON a.id = s.value ->> '$.accountId'`,
    runId,
    JSON.stringify(skipped),
  );
}
