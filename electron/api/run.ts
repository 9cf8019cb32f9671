import type { Access } from '../../shared/api/method';
import type { Ctx } from '../core/context';
import { errorCode } from '../core/failure';
import {
  runStepsInSlices,
  runStepsNow,
  SteppedWrite,
  type AsyncSteps,
  type Prepared,
} from '../core/stepped';
import type { Db } from '../db/open';
import { markReading, prepare, ReadTriedToWrite } from '../db/query';
import { inWriteTransaction, thenUpkeep, upkeepTouched } from '../upkeep/upkeep';

/**
 * Runs a read so that it cannot write. Nothing else can run on the connection meanwhile:
 * the handler's synchronous part runs in one turn of the event loop. (An asynchronous
 * read, such as rendering a preview, is held to this until its first await.)
 *
 * The read runs in a transaction of its own that is rolled back, so nothing it might write
 * stays; a statement that writes is refused before it runs when it comes from the query
 * helper, and any change made another way is found by the count of changes and refused
 * too. Switching the connection to query_only did the same, but changing that flag expires
 * every prepared statement of the connection, so each read compiled its SQL again: tens of
 * microseconds a request, more than many of the queries. Inside a transaction already open
 * (which must not be rolled back) the flag is still what holds the read.
 */
export function runRead<T>(db: Db, read: () => T): T {
  if (db.inTransaction) return readOnlyFlagged(db, read);
  prepare(db, 'BEGIN').run();
  const changes = prepare<{ n: number }>(db, 'SELECT total_changes() AS n');
  const before = changes.get()?.n;
  markReading(db, true);
  try {
    const value = read();
    markReading(db, false);
    if (changes.get()?.n !== before) throw new ReadTriedToWrite();
    return value;
  } catch (error) {
    // a mistake in the read, not a read-only file: say so rather than blame the file's rights
    if (errorCode(error) === 'SQLITE_READONLY') throw new ReadTriedToWrite();
    throw error;
  } finally {
    markReading(db, false);
    if (db.inTransaction) prepare(db, 'ROLLBACK').run();
  }
}

function readOnlyFlagged<T>(db: Db, read: () => T): T {
  // prepared once per connection: db.pragma prepares anew, a tenth of a millisecond per read
  prepare(db, 'PRAGMA query_only = 1').run();
  try {
    return read();
  } catch (error) {
    if (errorCode(error) === 'SQLITE_READONLY') throw new ReadTriedToWrite();
    throw error;
  } finally {
    prepare(db, 'PRAGMA query_only = 0').run();
  }
}

export { ReadTriedToWrite };

/** A value, or the rest of an asynchronous handler's work, which must not hold the transaction. */
type Started = { value: unknown } | { later: Promise<unknown> };

/** Told each answer once it is complete: the audit trail's recorder. */
export type Done = (value: unknown) => void;

const nothing: Done = () => undefined;

/**
 * Starts a method as its access says. A write runs in one BEGIN IMMEDIATE transaction with
 * the account upkeep at commit; a handler that renders first (documents) does its writes
 * through the same transaction function once rendering is done. `done` hears a read's
 * answer after the read's own transaction has ended, a write's inside its transaction,
 * and long work's from finishNow / finishInSlices.
 */
export function start(ctx: Ctx, access: Access, run: () => unknown, done: Done = nothing): Started {
  if (access === 'read') return settle(runRead(ctx.db, run), done);
  if (access === 'write') return inWriteTransaction(ctx, () => settle(run(), done));
  return settle(run(), done);
}

function settle(value: unknown, done: Done): Started {
  if (value instanceof Promise) return { later: value.then((v: unknown) => (done(v), v)) };
  if (!(value instanceof SteppedWrite)) done(value);
  return { value };
}

/**
 * The same work with the upkeep of every account it touched before its commit: as the
 * last steps of work that writes as it goes, or inside the final write of work that
 * prepares first.
 */
function withUpkeep<T>(ctx: Ctx, work: SteppedWrite<T>): SteppedWrite<T> {
  const { shape } = work;
  if (shape.writes === 'as it goes') {
    return new SteppedWrite(
      { writes: 'as it goes', steps: thenUpkeep(ctx, shape.steps) },
      work.cancelledMessage,
    );
  }
  return new SteppedWrite(
    { writes: 'at the end', steps: writeWithUpkeep(ctx, shape.steps) },
    work.cancelledMessage,
  );
}

async function* writeWithUpkeep<T>(
  ctx: Ctx,
  steps: AsyncSteps<Prepared<T>>,
): AsyncSteps<Prepared<T>> {
  const prepared = yield* steps;
  return {
    write: () => {
      const result = prepared.write();
      upkeepTouched(ctx);
      return result;
    },
    discard: () => prepared.discard(),
  };
}

/** A long write's steps straight through, with the upkeep, in one transaction. */
export function finishNow(ctx: Ctx, value: unknown, done: Done = nothing): unknown {
  if (!(value instanceof SteppedWrite)) return value;
  const result = runStepsNow(ctx.db, withUpkeep(ctx, value));
  done(result);
  return result;
}

/** The same in slices, for the window, so it can ask how far the work has got or stop it. */
export async function finishInSlices(
  ctx: Ctx,
  work: SteppedWrite<unknown>,
  done: Done = nothing,
): Promise<unknown> {
  const result = await runStepsInSlices(ctx.db, withUpkeep(ctx, work));
  done(result);
  return result;
}
