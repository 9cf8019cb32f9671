import { ACCESS_KEY } from '../lock/access';
import { filtersFromParams, toInput } from '../worklist/filters';
import { PAGE_SIZE } from '../worklist/useQueuePages';
import { api } from './api';
import { keys, queryClient } from './query';
import { parseRoute } from './router';
import { prefetchScreens } from './screens';

/**
 * The first screen's requests, sent together as soon as the scripts run, instead of one
 * after another as each part of the page mounts (the lock's state, then the app's, then the
 * queue's). Each goes into the cache under the key its screen asks with, so the screen finds
 * its answer there or on its way. Nothing is shown before the lock says the window is open,
 * and the main process refuses every request of a locked or waiting window anyway.
 */
export function askFirstScreen(hash: string): void {
  void queryClient.prefetchQuery({ queryKey: ACCESS_KEY, queryFn: () => api.getAccessState({}) });
  void queryClient.prefetchQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });
  const route = parseRoute(hash);
  if (route.name !== 'queue') return;
  // as useQueuePages and QueueFilterBar ask for the queue's first page and its options
  const filters = filtersFromParams(route.params);
  void queryClient.prefetchQuery({
    queryKey: [...keys.queue, filters, 0],
    queryFn: () => api.listQueue(toInput(filters, 0, PAGE_SIZE)),
  });
  void queryClient.prefetchQuery({
    queryKey: keys.queueOptions,
    queryFn: () => api.getQueueOptions({}),
  });
}

/** When the window has not shown a queue by then, the other screens are fetched anyway. */
const PREFETCH_ANYWAY_MS = 3_000;
/** How long after the queue's first rows the other screens' code is fetched. */
const PREFETCH_AFTER_ROWS_MS = 1_500;

/** After the next frame has been drawn. */
const afterPaint = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0));

/**
 * Once the queue's first rows are on screen: the queue is asked for again, which the main
 * process answers after the day's work it held back until then (electron/main/
 * first-screen.ts), so what that work changed shows. Then, or after a few seconds on
 * another screen, the other screens' code is fetched, so moving to them waits on nothing.
 */
export function afterFirstScreen(): void {
  const timer = setTimeout(() => void prefetchScreens(), PREFETCH_ANYWAY_MS);
  const stop = queryClient.getQueryCache().subscribe((event) => {
    const query = event.query;
    // a screen observing the queue's answer: its rows are drawn in this commit
    if (
      query.queryKey[0] !== keys.queue[0] ||
      query.state.data === undefined ||
      query.getObserversCount() === 0
    )
      return;
    stop();
    clearTimeout(timer);
    afterPaint(() => {
      void queryClient.invalidateQueries({ queryKey: keys.queue });
      // not at once: the first keys a person presses come first
      setTimeout(() => void prefetchScreens(), PREFETCH_AFTER_ROWS_MS);
    });
  });
}
