import type { ParsedInputOf } from '../../shared/api/contract';
import type { BillingRules } from '../../shared/api/types';
import type { Ctx } from '../api/context';
import { requireSupervisor } from '../users/users';
import { billingRules, writeBillingRules } from './billing-rules';

export function getBillingRules(ctx: Ctx): BillingRules {
  return billingRules(ctx.db);
}

export function saveBillingRules(ctx: Ctx, input: ParsedInputOf<'saveBillingRules'>): BillingRules {
  return ctx.db.transaction(() => {
    requireSupervisor(ctx.db, ctx.userId, "change the office's billing rules");
    const changes = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as Partial<BillingRules>;
    writeBillingRules(ctx.db, changes, { userId: ctx.userId, now: ctx.clock.now() });
    return billingRules(ctx.db);
  })();
}
