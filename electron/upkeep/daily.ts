import type { AccountId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { failureKind } from '../core/failure';
import { touchAccount } from '../core/touched';
import type { Db } from '../db/open';
import { moveAgingBuckets } from './aging-buckets';
import { recountQueueIfOff } from './queue-counts';
import { rerankPassedDeadlines } from './rerank';
import { inWriteTransaction } from './upkeep';
import { all } from '../db/query';

const doneOn = new WeakMap<Db, IsoDate>();
const held = new WeakSet<Db>();

/**
 * Whether the day has changed since this connection last did the daily work (and the work
 * is not held back: holdDailyWork).
 */
export function dailyWorkDue(ctx: Ctx): boolean {
  return !held.has(ctx.db) && doneOn.get(ctx.db) !== ctx.clock.today();
}

/**
 * Keeps the daily work from running before the requests of the window's first screen: it
 * reads every open follow-up, which takes seconds on a million accounts, and the window
 * would wait for it. The returned function lets the next request do it, as on any day.
 */
export function holdDailyWork(db: Db): () => void {
  held.add(db);
  return () => held.delete(db);
}

/** The accounts with an active plan or an open promise. */
export const PLANS_AND_PROMISES = `SELECT account_id AS id FROM payment_plans WHERE status = 'active'
  UNION SELECT account_id FROM promises WHERE status = 'open'`;

/**
 * The work the calendar makes, once a day per open database, before the first request of
 * the day: every account with an active plan or an open promise is settled, so a missed
 * installment or a broken promise shows in the queue on the day it happens even if
 * nobody posts anything; and follow-ups whose deadline passed are re-ranked, so a missed
 * deadline stops pushing them up the queue; and follow-ups whose oldest amount grew into
 * the next aging bucket are moved there, for the queue's aging filter; and the queue's
 * counts are checked against its follow-ups. It is idempotent,
 * so a second workstation doing the same the same day changes nothing.
 */
export function runDailyWork(ctx: Ctx): { accounts: number; reranked: number } {
  const today = ctx.clock.today();
  const result = inWriteTransaction(ctx, () => {
    const ids = all<{ id: AccountId }>(ctx.db, PLANS_AND_PROMISES);
    for (const { id } of ids) touchAccount(ctx.db, id);
    moveAgingBuckets(ctx.db, today);
    recountQueueIfOff(ctx.db);
    return { accounts: ids.length, reranked: rerankPassedDeadlines(ctx.db, today) };
  });
  doneOn.set(ctx.db, today);
  return result;
}

/**
 * The daily work if the database is free this moment. Another workstation's long import
 * holds the write lock for a while; a read must not wait for it or fail because of it,
 * so the day's work is left for a later request instead. Returns whether it ran.
 */
export function dailyWorkIfFree(ctx: Ctx): boolean {
  const timeout = ctx.db.pragma('busy_timeout', { simple: true }) as number;
  ctx.db.pragma('busy_timeout = 0');
  try {
    runDailyWork(ctx);
    return true;
  } catch (error) {
    if (failureKind(error) === 'busy') return false;
    throw error;
  } finally {
    ctx.db.pragma(`busy_timeout = ${timeout}`);
  }
}
