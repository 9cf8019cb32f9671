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
import { one, oneOrThrow, run } from '../db/query';

/**
 * Brings an account's collection state in line with its ledger: a plan that is paid off
 * or late, a promise kept or broken, a credit balance that needs a refund. The upkeep
 * runs it at commit for every account the request touched, and the daily work for every
 * account with an active plan or an open promise; the queue columns are refreshed after.
 */
export function settleAccount(ctx: Ctx, accountId: AccountId): void {
  const today = ctx.clock.today();
  settlePlan(ctx, accountId, today);
  settlePromises(ctx, accountId, today);
  settleCredit(ctx, accountId, today);
}

function settlePlan(ctx: Ctx, accountId: AccountId, today: IsoDate): void {
  const plan = activePlan(ctx.db, accountId, today);
  if (!plan) return;
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
    return;
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
    return;
  }
  if (plan.delinquent) {
    run(ctx.db, `UPDATE payment_plans SET delinquent = 0 WHERE id = ?`, plan.id);
    closeSystemFollowUps(ctx, { accountId, kind: 'plan' }, 'the plan is caught up.');
  }
}

function settlePromises(ctx: Ctx, accountId: AccountId, today: IsoDate): void {
  const anyOpen = one(
    ctx.db,
    `SELECT 1 AS found FROM promises WHERE account_id = ? AND status = 'open' LIMIT 1`,
    accountId,
  );
  if (!anyOpen) return;
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
    }
  }
}

function settleCredit(ctx: Ctx, accountId: AccountId, today: IsoDate): void {
  const row = oneOrThrow<{ insurance: number; patient: number }>(
    ctx.db,
    `SELECT insurance_balance AS insurance, patient_balance AS patient FROM accounts WHERE id = ?`,
    accountId,
  );
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
    return;
  }
  closeSystemFollowUps(ctx, { accountId, kind: 'credit_balance' }, 'no credit balance is left.');
}
