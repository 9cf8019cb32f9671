import type { DunningStage } from '../../shared/api/statements';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { BillingRules } from '../../shared/api/rules';
import type { Ctx } from '../core/context';
import type { Db } from '../db/open';
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

/** The statements an account's history says were sent before it came to ClaimDesk. */
export interface PriorStatements {
  /** The oldest date the patient has owed from: the cycle counts from it. */
  patientSince: IsoDate;
  statementsSent: number;
  /** When the last of them went out, where the history says; else taken as a cycle ago. */
  lastStatementDate?: IsoDate;
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
  history: PriorStatements,
): void {
  recordPriorStatements(ctx.db, billingRules(ctx.db), ctx.clock.today(), ctx.clock.now(), {
    accountId,
    guarantorId,
    ...history,
  });
}

/**
 * recordImportedHistory for callers that hold the rules and the clock themselves: the demo
 * hospital's converted accounts, written a thousand at a time, start at their stage too.
 */
export function recordPriorStatements(
  db: Db,
  rules: BillingRules,
  today: IsoDate,
  now: string,
  history: PriorStatements & { accountId: number; guarantorId: number },
): void {
  const record = stageFromHistory(history.patientSince, history.statementsSent, today, rules);
  if (!record) return;
  run(
    db,
    `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
         statements_sent, last_statement_date, last_amount_due, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'import', ?)`,
    history.accountId,
    history.guarantorId,
    record.stage,
    record.firstStatementDate,
    record.statementsSent,
    // without its date, the last statement sent before is taken as a cycle ago, so the
    // next one is due now
    history.lastStatementDate ?? addDays(today, -rules.statementCycleDays),
    now,
  );
}
