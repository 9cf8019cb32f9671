import type { AccountId } from '../../shared/ids';
import type { WorkProgress } from '../../shared/api/imports';
import type { Ctx } from '../core/context';
import { progressCounter, type Steps } from '../core/stepped';
import { takeTouched } from '../core/touched';
import { refreshQueueColumns } from './queue-columns';
import { SETTLE_STATE, settleAccount, type SettleState } from './settle';
import { oneOrThrow } from '../db/query';
import { sealOutbox } from '../office/outbox';

/**
 * Brings one account's derived state in line, in order: plans, promises and credits
 * (which may open or close system follow-ups), then the queue columns and rank of its
 * open follow-ups. The only writer of those. One query tells what there is to do: most
 * accounts a posting touches have no plan, no promise, no credit and nothing left open.
 */
function upkeepAccount(ctx: Ctx, accountId: AccountId): void {
  const state = oneOrThrow<SettleState & { anyOpen: number }>(
    ctx.db,
    `SELECT ${SETTLE_STATE},
         EXISTS (SELECT 1 FROM follow_ups WHERE account_id = a.id AND status = 'open') AS anyOpen
       FROM accounts a WHERE a.id = ?`,
    accountId,
  );
  const opened = settleAccount(ctx, accountId, state);
  if (state.anyOpen || opened) refreshQueueColumns(ctx.db, accountId, ctx.clock.today());
}

/**
 * The upkeep of every account touched in this transaction, as steps a long write can
 * report progress through. Settling touches only the account it settles, so what it
 * marks again is dropped. Last, on a desktop that belongs to an office, the outbox entry
 * of what the transaction wrote: every write path ends here, so no handler has to.
 */
export function* upkeepSteps(ctx: Ctx): Steps<number> {
  const ids = takeTouched(ctx.db);
  const tick = progressCounter('Accounts brought up to date', ids.length);
  for (const id of ids) {
    yield tick();
    upkeepAccount(ctx, id);
  }
  takeTouched(ctx.db);
  sealOutbox(ctx.db, ctx.clock.now(), ctx.userId);
  return ids.length;
}

/** Runs the upkeep straight through; returns how many accounts it brought up to date. */
export function upkeepTouched(ctx: Ctx): number {
  const steps = upkeepSteps(ctx);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** A long write's steps followed by the upkeep of what they touched, in its transaction. */
export function* thenUpkeep<T>(ctx: Ctx, steps: Steps<T>): Generator<WorkProgress, T, void> {
  const result = yield* steps;
  yield* upkeepSteps(ctx);
  return result;
}

/**
 * The one way a write transaction is opened: BEGIN IMMEDIATE, so a second workstation on
 * the same file waits its turn (up to the busy timeout) instead of failing part way; the
 * work; the upkeep of every account it touched; COMMIT. Inside a transaction already
 * open it just runs the work, and the outer one keeps the accounts up.
 */
export function inWriteTransaction<T>(ctx: Ctx, work: () => T): T {
  if (ctx.db.inTransaction) return work();
  takeTouched(ctx.db); // left by a transaction that rolled back
  try {
    return ctx.db
      .transaction(() => {
        const result = work();
        upkeepTouched(ctx);
        return result;
      })
      .immediate();
  } catch (error) {
    takeTouched(ctx.db);
    throw error;
  }
}
