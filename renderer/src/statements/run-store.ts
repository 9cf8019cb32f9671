import { useSyncExternalStore } from 'react';
import type { StatementRunProgress } from '../../../shared/api/statements';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';

/** Accounts per step: small enough that progress moves and Cancel answers within a second. */
const STEP = 25;

export interface RunState {
  /** Accounts asked for, known before the server answers. */
  requested: number;
  progress: StatementRunProgress | null;
  running: boolean;
  cancelling: boolean;
  error: string | null;
}

const IDLE: RunState = {
  requested: 0,
  progress: null,
  running: false,
  cancelling: false,
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
    let progress = await api.startStatementRun({ accountIds });
    set({ progress });
    while (!progress.finished && !progress.cancelled) {
      // Cancel pressed before the run had an id
      if (state.cancelling) progress = await api.cancelStatementRun({ runId: progress.runId });
      else progress = await api.continueStatementRun({ runId: progress.runId, maxAccounts: STEP });
      set({ progress });
    }
    set({ progress, running: false, cancelling: false });
  } catch (error) {
    set({ running: false, cancelling: false, error: messageOf(error) });
  } finally {
    // statements are filed on the accounts: their documents and histories changed
    await invalidateAll();
  }
}

/**
 * Stops the run. The server hears it between two accounts, even in the middle of a step,
 * and files nothing of a run that did not finish.
 */
export function cancelRun(): void {
  if (!state.running || state.cancelling) return;
  set({ cancelling: true });
  const runId = state.progress?.runId;
  // a run that finished meanwhile refuses; the loop reports it finished
  if (runId !== undefined) api.cancelStatementRun({ runId }).catch(() => undefined);
}

/** Clears a finished run from the screen. */
export function dismissRun(): void {
  if (!state.running) set(IDLE);
}
