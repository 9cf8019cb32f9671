import type { AccountId } from '../../shared/ids';
import { addDays, daysBetween, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { closeSystemFollowUps, openSystemFollowUp } from '../followups/system';
import { activePlan } from '../plans/load';
import { accountPromises } from '../promises/load';
import { billingRules } from '../rules/billing-rules';
import { oneOrThrow, run } from '../db/query';
import { asDesktopsOwn } from '../office/capture';

/** What settling an account starts from, read in one query. */
export interface SettleState {
  insurance: number;
  patient: number;
  /** Whether the account has an active plan, an open promise, an open credit follow-up. */
  plan: number;
  promise: number;
  creditFollowUp: number;
  /** Whether a late-plan follow-up is open (with no active plan: one ended at another desk). */
  planFollowUp: number;
}

/** The columns of SettleState, for a query over `accounts a`. */
export const SETTLE_STATE = `a.insurance_balance AS insurance, a.patient_balance AS patient,
    EXISTS (SELECT 1 FROM payment_plans WHERE account_id = a.id AND status = 'active') AS plan,
    EXISTS (SELECT 1 FROM promises WHERE account_id = a.id AND status = 'open') AS promise,
    EXISTS (SELECT 1 FROM follow_ups WHERE account_id = a.id AND ifnull(claim_id, 0) = 0
      AND kind = 'credit_balance' AND status = 'open') AS creditFollowUp,
    EXISTS (SELECT 1 FROM follow_ups f JOIN sync_rows s ON s.tbl = 'follow_ups'
        AND s.local_id = f.id AND s.gid LIKE 'own:%'
      WHERE f.account_id = a.id AND ifnull(f.claim_id, 0) = 0
      AND f.kind = 'plan' AND f.status = 'open') AS planFollowUp`;

/**
 * Brings an account's collection state in line with its ledger: a plan that is paid off
 * or late, a promise kept or broken, a credit balance that needs a refund. The upkeep
 * runs it at commit for every account the request touched, and the daily work for every
 * account with an active plan or an open promise; the queue columns are refreshed after.
 * Returns whether it opened (or reworded) a system follow-up.
 */
export function settleAccount(
  ctx: Ctx,
  accountId: AccountId,
  state: SettleState = oneOrThrow<SettleState>(
    ctx.db,
    `SELECT ${SETTLE_STATE} FROM accounts a WHERE a.id = ?`,
    accountId,
  ),
): boolean {
  // most accounts have no plan, no promise and no credit: the state says so without loading
  // any of them, and there is nothing to settle
  const credit = state.creditFollowUp || state.patient < 0 || state.insurance < 0;
  // a plan ended at another desk leaves this desk's own late-plan follow-up open, which the
  // ending closed there; only the upkeep's own (`own:`, office desks only): a plan follow-up a
  // person opened ("call to set up a plan") is theirs to close
  const ended = !state.plan && state.planFollowUp;
  if (!state.plan && !state.promise && !credit && !ended) return false;
  const today = ctx.clock.today();
  // what settling writes is each desktop's own, as its balances are
  return asDesktopsOwn(ctx.db, () => {
    if (ended) closeSystemFollowUps(ctx, { accountId, kind: 'plan' }, 'the plan has ended.');
    const plan = state.plan ? settlePlan(ctx, accountId, today) : false;
    const promise = state.promise ? settlePromises(ctx, accountId, today) : false;
    return settleCredit(ctx, accountId, today, state) || plan || promise;
  });
}

function settlePlan(ctx: Ctx, accountId: AccountId, today: IsoDate): boolean {
  const plan = activePlan(ctx.db, accountId, today);
  if (!plan) return false;
  if (plan.remaining === 0) {
    run(
      ctx.db,
      `UPDATE payment_plans SET status = 'paid_off', delinquent = 0, ended_at = ?, ended_by = ?,
           end_reason = 'Paid in full' WHERE id = ?`,
      ctx.clock.now(),
      ctx.userId,
      plan.id,
    );
    recordActivity(ctx, {
      accountId,
      kind: 'system',
      text: `Payment plan paid off (${formatCents(plan.total)} in all).`,
    });
    closeSystemFollowUps(ctx, { accountId, kind: 'plan' }, 'the plan is paid off.');
    return false;
  }
  const late = plan.installments.find((i) => i.status === 'late');
  if (late) {
    const days = daysBetween(late.dueDate, today);
    openSystemFollowUp(ctx, {
      accountId,
      kind: 'plan',
      dueDate: today,
      reason: `Plan installment ${late.number === 0 ? '(down payment)' : `#${late.number}`} of ${formatCents(late.amount)} due ${formatUsDate(late.dueDate)} is ${days} days late; ${formatCents(plan.pastDue)} past due.`,
    });
    if (!plan.delinquent) {
      run(ctx.db, `UPDATE payment_plans SET delinquent = 1 WHERE id = ?`, plan.id);
      recordActivity(ctx, {
        accountId,
        kind: 'system',
        text: `Payment plan is delinquent: the installment due ${formatUsDate(late.dueDate)} is past its ${plan.graceDays}-day grace period.`,
      });
    }
    return true;
  }
  if (plan.delinquent) {
    run(ctx.db, `UPDATE payment_plans SET delinquent = 0 WHERE id = ?`, plan.id);
    closeSystemFollowUps(ctx, { accountId, kind: 'plan' }, 'the plan is caught up.');
  }
  return false;
}

function settlePromises(ctx: Ctx, accountId: AccountId, today: IsoDate): boolean {
  let opened = false;
  const grace = billingRules(ctx.db).promiseGraceDays;
  for (const p of accountPromises(ctx.db, accountId)) {
    if (p.status !== 'open') continue;
    const label = p.kind === 'promise' ? 'Promise to pay' : 'Credit extension';
    if (p.paidSince >= p.amount) {
      run(
        ctx.db,
        `UPDATE promises SET status = 'kept', resolved_at = ? WHERE id = ?`,
        ctx.clock.now(),
        p.id,
      );
      recordActivity(ctx, {
        accountId,
        kind: 'system',
        text: `${label} of ${formatCents(p.amount)} by ${formatUsDate(p.dueDate)} kept.`,
      });
      closeSystemFollowUps(ctx, { accountId, kind: 'promise' }, 'the promised money came in.');
    } else if (today > addDays(p.dueDate, grace)) {
      run(
        ctx.db,
        `UPDATE promises SET status = 'broken', resolved_at = ? WHERE id = ?`,
        ctx.clock.now(),
        p.id,
      );
      openSystemFollowUp(ctx, {
        accountId,
        kind: 'promise',
        dueDate: today,
        reason: `${label}: ${formatCents(p.amount)} by ${formatUsDate(p.dueDate)} broken; ${formatCents(p.paidSince)} received.`,
      });
      opened = true;
    }
  }
  return opened;
}

function settleCredit(ctx: Ctx, accountId: AccountId, today: IsoDate, row: SettleState): boolean {
  const credits = [
    row.patient < 0 ? `${formatCents(cents(-row.patient))} on the patient side` : null,
    row.insurance < 0 ? `${formatCents(cents(-row.insurance))} on the insurance side` : null,
  ].filter((c): c is string => c !== null);
  if (credits.length > 0) {
    openSystemFollowUp(ctx, {
      accountId,
      kind: 'credit_balance',
      dueDate: today,
      reason: `Credit balance of ${credits.join(' and ')}: refund it or apply it.`,
    });
    return true;
  }
  if (row.creditFollowUp) {
    closeSystemFollowUps(ctx, { accountId, kind: 'credit_balance' }, 'no credit balance is left.');
  }
  return false;
}
