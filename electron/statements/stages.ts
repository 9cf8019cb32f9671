import type { DunningStage } from '../../shared/api/statements';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { STAGES, stageFromHistory } from './dunning';
import type { AccountState } from './holds';

/**
 * Keeps the stage each account's statement went out at, from when its cycle counts and what
 * it asked for. The next statement starts from it (nextStage), so wording never goes back to
 * gentler while the balance stays unpaid; a balance paid off in between starts a new cycle.
 * The stage kept is the one printed, so the property test reads what patients were sent.
 */
export function recordStatementStages(
  ctx: Ctx,
  accounts: readonly AccountState[],
  stage: DunningStage | undefined,
  date: IsoDate,
  amountsDue: ReadonlyMap<AccountId, number>,
): void {
  const index = stage ? STAGES.indexOf(stage) : 0;
  for (const a of accounts) {
    const restart = a.record === null;
    run(
      ctx.db,
      `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
           statements_sent, last_statement_date, last_amount_due, source, updated_at)
         VALUES (@account, @guarantor, @stage, @first, 1, @date, @due, 'statement', @now)
         ON CONFLICT (account_id) DO UPDATE SET guarantor_id = excluded.guarantor_id,
           stage = excluded.stage,
           first_statement_date = excluded.first_statement_date,
           statements_sent = CASE WHEN @restart THEN 1 ELSE dunning_stages.statements_sent + 1 END,
           last_statement_date = excluded.last_statement_date,
           last_amount_due = excluded.last_amount_due, source = 'statement',
           updated_at = excluded.updated_at`,
      {
        account: a.accountId,
        guarantor: a.guarantorId,
        stage: Math.max(index, a.stage),
        first: a.firstStatementDate,
        date,
        due: amountsDue.get(a.accountId) ?? a.patientBalance,
        now: ctx.clock.now(),
        restart: restart ? 1 : 0,
      },
    );
  }
}

/**
 * An account brought in by spreadsheet starts where its history left off: the date the
 * patient began to owe and the statements already sent elsewhere give its stage, so the
 * next statement here is not a first one again. Without statements sent there is nothing
 * to carry over.
 */
export function recordImportedHistory(
  ctx: Ctx,
  accountId: AccountId,
  guarantorId: number,
  history: { patientSince: IsoDate; statementsSent: number },
): void {
  const today = ctx.clock.today();
  const record = stageFromHistory(
    history.patientSince,
    history.statementsSent,
    today,
    billingRules(ctx.db),
  );
  if (!record) return;
  run(
    ctx.db,
    `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
         statements_sent, last_statement_date, last_amount_due, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'import', ?)`,
    accountId,
    guarantorId,
    record.stage,
    record.firstStatementDate,
    record.statementsSent,
    // the last statement sent before is taken as a cycle ago, so the next one is due now
    addDays(today, -billingRules(ctx.db).statementCycleDays),
    ctx.clock.now(),
  );
}
