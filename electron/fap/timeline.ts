import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type { AssistanceTimeline } from '../../shared/api/fap';
import type { AccountId } from '../../shared/ids';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { isSupervisor } from '../users/users';
import { gate, read501r } from './clock';

/** The account's 501(r) timeline as the card shows it, with today's answer of the ECA gate. */
export function timelineOf(
  ctx: Pick<ReadCtx, 'clock' | 'userId'> & { db: ReadDb },
  accountId: AccountId,
): AssistanceTimeline {
  const clock = read501r(ctx.db, accountId);
  if (!clock) throw notFound('The account');
  const refusal = gate(clock, null, ctx.clock.today());
  return {
    ...clock,
    eca: refusal
      ? {
          allowed: false,
          allowedFrom: refusal.allowedFrom,
          reason: refusal.message,
        }
      : { allowed: true, allowedFrom: null, reason: null },
    canDecide: isSupervisor(ctx.db, ctx.userId),
  };
}

export function getAssistanceTimeline(
  ctx: ReadCtx,
  input: ParsedInputOf<'getAssistanceTimeline'>,
): AssistanceTimeline {
  return timelineOf(ctx, input.accountId);
}
