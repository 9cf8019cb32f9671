import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import type { Db } from '../db/open';
import { settleAccount } from './settle';

const checkedOn = new WeakMap<Db, IsoDate>();

/**
 * Once a day (per open database), looks at every account with an active plan or an open
 * promise, so a missed installment or a broken promise shows up in the queue on the day
 * it happens even if nobody posts anything. Returns the number of accounts looked at.
 */
export function runDailyCollectionsCheck(ctx: Ctx): number {
  const today = ctx.clock.today();
  if (checkedOn.get(ctx.db) === today) return 0;
  const ids = ctx.db
    .prepare(
      `SELECT account_id AS id FROM payment_plans WHERE status = 'active'
       UNION SELECT account_id FROM promises WHERE status = 'open'`,
    )
    .all() as { id: number }[];
  ctx.db.transaction(() => {
    for (const { id } of ids) settleAccount(ctx, id);
  })();
  checkedOn.set(ctx.db, today);
  return ids.length;
}
