import type { AccountId } from '../../shared/ids';
import { formatCents } from '../../shared/money/format';
import type { Cents } from '../../shared/money/cents';
import { addToSchedule } from '../../shared/plans/extend';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { activePlan, planInstallments } from './load';
import { prepare } from '../db/query';

/**
 * New patient charges join the active plan when it was set up to take them; otherwise
 * they stay outside it, as their own balance. Runs in the caller's transaction.
 */
export function extendPlanForNewCharges(ctx: Ctx, accountId: AccountId, added: Cents): void {
  const { db } = ctx;
  const plan = activePlan(db, accountId, ctx.clock.today());
  if (!plan || !plan.includeNewCharges) return;
  const before = planInstallments(db, plan.id);
  const after = addToSchedule(before, plan.paid, added, plan.monthlyAmount);
  const upsert = prepare(
    db,
    `INSERT INTO plan_installments (plan_id, number, due_date, amount) VALUES (?, ?, ?, ?)
     ON CONFLICT (plan_id, number) DO UPDATE SET due_date = excluded.due_date, amount = excluded.amount`,
  );
  for (const i of after) upsert.run(plan.id, i.number, i.dueDate, i.amount);
  recordActivity(ctx, {
    accountId,
    kind: 'system',
    text: `${formatCents(added)} of new patient charges added to the payment plan; it now has ${after.length} installments.`,
  });
}
