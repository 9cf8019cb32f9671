import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, FollowUpId } from '../../shared/ids';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { queueRank, type RankInput } from '../queue/priority';
import { buildDemoHospital, TODAY } from '../testing/demo-hospital';
import type { TestCtx } from '../testing/test-db';
import { all, oneOrThrow, run } from '../db/query';
import { PLANS_AND_PROMISES, runDailyWork } from './daily';
import { agingBucketOf } from './queue-columns';
import { recountQueueIfOff } from './queue-counts';
import { upkeepTouched } from './upkeep';

/**
 * The day's work reads only the day's share (the follow-ups past a bucket's boundary, the
 * passed deadlines through their own index); what it writes must be what reading every
 * follow-up wrote. Compared on the demo hospital with deadlines and oldest dates scattered
 * over it and days passing in jumps, against the day's work as it was: every statement
 * reading the table itself.
 */
function dailyWorkReadingEverything(ctx: Ctx): { accounts: number; reranked: number } {
  const today = ctx.clock.today();
  const ids = all<{ id: AccountId }>(ctx.db, PLANS_AND_PROMISES);
  for (const { id } of ids) touchAccount(ctx.db, id);
  for (const bucket of AGING_BUCKETS) {
    if (bucket.maxDays === null) continue;
    const rows = all<{ id: FollowUpId; oldestOpenDate: IsoDate }>(
      ctx.db,
      `SELECT id, oldest_open_date AS oldestOpenDate FROM follow_ups NOT INDEXED
         WHERE status = 'open' AND aging_bucket = ? AND oldest_open_date < ?`,
      bucket.key,
      addDays(today, -bucket.maxDays),
    );
    for (const r of rows)
      run(
        ctx.db,
        `UPDATE follow_ups SET aging_bucket = ? WHERE id = ?`,
        agingBucketOf(r.oldestOpenDate, today),
        r.id,
      );
  }
  recountQueueIfOff(ctx.db);
  let reranked = 0;
  const passed = all<RankInput & { id: FollowUpId; rank: number }>(
    ctx.db,
    `SELECT id, balance, oldest_open_date AS oldestOpenDate, due_date AS dueDate,
       deadline_date AS deadlineDate, rank
     FROM follow_ups NOT INDEXED WHERE status = 'open' AND deadline_date < ?`,
    today,
  );
  for (const r of passed) {
    const rank = queueRank(r, today);
    if (rank === r.rank) continue;
    run(ctx.db, `UPDATE follow_ups SET rank = ? WHERE id = ?`, rank, r.id);
    reranked++;
  }
  return { accounts: ids.length, reranked };
}

/** Everything the day's work may write. */
function written(ctx: Ctx): unknown {
  return {
    followUps: all(
      ctx.db,
      `SELECT id, status, reason, due_date, rank, aging_bucket FROM follow_ups ORDER BY id`,
    ),
    counts: all(ctx.db, `SELECT * FROM queue_counts ORDER BY 1, 2, 3, 4, 5`),
    plans: all(ctx.db, `SELECT id, status, delinquent FROM payment_plans ORDER BY id`),
    promises: all(ctx.db, `SELECT id, status FROM promises ORDER BY id`),
    activities: all(ctx.db, `SELECT id, account_id, body FROM activities ORDER BY id`),
  };
}

interface Change {
  pick: number;
  /** Days from today, or no deadline. */
  deadline: number | null;
  /** Days from today the oldest open amount moves to, if it moves. */
  oldest: number | null;
}

let ctx: TestCtx;
let followUps: number;
beforeAll(() => {
  ({ ctx } = buildDemoHospital());
  ({ followUps } = oneOrThrow<{ followUps: number }>(
    ctx.db,
    `SELECT count(*) AS followUps FROM follow_ups`,
  ));
  // the day the hospital was built on is done: each run starts from the same state
  runDailyWork(ctx);
}, 60_000);
afterAll(() => ctx.close());

/** The days' work on a copy of the hospital as changed, each day's result and what it wrote. */
function daysOf(
  changes: readonly Change[],
  jumps: readonly number[],
  work: (ctx: Ctx) => { accounts: number; reranked: number },
): unknown[] {
  ctx.db.exec('BEGIN');
  try {
    for (const c of changes) {
      const id = (c.pick % followUps) + 1;
      const date = (days: number | null) => (days === null ? null : addDays(TODAY, days));
      run(ctx.db, `UPDATE follow_ups SET deadline_date = ? WHERE id = ?`, date(c.deadline), id);
      if (c.oldest !== null)
        run(ctx.db, `UPDATE follow_ups SET oldest_open_date = ? WHERE id = ?`, date(c.oldest), id);
    }
    let day = TODAY;
    return jumps.map((jump) => {
      day = addDays(day, jump);
      const dayCtx = { ...ctx, clock: fixedClock(day) };
      const result = work(dayCtx);
      // inside this transaction the day's work leaves the touched accounts' upkeep to us
      upkeepTouched(dayCtx);
      return { day, result, written: written(ctx) };
    });
  } finally {
    ctx.db.exec('ROLLBACK');
  }
}

describe("the day's work", () => {
  it('writes what reading every follow-up wrote, whatever the deadlines and days', () => {
    const change: fc.Arbitrary<Change> = fc.record({
      pick: fc.nat(),
      deadline: fc.option(fc.integer({ min: -120, max: 150 })),
      oldest: fc.option(fc.integer({ min: -400, max: 0 })),
    });
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }),
        (changes, jumps) => {
          const now = daysOf(changes, jumps, runDailyWork);
          const before = daysOf(changes, jumps, dailyWorkReadingEverything);
          expect(now).toEqual(before);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  // the comparison means something only if the days move buckets and re-rank
  it('has work to compare on the demo hospital: amounts aging and deadlines passing', () => {
    const day = { ...ctx, clock: fixedClock(addDays(TODAY, 30)) };
    const pastCurrent = () =>
      oneOrThrow<{ n: number }>(
        ctx.db,
        `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND aging_bucket = 'current'
           AND oldest_open_date < ?`,
        addDays(day.clock.today(), -30),
      ).n;
    ctx.db.exec('BEGIN');
    try {
      expect(pastCurrent()).toBeGreaterThan(0);
      expect(runDailyWork(day).reranked).toBeGreaterThan(0);
      expect(pastCurrent()).toBe(0);
    } finally {
      ctx.db.exec('ROLLBACK');
    }
  });
});
