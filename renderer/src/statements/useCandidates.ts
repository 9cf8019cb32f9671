import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { STATEMENT_RUN_MAX, type StatementCandidates } from '../../../shared/api/statements';
import { api } from '../app/api';
import { documentKeys } from '../documents/queries';
import type { CandidateFilters } from './candidate-filters';

/** The first page is a screen's worth, so the list shows at once on a large hospital. */
const FIRST_PAGE = 200;
/** The pages after it come in the background, larger, until the list is whole or full. */
const LATER_PAGE = 1000;
/** The most guarantors the list holds: a run's most accounts, each guarantor having one or more. */
export const LIST_CAP = STATEMENT_RUN_MAX;

interface PageParam {
  after: string | null;
  listed: number;
}

type Counts = Pick<StatementCandidates, 'byStage' | 'byHold'>;

function addCounts<K extends string>(
  into: Partial<Record<K, number>>,
  from: Partial<Record<K, number>>,
): void {
  for (const [key, n] of Object.entries(from) as [K, number | undefined][])
    into[key] = (into[key] ?? 0) + (n ?? 0);
}

/**
 * The guarantors due a statement under the filters, a page at a time: the first page shows
 * while the rest are read, and their count comes on its own.
 */
export function useCandidates(filters: CandidateFilters) {
  const pages = useInfiniteQuery({
    queryKey: documentKeys.statementCandidates(filters),
    queryFn: ({ pageParam }) =>
      api.listStatementCandidates({
        ...filters,
        after: pageParam.after,
        limit: Math.min(
          pageParam.listed === 0 ? FIRST_PAGE : LATER_PAGE,
          LIST_CAP - pageParam.listed,
        ),
      }),
    initialPageParam: { after: null, listed: 0 } as PageParam,
    getNextPageParam: (last, all): PageParam | undefined => {
      const listed = all.reduce((n, p) => n + p.accounts.length, 0);
      return last.next === null || listed >= LIST_CAP ? undefined : { after: last.next, listed };
    },
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: documentKeys.statementCandidateCount(filters),
    queryFn: () => api.countStatementCandidates(filters),
    placeholderData: keepPreviousData,
  });

  const { hasNextPage, isFetchingNextPage, isError, isPlaceholderData, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, isPlaceholderData, fetchNextPage]);

  const data = pages.data;
  const rows = useMemo(() => data?.pages.flatMap((p) => p.accounts) ?? [], [data]);
  const counts = useMemo(() => {
    const all: Counts = { byStage: {}, byHold: {} };
    for (const p of data?.pages ?? []) {
      addCounts(all.byStage, p.byStage);
      addCounts(all.byHold, p.byHold);
    }
    return all;
  }, [data]);
  return {
    pages,
    rows,
    counts,
    total: count.data?.total ?? null,
    /** More pages are on their way. */
    listing: hasNextPage && !isError,
  };
}
