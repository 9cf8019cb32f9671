import { useSyncExternalStore } from 'react';
import type { StatementRunResult } from '../../../shared/api/statements';
import type { WorkProgress } from '../../../shared/api/imports';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { watchProgress } from '../imports/watch-progress';

export interface RunState {
  /** Accounts asked for, known before the server answers. */
  requested: number;
  /** How far the run has got, as the server last said. */
  step: WorkProgress | null;
  /** The finished run, filed. */
  result: StatementRunResult | null;
  running: boolean;
  cancelling: boolean;
  /** Stopped by Cancel: nothing of it was filed. */
  cancelled: boolean;
  error: string | null;
}

const IDLE: RunState = {
  requested: 0,
  step: null,
  result: null,
  running: false,
  cancelling: false,
  cancelled: false,
  error: null,
};

/**
 * The statement run lives outside the screen, so it keeps going while the person looks
 * at something else and is still there when they come back.
 */
let state: RunState = IDLE;
const listeners = new Set<() => void>();

function set(patch: Partial<RunState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStatementRun(): RunState {
  return useSyncExternalStore(subscribe, () => state);
}

export async function startRun(accountIds: number[]): Promise<void> {
  if (state.running) return;
  set({ ...IDLE, requested: accountIds.length, running: true });
  try {
    const result = await watchProgress(api.startStatementRun({ accountIds }), (step) => {
      // the last answer stays on screen when the run ends, so a cancelled run says how far it got
      if (!step) return;
      set({ step });
      // Cancel pressed before the server had started the run: say it again now that it has
      if (state.cancelling) api.cancelWork({}).catch(() => undefined);
    });
    set({ result, running: false, cancelling: false });
  } catch (error) {
    // a run stopped by Cancel fails on purpose; any other failure is worth its message
    if (state.cancelling) set({ running: false, cancelling: false, cancelled: true });
    else set({ running: false, cancelling: false, error: messageOf(error) });
  } finally {
    // statements are filed on the accounts: their documents and histories changed
    await invalidateAll();
  }
}

/**
 * Stops the run. The server hears it between two accounts and files nothing of a run
 * that did not finish.
 */
export function cancelRun(): void {
  if (!state.running || state.cancelling) return;
  set({ cancelling: true });
  // a run that finishes meanwhile stays filed; the result says so
  api.cancelWork({}).catch(() => undefined);
}

/** Clears a finished run from the screen. */
export function dismissRun(): void {
  if (!state.running) set(IDLE);
}
