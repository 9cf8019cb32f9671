import type { QueryCache } from '@tanstack/react-query';
import { keys } from '../app/query';

// Pages scrolled past that stay cached: a few screens back either way come back at once. A
// drag through the queue fetches a page or two per step, and a time limit alone would keep
// every page a fast drag passed in the last half minute (hundreds of them, their rows alive
// for every garbage collection to walk).
export const PAGES_KEPT = 20;

/**
 * Drops the queue pages no screen shows beyond the `kept` fetched last. The first page of
 * each filter stays: a trip to an account and back finds the queue drawn.
 */
export function dropPagesScrolledPast(cache: QueryCache, kept = PAGES_KEPT): void {
  const idle = cache
    .findAll({ queryKey: keys.queue, type: 'inactive' })
    .filter((q) => q.queryKey[2] !== 0)
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  for (const q of idle.slice(kept)) cache.remove(q);
}
