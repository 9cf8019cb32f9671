import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { QueueRow } from '../../../shared/api/queue';
import { api } from '../app/api';
import { keys } from '../app/query';
import { toInput, type QueueFilters } from './filters';
import { dropPagesScrolledPast } from './page-cache';

// A page arrives in one task that parses it and draws its rows: half a hundred keeps that
// task small, and a screenful of rows spans at most two of them.
export const PAGE_SIZE = 50;

const pageQuery = (filters: QueueFilters, page: number) => ({
  queryKey: [...keys.queue, filters, page] as const,
  queryFn: () => api.listQueue(toInput(filters, page * PAGE_SIZE, PAGE_SIZE)),
  // A page scrolled past is dropped soon: dragging through a million-account queue would
  // otherwise keep every row in memory, and each full garbage collection walks them all.
  // The first page stays as long as any query does, so a trip to an account and back
  // finds the queue drawn.
  ...(page > 0 && { gcTime: 30_000 }),
});

/** The queue's first page: its total, and whether the queue has loaded at all. */
export function useQueueFirstPage(filters: QueueFilters) {
  return useQuery(pageQuery(filters, 0));
}

/**
 * Random-access pages of the queue: the list knows the total from the first page and
 * fetches only the pages that scroll into view, so jumping to the end of 40,000 rows
 * costs one request, not four hundred. A page keeps its rows' identities while it stays
 * cached, so a row already drawn is not drawn again when another page arrives.
 */
export function useQueuePages(filters: QueueFilters, visiblePages: readonly number[]) {
  const first = useQueueFirstPage(filters);
  const later = visiblePages.filter((p) => p > 0);
  const pages = useQueries({ queries: later.map((p) => pageQuery(filters, p)) });
  const queryClient = useQueryClient();
  useEffect(() => dropPagesScrolledPast(queryClient.getQueryCache()), [queryClient, visiblePages]);
  const byPage = new Map<number, QueueRow[]>();
  if (first.data) byPage.set(0, first.data.rows);
  later.forEach((p, i) => {
    const data = pages[i]?.data;
    if (data) byPage.set(p, data.rows);
  });
  return (index: number): QueueRow | undefined =>
    byPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}
