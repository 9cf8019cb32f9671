/** Timing helpers: percentiles over many runs, with warm-up runs that are not counted. */
import type { Db } from '../db/open';

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: total / sorted.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Runs a and b alternately (a b, b a, a b, ...), so drift in the machine (other processes,
 * the page cache) affects both alike, keeping each run's wall time as `timed` measures it
 * (in milliseconds) and this process's CPU time, both given in units of `msPerUnit`.
 */
function alternately(
  runs: number,
  timed: (which: 'a' | 'b', i: number) => number,
  msPerUnit: number,
): PairedTimings {
  const wall = { a: [] as number[], b: [] as number[] };
  const cpu = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const cpuBefore = process.cpuUsage();
      wall[which].push(timed(which, i) / msPerUnit);
      const used = process.cpuUsage(cpuBefore);
      cpu[which].push((used.user + used.system) / 1000 / msPerUnit);
    }
  }
  return {
    a: summarize(wall.a),
    b: summarize(wall.b),
    aCpu: summarize(cpu.a),
    bCpu: summarize(cpu.b),
  };
}

/**
 * Two ways of doing the same work, after a warm-up of each, run alternately; each run
 * gets the iteration number. Times in milliseconds.
 */
export function measurePair(
  a: (i: number) => void,
  b: (i: number) => void,
  opts: { warmup: number; iterations: number },
): PairedTimings {
  for (let i = 0; i < opts.warmup; i++) {
    a(i);
    b(i);
  }
  return alternately(
    opts.iterations,
    (which, i) => {
      const start = performance.now();
      (which === 'a' ? a : b)(i);
      return performance.now() - start;
    },
    1,
  );
}

/**
 * Times bulk work inside a transaction that is rolled back afterwards, so the reused
 * bench database stays exactly as it was built. Returns seconds.
 */
export function timedRollback(db: Db, work: () => void): number {
  db.exec('BEGIN');
  const start = performance.now();
  try {
    work();
    return (performance.now() - start) / 1000;
  } finally {
    db.exec('ROLLBACK');
  }
}

export interface PairedTimings {
  /** Wall-clock time (milliseconds from measurePair, seconds from pairedRollbacks). */
  a: Timing;
  b: Timing;
  /** CPU time of this process (user + system), steadier than the wall clock on a busy machine. */
  aCpu: Timing;
  bCpu: Timing;
}

/** What db.transaction takes. */
type TransactionBody = Parameters<Db['transaction']>[0];

/**
 * Work that opens its transaction through db.transaction, as everything run through
 * dispatch does, run inside the bench's BEGIN … ROLLBACK with that transaction as the
 * outermost one, as it is in the app. Left alone, better-sqlite3 opens it as a SAVEPOINT
 * inside the bench's transaction, which costs what the app never pays: every page changed
 * under a savepoint is copied to its sub-journal, and where temporary storage is in memory
 * (every encrypted connection) the end of each statement inside it walks that whole
 * in-memory journal, so a 10,000-claim import grew with the square of its pages.
 * Transactions opened inside the outermost one stay savepoints, as in the app.
 */
export function asOwnTransaction(db: Db, work: () => void): () => void {
  return () => {
    const nested = db.transaction.bind(db);
    let depth = 0;
    const outermost = <F extends TransactionBody>(fn: F) => {
      if (depth > 0) return nested(fn);
      const body = (...args: Parameters<F>): ReturnType<F> => {
        depth += 1;
        try {
          return fn(...args) as ReturnType<F>;
        } finally {
          depth -= 1;
        }
      };
      return Object.assign(body, {
        default: body,
        deferred: body,
        immediate: body,
        exclusive: body,
      });
    };
    // shadows the library's method on this connection only, for this run only
    Object.defineProperty(db, 'transaction', { value: outermost, configurable: true });
    try {
      work();
    } finally {
      Reflect.deleteProperty(db, 'transaction');
    }
  };
}

/** Two ways of writing the same rows, each in a transaction rolled back afterwards, run alternately; in seconds. */
export function pairedRollbacks(db: Db, a: () => void, b: () => void, runs: number): PairedTimings {
  return alternately(runs, (which) => timedRollback(db, which === 'a' ? a : b) * 1000, 1000);
}

/** Work that writes nothing, run once to warm up and then `runs` times; in seconds. */
export function timedRuns(runs: number, work: () => void): Timing {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push((performance.now() - start) / 1000);
  }
  return summarize(samples);
}
