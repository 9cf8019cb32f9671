import { conflict } from '../../shared/api/errors';
import type { WorkProgress } from '../../shared/api/imports';
import type { Db } from '../db/open';

/** The steps of a long write: it yields how far it has got and returns its result. */
export type Steps<T> = Generator<WorkProgress, T, void>;

/**
 * A write too long for one blocking request: a large import. Its handler hands back the
 * steps instead of running them, and dispatch runs them in one transaction, straight
 * through for a synchronous caller (tests, benchmarks), or in slices for the window so
 * that it can ask how far the work has got meanwhile. Either way it is all or nothing.
 *
 * The generator's body must not run before the first step: a handler returns
 * `new SteppedWrite(someGenerator(ctx, input))`, whose body starts only inside the
 * transaction.
 */
export class SteppedWrite<T> {
  constructor(readonly steps: Steps<T>) {}
}

/** Counts steps of one kind: each call is the progress before the next item. */
export function progressCounter(label: string, total: number): () => WorkProgress {
  let done = 0;
  return () => ({ label, done: done++, total });
}

/** Runs every step at once inside one transaction. */
export function runStepsNow<T>(db: Db, steps: Steps<T>): T {
  return db
    .transaction((): T => {
      for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
      }
    })
    .immediate();
}

export const CANCELLED = 'The import was cancelled; nothing of this file was posted.';

/** Long enough to do real work, short enough that a progress request waits unnoticed. */
const SLICE_MS = 40;

/** The long write running on each connection, as far as it has got. */
const running = new WeakMap<Db, WorkProgress>();

/** Connections whose long write was asked to stop. */
const stopping = new WeakSet<Db>();

/** How far the long write on this connection has got; null when none is running. */
export function currentWork(db: Db): WorkProgress | null {
  const progress = running.get(db);
  return progress ? { ...progress } : null;
}

/**
 * Asks the long write on this connection to stop: at the end of its current slice it
 * rolls back, so nothing of it is kept. Returns how far it had got, or null when nothing
 * was running (it may have just finished).
 */
export function cancelWork(db: Db): WorkProgress | null {
  if (!running.has(db)) return null;
  stopping.add(db);
  return currentWork(db);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the steps in one transaction, giving the event loop a turn after each slice of
 * work so that the window's progress requests are answered. The caller holds the request
 * lock: nothing else may run on this connection while the transaction is open, or its
 * writes would commit or roll back with this one. A failure, or the app closing midway,
 * leaves nothing: the transaction rolls back (SQLite does so on the next open after a
 * crash).
 */
export async function runStepsInSlices<T>(db: Db, steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  stopping.delete(db);
  running.set(db, { label: 'Starting', done: 0, total: 0 });
  try {
    let sliceStart = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) {
        db.exec('COMMIT');
        return next.value;
      }
      running.set(db, next.value);
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        if (stopping.has(db)) throw conflict(CANCELLED);
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    running.delete(db);
    stopping.delete(db);
  }
}
