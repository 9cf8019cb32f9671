import { conflict } from '../../shared/api/errors';
import type { WorkProgress } from '../../shared/api/imports';
import type { Db, ReadDb } from '../db/open';
import { heldAt } from './step-hold';

/** The steps of a long write: it yields how far it has got and returns its result. */
export type Steps<T> = Generator<WorkProgress, T, void>;

/** Steps that await between items (rendering a PDF, writing a staged file). */
export type AsyncSteps<T> = AsyncGenerator<WorkProgress, T, void>;

/** What steps that only prepare hand back: the write that keeps it, or the discarding. */
export interface Prepared<T> {
  /** Records everything prepared; runs inside one transaction. */
  write(): T;
  /** Drops what was prepared (staged files) when the work is cancelled before its write. */
  discard(): void;
}

/**
 * How the steps write:
 * - 'as it goes' (imports): every step may write. They run in one transaction, alone on
 *   the connection, so requests that arrive meanwhile wait for them.
 * - 'at the end' (statement runs): the steps only read and prepare (render, stage files)
 *   and await freely; the window's other requests, and other workstations' writes, carry
 *   on meanwhile. What they prepared is written in one short transaction at the end.
 */
export type StepShape<T> =
  | { readonly writes: 'as it goes'; readonly steps: Steps<T> }
  | { readonly writes: 'at the end'; readonly steps: AsyncSteps<Prepared<T>> };

export const CANCELLED = 'The import was cancelled; nothing of this file was posted.';

/**
 * Work too long for one blocking request: a large import, a statement run. Its handler
 * hands back the steps instead of running them, and dispatch runs them, in slices for the
 * window so that it can ask how far the work has got (workProgress) and stop it
 * (cancelWork), or straight through for a synchronous caller (tests, benchmarks). Either
 * way it is all or nothing: cancelled or failed, nothing of it is kept.
 *
 * The generator's body must not run before the first step: a handler returns
 * `new SteppedWrite(someGenerator(ctx, input))`, whose body starts only when run.
 * A generator that holds something outside the database (a staged file) lets it go in a
 * `catch`: a cancel is thrown into it at the step where it stopped.
 */
export class SteppedWrite<T> {
  readonly shape: StepShape<T>;
  constructor(
    work: Steps<T> | StepShape<T>,
    /** What a person reads when it is cancelled. */
    readonly cancelledMessage: string = CANCELLED,
  ) {
    this.shape = 'writes' in work ? work : { writes: 'as it goes', steps: work };
  }
}

/** Counts steps of one kind: each call is the progress before the next item. */
export function progressCounter(label: string, total: number): () => WorkProgress {
  let done = 0;
  return () => ({ label, done: done++, total });
}

/** Runs every step at once inside one transaction (synchronous steps only). */
export function runStepsNow<T>(db: Db, work: SteppedWrite<T>): T {
  const { shape } = work;
  if (shape.writes !== 'as it goes') {
    throw new Error(
      'steps that await cannot run straight through; call them through dispatchAsync',
    );
  }
  return db
    .transaction((): T => {
      for (;;) {
        const next = shape.steps.next();
        if (next.done) return next.value;
      }
    })
    .immediate();
}

/** Long enough to do real work, short enough that a progress request waits unnoticed. */
const SLICE_MS = 40;

/** The long work running on each connection, as far as it has got. */
const running = new WeakMap<ReadDb, WorkProgress>();

/** Connections whose long work was asked to stop. */
const stopping = new WeakSet<ReadDb>();

/** Ends a test's hold on the steps early when a cancel arrives. */
const wakeOnCancel = new WeakMap<ReadDb, () => void>();

/** How far the long work on this connection has got; null when none is running. */
export function currentWork(db: ReadDb): WorkProgress | null {
  const progress = running.get(db);
  return progress ? { ...progress } : null;
}

/**
 * Asks the long work on this connection to stop: at the end of its current slice it
 * stops, and nothing of it is kept. Returns how far it had got, or null when nothing was
 * running (it may have just finished).
 */
export function cancelWork(db: ReadDb): WorkProgress | null {
  if (!running.has(db)) return null;
  stopping.add(db);
  wakeOnCancel.get(db)?.();
  return currentWork(db);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function text(p: WorkProgress): string {
  return p.total > 0
    ? `${p.label}: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`
    : p.label;
}

/**
 * One pass over the steps, giving the event loop a turn after each slice of work (and
 * waiting while a test holds them) so that progress requests and a cancel are heard. A
 * cancel is thrown into the steps where they stopped, so that they let go of what they
 * hold outside the database, and then out of here.
 */
async function drive<R>(
  db: Db,
  next: () => IteratorResult<WorkProgress, R> | Promise<IteratorResult<WorkProgress, R>>,
  stop: (error: Error) => unknown,
  work: SteppedWrite<unknown>,
  sliceMs: number,
): Promise<R> {
  let sliceStart = performance.now();
  for (;;) {
    const pending = next();
    // synchronous steps are not awaited one by one: that would cost every import row a turn
    const step = pending instanceof Promise ? await pending : pending;
    if (step.done) return step.value;
    running.set(db, step.value);
    const held = heldAt(db, step.value);
    if (held) {
      await new Promise<void>((resolve) => {
        wakeOnCancel.set(db, resolve);
        void held.then(resolve);
      });
      wakeOnCancel.delete(db);
    } else if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
    } else continue;
    if (stopping.has(db)) {
      const cancelled = conflict(work.cancelledMessage);
      await stop(cancelled);
      throw cancelled;
    }
    sliceStart = performance.now();
  }
}

/**
 * Runs long work in slices, all or nothing. Only one long work runs on a connection at a
 * time. Work that writes as it goes holds one transaction throughout: the caller holds
 * the request lock, since anything else run on this connection meanwhile would commit or
 * roll back with it. A failure, a cancel or the app closing midway leaves nothing: the
 * transaction rolls back (SQLite does so on the next open after a crash), and prepared
 * work is discarded.
 */
export async function runStepsInSlices<T>(
  db: Db,
  work: SteppedWrite<T>,
  sliceMs = SLICE_MS,
): Promise<T> {
  const other = running.get(db);
  if (other) {
    throw conflict(
      `Something else is being worked through here (${text(other)}). Wait for it to finish or cancel it, then try again.`,
    );
  }
  running.set(db, { label: 'Starting', done: 0, total: 0 });
  stopping.delete(db);
  try {
    const { shape } = work;
    if (shape.writes === 'as it goes') {
      const { steps } = shape;
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = await drive(
          db,
          () => steps.next(),
          (e) => steps.throw(e),
          work,
          sliceMs,
        );
        db.exec('COMMIT');
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }
    const { steps } = shape;
    const prepared = await drive(
      db,
      () => steps.next(),
      (e) => steps.throw(e),
      work,
      sliceMs,
    );
    try {
      if (stopping.has(db)) throw conflict(work.cancelledMessage);
      return db.transaction(() => prepared.write()).immediate();
    } catch (error) {
      prepared.discard();
      throw error;
    }
  } finally {
    running.delete(db);
    stopping.delete(db);
  }
}
