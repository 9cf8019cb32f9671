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
import { prepare } from '../db/query';
import { inWriteTransaction, thenUpkeep, upkeepTouched } from '../upkeep/upkeep';

/**
 * Runs a read with the connection switched to query_only, so a read that tries to write
 * fails instead of writing. Nothing else can run on the connection meanwhile: the
 * handler's synchronous part runs in one turn of the event loop. (An asynchronous read,
 * such as rendering a preview, is held to this until its first await.)
 */
export function runRead<T>(db: Db, read: () => T): T {
  // prepared once per connection: db.pragma prepares anew, a tenth of a millisecond per read
  prepare(db, 'PRAGMA query_only = 1').run();
  try {
    return read();
  } catch (error) {
    // a mistake in the read, not a read-only file: say so rather than blame the file's rights
    if (errorCode(error) === 'SQLITE_READONLY') throw new ReadTriedToWrite();
    throw error;
  } finally {
    prepare(db, 'PRAGMA query_only = 0').run();
  }
}

export class ReadTriedToWrite extends Error {
  constructor() {
    super('A read method tried to write.');
    this.name = 'ReadTriedToWrite';
  }
}

/** A value, or the rest of an asynchronous handler's work, which must not hold the transaction. */
type Started = { value: unknown } | { later: Promise<unknown> };

/** Told each answer once it is complete: the audit trail's recorder. */
export type Done = (value: unknown) => void;

const nothing: Done = () => undefined;

/**
 * Starts a method as its access says. A write runs in one BEGIN IMMEDIATE transaction with
 * the account upkeep at commit; a handler that renders first (documents) does its writes
 * through the same transaction function once rendering is done. `done` hears a read's
 * answer after query_only is lifted, a write's inside its transaction, and long work's
 * from finishNow / finishInSlices.
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
