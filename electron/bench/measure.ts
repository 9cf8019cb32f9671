/** Timing helpers: percentiles over many runs, with warm-up runs that are not counted. */

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
 * Runs two ways of doing the same work alternately, so drift in the machine (other
 * processes, the page cache) affects both alike. Each run gets the iteration number.
 */
export function measurePair(
  a: (i: number) => void,
  b: (i: number) => void,
  opts: { warmup: number; iterations: number },
): { a: Timing; b: Timing } {
  for (let i = 0; i < opts.warmup; i++) {
    a(i);
    b(i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < opts.iterations; i++) {
    const first = i % 2 === 0;
    for (const which of first ? ['a', 'b'] : ['b', 'a']) {
      const start = performance.now();
      if (which === 'a') a(i);
      else b(i);
      (which === 'a' ? ta : tb).push(performance.now() - start);
    }
  }
  return { a: summarize(ta), b: summarize(tb) };
}
