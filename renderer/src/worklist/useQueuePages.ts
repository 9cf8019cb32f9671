import { useQueries, useQuery } from '@tanstack/react-query';
import type { QueueRow } from '../../../shared/api/queue';
import { api } from '../app/api';
import { keys } from '../app/query';
import { toInput, type QueueFilters } from './filters';

export const PAGE_SIZE = 100;

/**
 * Random-access pages of the queue: the list knows the total from the first page and
 * fetches only the pages that scroll into view, so jumping to the end of 40,000 rows
 * costs one request, not four hundred.
 */
export function useQueuePages(filters: QueueFilters, visiblePages: readonly number[]) {
  const pageQuery = (page: number) => ({
    queryKey: [...keys.queue, filters, page] as const,
    queryFn: () => api.listQueue(toInput(filters, page * PAGE_SIZE, PAGE_SIZE)),
  });
  const first = useQuery(pageQuery(0));
  const pages = useQueries({ queries: visiblePages.filter((p) => p > 0).map(pageQuery) });
  const byPage = new Map<number, QueueRow[]>();
  if (first.data) byPage.set(0, first.data.rows);
  visiblePages
    .filter((p) => p > 0)
    .forEach((p, i) => {
      const data = pages[i]?.data;
      if (data) byPage.set(p, data.rows);
    });
  return {
    first,
    total: first.data?.total ?? 0,
    rowAt(index: number): QueueRow | undefined {
      return byPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
  };
}
