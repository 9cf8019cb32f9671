import type { ParsedInputOf } from '../../shared/api/contract';
import { invalid } from '../../shared/api/errors';
import {
  callingHoursProblem,
  type BillingRules,
  type BillingRulesView,
  type rulesMethods,
} from '../../shared/api/rules';
import type { HandlersOf } from '../core/handlers';
import type { Ctx, ReadCtx } from '../core/context';
import { isSupervisor } from '../users/users';
import { billingRules, writeBillingRules } from './billing-rules';
import { one } from '../db/query';

export function getBillingRules(ctx: ReadCtx): BillingRulesView {
  const lastChange = one<BillingRulesView['lastChange']>(
    ctx.db,
    `SELECT r.updated_at AS at, u.display_name AS byName
       FROM billing_rules r JOIN users u ON u.id = r.updated_by
       ORDER BY r.updated_at DESC LIMIT 1`,
  );
  return {
    rules: billingRules(ctx.db),
    canChange: isSupervisor(ctx.db, ctx.userId),
    lastChange: lastChange ?? null,
  };
}

export function saveBillingRules(
  ctx: Ctx,
  input: ParsedInputOf<'saveBillingRules'>,
): BillingRulesView {
  const changes = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined),
  ) as Partial<BillingRules>;
  // judged as the rules will stand, so changing only one of the two hours is judged too
  const current = billingRules(ctx.db);
  const after = { ...current, ...changes };
  const problem = callingHoursProblem(after.callingHoursStart, after.callingHoursEnd);
  if (problem) {
    // shown on the hour that was changed (the end when both were)
    const moved = after.callingHoursEnd !== current.callingHoursEnd;
    throw invalid(problem, moved ? 'callingHoursEnd' : 'callingHoursStart');
  }
  writeBillingRules(ctx.db, changes, { userId: ctx.userId, now: ctx.clock.now() });
  return getBillingRules(ctx);
}

/** The handlers of the billing rules: one for each method of the slice. */
export const rulesHandlers = {
  getBillingRules,
  saveBillingRules,
} satisfies HandlersOf<typeof rulesMethods>;
