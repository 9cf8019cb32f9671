/**
 * The points of a sync where a crash leaves something different behind: the server's
 * transaction open, the server's answer not yet recorded on the desktop, recorded. Tests
 * stop a child process at a chosen one (kill -9) to prove nothing is lost or doubled.
 * 'copied': an office's first copy is taken and linked, its upload not begun; tests write
 * there to prove a write made during the upload arrives once.
 */
export type SyncStep = 'server-applied' | 'answered' | 'recorded' | 'copied';

let listener: ((step: SyncStep) => void) | null = null;

/** For tests only: called at every step of every entry sent in this process. */
export function onSyncStep(fn: ((step: SyncStep) => void) | null): void {
  listener = fn;
}

export function syncStep(step: SyncStep): void {
  listener?.(step);
}
