import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { FollowUpId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { queueRank, type RankInput } from '../queue/priority';
import { MOVE_TO_BUCKET, moveAgingBuckets, PAST_BUCKET } from '../upkeep/aging-buckets';
import { PLANS_AND_PROMISES, runDailyWork } from '../upkeep/daily';
import { COUNTS_CHECK, recountQueueIfOff } from '../upkeep/queue-counts';
import { PASSED_DEADLINES, RERANK, rerankPassedDeadlines } from '../upkeep/rerank';
import { upkeepTouched } from '../upkeep/upkeep';
import { agingBucketOf } from '../upkeep/queue-columns';
import { all, oneOrThrow, prepare } from '../db/query';
import { pairedRollbacks, summarize, timedRollback, type Timing } from './measure';

/**
 * The day's work on the bench database: the day after the bench's today, as the first
 * request of that day does it, each run rolled back so that every run does the same day's
 * work and the file stays as built. Against it, the bare SQL of the same statements: the
 * same reads and the same updates with their values worked out beforehand.
 */
export interface DailyWorkResult {
  day: IsoDate;
  /** Accounts with an active plan or an open promise, settled by the handler. */
  settled: number;
  moved: number;
  reranked: number;
  runs: number;
  handler: Timing;
  bare: Timing;
  handlerCpu: Timing;
  bareCpu: Timing;
  /** Each step of the handler alone, p50 in milliseconds. */
  steps: Record<string, number>;
}

interface Writes {
  settled: number;
  moves: [string, FollowUpId][];
  reranks: [number, FollowUpId][];
}

/** What the day's work will write on `day`, read before any run (untimed). */
function writesOn(ctx: Ctx, day: IsoDate): Writes {
  const settled = all(ctx.db, PLANS_AND_PROMISES).length;
  const moves = AGING_BUCKETS.flatMap((b) =>
    b.maxDays === null
      ? []
      : all<{ id: FollowUpId; oldestOpenDate: IsoDate }>(
          ctx.db,
          PAST_BUCKET,
          b.key,
          addDays(day, -b.maxDays),
        ).map((r): [string, FollowUpId] => [agingBucketOf(r.oldestOpenDate, day) ?? '', r.id]),
  );
  const reranks = all<RankInput & { id: FollowUpId; rank: number }>(
    ctx.db,
    PASSED_DEADLINES,
    day,
  ).flatMap((r): [number, FollowUpId][] => {
    const rank = queueRank(r, day);
    return rank === r.rank ? [] : [[rank, r.id]];
  });
  return { settled, moves, reranks };
}

function bareDay(ctx: Ctx, day: IsoDate, writes: Writes): void {
  all(ctx.db, PLANS_AND_PROMISES);
  for (const b of AGING_BUCKETS)
    if (b.maxDays !== null) all(ctx.db, PAST_BUCKET, b.key, addDays(day, -b.maxDays));
  oneOrThrow(ctx.db, COUNTS_CHECK);
  all(ctx.db, PASSED_DEADLINES, day);
  const move = prepare(ctx.db, MOVE_TO_BUCKET);
  for (const [bucket, id] of writes.moves) move.run(bucket, id);
  const rerank = prepare(ctx.db, RERANK);
  for (const [rank, id] of writes.reranks) rerank.run(rank, id);
}

const ms = (t: Timing): Timing => ({
  p50: t.p50 * 1000,
  p95: t.p95 * 1000,
  mean: t.mean * 1000,
  max: t.max * 1000,
});

export function dailyWorkBenchmark(ctx: Ctx, runs: number): DailyWorkResult {
  const day = addDays(ctx.clock.today(), 1);
  const dayCtx: Ctx = { ...ctx, clock: fixedClock(day) };
  const writes = writesOn(ctx, day);
  // inside the bench's transaction the day's work leaves its accounts' upkeep to the caller
  const handler = () => {
    runDailyWork(dayCtx);
    upkeepTouched(dayCtx);
  };
  const bare = () => bareDay(ctx, day, writes);
  // a warm-up of each, and both must write the same, or the comparison means nothing
  let reranked = -1;
  timedRollback(ctx.db, () => {
    reranked = runDailyWork(dayCtx).reranked;
    upkeepTouched(dayCtx);
  });
  if (reranked !== writes.reranks.length)
    throw new Error(`bench: the day's work re-ranked ${reranked}, not ${writes.reranks.length}`);
  timedRollback(ctx.db, bare);
  const t = pairedRollbacks(ctx.db, handler, bare, runs);
  const step = (work: () => void) =>
    summarize(Array.from({ length: runs }, () => timedRollback(ctx.db, work) * 1000)).p50;
  return {
    day,
    settled: writes.settled,
    moved: writes.moves.length,
    reranked,
    runs,
    handler: ms(t.a),
    bare: ms(t.b),
    handlerCpu: ms(t.aCpu),
    bareCpu: ms(t.bCpu),
    steps: {
      'aging buckets moved': step(() => moveAgingBuckets(ctx.db, day)),
      'counts checked': step(() => recountQueueIfOff(ctx.db)),
      'passed deadlines re-ranked': step(() => rerankPassedDeadlines(ctx.db, day)),
    },
  };
}

export function printDailyWork(r: DailyWorkResult): void {
  const f = (v: number) => v.toFixed(1);
  console.log(
    `The day's work for ${r.day} (${r.runs} runs, each rolled back): ${r.settled} accounts with a plan ` +
      `or promise settled, ${r.moved.toLocaleString('en-US')} follow-ups moved to an older aging ` +
      `bucket, ${r.reranked.toLocaleString('en-US')} re-ranked\n` +
      `  handler p50 ${f(r.handler.p50)} ms, p95 ${f(r.handler.p95)} ms (CPU p50 ${f(r.handlerCpu.p50)} ms); ` +
      `bare SQL p50 ${f(r.bare.p50)} ms, p95 ${f(r.bare.p95)} ms (CPU p50 ${f(r.bareCpu.p50)} ms); ` +
      `ratio p50 ${(r.handler.p50 / r.bare.p50).toFixed(2)}x\n` +
      `  each step alone, p50: ${Object.entries(r.steps)
        .map(([name, v]) => `${name} ${f(v)} ms`)
        .join(', ')}`,
  );
}
