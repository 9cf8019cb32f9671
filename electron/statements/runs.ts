import type { AccountId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { StatementRunResult } from '../../shared/api/statements';
import { conflict } from '../../shared/api/errors';
import { ACCOUNT_STATUS, type AccountStatus } from '../../shared/codes/enums';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { SteppedWrite, type AsyncSteps, type Prepared } from '../core/stepped';
import { recordActivity } from '../activities/record';
import { openStatementBatch } from '../documents/statement-batch';
import type { StatementData } from '../documents/statement-data';
import { renderStatement } from '../documents/statement-layout';
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
import { all } from '../db/query';

export const RUN_CANCELLED = 'The statement run was cancelled; nothing of it was filed.';

/** What the window's progress bar reads while the run prints. */
export const RUN_LABEL = 'Making statements';

type Skipped = StatementRunResult['skipped'];

const NOT_PRINTED: Partial<Record<AccountStatus, string>> = {
  closed: 'is closed',
  bad_debt: 'was written off as bad debt',
  agency: 'is with a collection agency',
};

/**
 * The accounts that can get a statement, in the order chosen. Accounts that cannot are
 * left out with the reason, so one closed account does not stop a thousand others.
 */
function printable(
  ctx: Ctx,
  chosen: readonly AccountId[],
): { accountIds: AccountId[]; skipped: Skipped } {
  const rows = all<{
    id: AccountId;
    accountNumber: string;
    status: AccountStatus;
  }>(
    ctx.db,
    `SELECT id, account_number AS accountNumber, status FROM accounts
       WHERE id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(chosen),
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const accountIds: AccountId[] = [];
  const skipped: Skipped = [];
  const seen = new Set<AccountId>();
  for (const accountId of chosen) {
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
  return { accountIds, skipped };
}

/**
 * Prints the chosen accounts' statements as one combined PDF, with each account's own
 * copy, and files them all in one transaction at the end. The run is long work: the
 * window follows it with workProgress and stops it with cancelWork, and a run that does
 * not finish (cancelled, failed, the app closed) files nothing and leaves no staged file.
 */
export function startStatementRun(
  ctx: Ctx,
  input: ParsedInputOf<'startStatementRun'>,
): SteppedWrite<StatementRunResult> {
  const { accountIds, skipped } = printable(ctx, input.accountIds);
  if (accountIds.length === 0) {
    const first = skipped[0]?.reason ?? '';
    throw conflict(
      `None of the chosen accounts can get a statement. ${first}${skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : ''}`,
    );
  }
  return new SteppedWrite(
    { writes: 'at the end', steps: printRun(ctx, accountIds, skipped) },
    RUN_CANCELLED,
  );
}

/**
 * Draws each account into the combined PDF and stages its own copy, one step per account;
 * nothing is recorded until the returned write runs. Staged files are discarded here when
 * the run stops part way (a cancel is thrown in at the step where it stopped).
 */
async function* printRun(
  ctx: Ctx,
  accountIds: readonly AccountId[],
  skipped: Skipped,
): AsyncSteps<Prepared<StatementRunResult>> {
  removeAbandonedStaging(ctx.databasePath);
  const date = ctx.clock.today();
  const { template, copyId } = statementTemplateInUse(ctx.db);
  const batch = openStatementBatch({ date, template });
  const total = accountIds.length;
  const copies: { staged: StagedDocument; data: StatementData }[] = [];
  let staged: StagedDocument[];
  try {
    for (const [done, accountId] of accountIds.entries()) {
      yield { label: RUN_LABEL, done, total };
      const loaded = loadStatementData(ctx.db, accountId, date);
      if (!loaded) throw new Error('an account of the run disappeared');
      const entry = batch.add(loaded.data);
      const own = await renderStatement(loaded.data, { template });
      const copy = await stageDocument(
        ctx,
        {
          kind: 'statement',
          title: STATEMENT_TITLE,
          accountId,
          templateId: template.id,
          templateCopyId: copyId,
          documentDate: date,
          pages: own.pageCount,
          warnings: [...loaded.warnings, ...entry.warnings],
          inRun: true,
        },
        own.pdf,
      );
      copies.push({ staged: copy, data: loaded.data });
    }
    // the last look for a cancel before the combined file is put together
    yield { label: RUN_LABEL, done: total, total };
    const result = await batch.finish();
    const combined = await stageDocument(
      ctx,
      {
        kind: 'statement_run',
        title: `Statement run of ${formatUsDate(date)}: ${result.statements.length} ${result.statements.length === 1 ? 'statement' : 'statements'}`,
        accountId: null,
        templateId: template.id,
        templateCopyId: copyId,
        documentDate: date,
        pages: result.pageCount,
        warnings: [...new Set(copies.flatMap((c) => c.staged.warnings))],
      },
      result.pdf,
    );
    staged = [combined, ...copies.map((c) => c.staged)];
  } catch (error) {
    batch.abort();
    discardStaged(copies.map((c) => c.staged));
    throw error;
  }
  const label = `statement run of ${formatUsDate(date)}`;
  return {
    write: () => ({
      documentId: fileStaged(ctx, staged, (ids) => {
        copies.forEach((copy, i) => {
          recordActivity(ctx, {
            accountId: copy.staged.accountId as AccountId,
            kind: 'letter',
            direction: 'outbound',
            party: 'guarantor',
            text: statementActivity(copy.data, ids[i + 1] as number, label),
          });
        });
        return ids[0] as number;
      }),
      total,
      skipped,
    }),
    discard: () => discardStaged(staged),
  };
}
