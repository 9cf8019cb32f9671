import { insertedId, type PlanId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import type { PlanPreview } from '../../shared/api/plans';
import { formatUsDate } from '../../shared/dates/iso-date';
import { formatCents } from '../../shared/money/format';
import { buildSchedule } from '../../shared/plans/schedule';
import type { Ctx, ReadCtx } from '../core/context';
import { recordActivity } from '../activities/record';
import { closeSystemFollowUps } from '../followups/system';
import { patientPaidTotal, requirePostableAccount } from '../posting/account-state';
import { billingRules } from '../rules/billing-rules';
import { planRow } from './load';
import { one, prepare, run } from '../db/query';

type Terms = ParsedInputOf<'previewPlan'>;

/** The schedule a plan would have; shown before saving, and what saving stores. */
export function previewPlan(ctx: ReadCtx, input: Terms): PlanPreview {
  const { db } = ctx;
  const account = requirePostableAccount(db, input.accountId);
  if (account.patientBalance <= 0) {
    throw invalid('There is no patient balance to put on a plan.', 'accountId');
  }
  const active = one(
    db,
    `SELECT id FROM payment_plans WHERE account_id = ? AND status = 'active'`,
    account.id,
  );
  if (active) throw conflict('This account already has an active payment plan.');
  const rules = billingRules(db);
  const result = buildSchedule({
    balance: account.patientBalance,
    downPayment: input.downPayment,
    startDate: ctx.clock.today(),
    firstDueDate: input.firstDueDate,
    length: input.length,
    minimumMonthly: rules.planMinimumMonthly,
    maxMonths: rules.planMaxMonths,
  });
  if (!result.ok) return result;
  const monthly = result.installments.filter((i) => i.number >= 1);
  const last = result.installments[result.installments.length - 1];
  const first = monthly[0];
  if (!last || !first) throw new Error('a valid schedule has at least one installment');
  return {
    ok: true,
    balance: account.patientBalance,
    installments: result.installments,
    monthlyAmount: first.amount,
    months: monthly.length,
    lastDueDate: last.dueDate,
  };
}

export function createPlan(ctx: Ctx, input: ParsedInputOf<'createPlan'>): Created {
  const { db } = ctx;
  const preview = previewPlan(ctx, input);
  if (!preview.ok) throw invalid(preview.message, preview.field);
  const rules = billingRules(db);
  const id = insertedId<PlanId>(
    run(
      db,
      `INSERT INTO payment_plans (account_id, plan_number, start_date, first_due_date,
             monthly_amount, down_payment, grace_days, include_new_charges, paid_before,
             created_at, created_by)
           VALUES (?, (SELECT ifnull(max(plan_number), 0) + 1 FROM payment_plans
                        WHERE account_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.accountId,
      input.accountId,
      ctx.clock.today(),
      input.firstDueDate,
      preview.monthlyAmount,
      input.downPayment,
      rules.planGraceDays,
      input.includeNewCharges ? 1 : 0,
      patientPaidTotal(db, input.accountId),
      ctx.clock.now(),
      ctx.userId,
    ),
  );
  const insert = prepare(
    db,
    `INSERT INTO plan_installments (plan_id, number, due_date, amount) VALUES (?, ?, ?, ?)`,
  );
  for (const i of preview.installments) insert.run(id, i.number, i.dueDate, i.amount);
  const down = input.downPayment > 0 ? `, ${formatCents(input.downPayment)} down` : '';
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text:
      `Payment plan set up for ${formatCents(preview.balance)}${down}: ${preview.months} monthly payments of ${formatCents(preview.monthlyAmount)} from ${formatUsDate(input.firstDueDate)} to ${formatUsDate(preview.lastDueDate)}; new charges ${input.includeNewCharges ? 'join the plan' : 'stay outside it'}.` +
      (input.note ? ` ${input.note}` : ''),
  });
  return { id };
}

/** Ends an active plan as broken (the patient stopped paying) or cancelled. */
export function endPlan(ctx: Ctx, input: ParsedInputOf<'endPlan'>): Created {
  const { db } = ctx;
  const plan = planRow(db, input.planId);
  if (!plan) throw notFound('The payment plan');
  if (plan.status !== 'active')
    throw conflict(`This plan is already ${plan.status.replace('_', ' ')}.`);
  run(
    db,
    `UPDATE payment_plans SET status = ?, delinquent = 0, ended_at = ?, ended_by = ?, end_reason = ?
       WHERE id = ?`,
    input.status,
    ctx.clock.now(),
    ctx.userId,
    input.reason,
    plan.id,
  );
  closeSystemFollowUps(
    ctx,
    { accountId: plan.accountId, kind: 'plan' },
    `the plan was marked ${input.status}.`,
  );
  recordActivity(ctx, {
    accountId: plan.accountId,
    kind: 'system',
    text: `Payment plan marked ${input.status}: ${input.reason}`,
  });
  touchAccount(db, plan.accountId);
  return { id: plan.id };
}
