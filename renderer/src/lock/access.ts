import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AccessState } from '../../../shared/api/access';
import { ApiError } from '../../../shared/api/errors';
import { api } from '../app/api';
import { queryClient } from '../app/query';

export const ACCESS_KEY = ['access'] as const;

/** How often an open window asks whether it has locked; the main process decides. */
const CHECK_EVERY_MS = 20_000;
/** Input is reported at most this often: enough for a lock measured in minutes. */
const REPORT_EVERY_MS = 30_000;

export function useAccessState() {
  return useQuery({
    queryKey: ACCESS_KEY,
    queryFn: () => api.getAccessState({}),
    refetchInterval: CHECK_EVERY_MS,
    staleTime: 0,
  });
}

export function showAccess(state: AccessState): void {
  queryClient.setQueryData(ACCESS_KEY, state);
}

const recheck = () => void queryClient.invalidateQueries({ queryKey: ACCESS_KEY });

/**
 * Asks again at once when the window comes back into focus, and when any request is
 * refused: a refusal may mean the window locked (or the name is no longer allowed).
 */
export function useAccessWatch(): void {
  useEffect(() => {
    const refused = (error: unknown) => error instanceof ApiError && error.code === 'forbidden';
    const offQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryKey[0] !== ACCESS_KEY[0]) {
        if (event.action.type === 'error' && refused(event.action.error)) recheck();
      }
    });
    const offMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && refused(event.action.error))
        recheck();
    });
    window.addEventListener('focus', recheck);
    return () => {
      offQueries();
      offMutations();
      window.removeEventListener('focus', recheck);
    };
  }, []);
}

/** Reports a person's input (keys, clicks, scrolling) while the window is open. */
export function useActivityReport(open: boolean): void {
  useEffect(() => {
    if (!open) return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      void api.reportActivity({}).then(showAccess, recheck);
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'pointermove'] as const;
    for (const e of events) window.addEventListener(e, report, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, report);
    };
  }, [open]);
}

/** Forgets every answer but the lock's own, so nothing of a patient stays in memory. */
export function forgetScreens(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ACCESS_KEY[0] });
}
