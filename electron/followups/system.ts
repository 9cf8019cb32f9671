import type { AccountId, ClaimId, FollowUpId } from '../../shared/ids';
import { FOLLOW_UP_KIND, type FollowUpKind } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { findOpenFollowUp, insertFollowUp } from './store';
import { run } from '../db/query';

/**
 * Follow-ups the app itself opens and closes (a late plan, a broken promise, a credit
 * balance). Callers run inside their transaction; when `created` is true they refresh the
 * account's queue columns after.
 */
export function openSystemFollowUp(
  ctx: Ctx,
  f: { accountId: AccountId; kind: FollowUpKind; dueDate: IsoDate; reason: string },
): { id: FollowUpId; created: boolean } {
  const existing = findOpenFollowUp(ctx.db, f.accountId, null, f.kind);
  if (existing) {
    run(ctx.db, `UPDATE follow_ups SET reason = ? WHERE id = ?`, f.reason, existing.id);
    return { id: existing.id, created: false };
  }
  const id = insertFollowUp(ctx, { ...f, claimId: null });
  recordActivity(ctx, {
    accountId: f.accountId,
    kind: 'system',
    text: `${FOLLOW_UP_KIND.labels[f.kind]} follow-up opened: ${f.reason}`,
  });
  return { id, created: true };
}

/**
 * Closes the open follow-up of a kind for an account (claimId null) or one of its claims
 * without a history row of its own, for a caller whose history row says so; returns
 * whether one was open (at most one is).
 */
export function closeOpenFollowUp(
  ctx: Ctx,
  about: { accountId: AccountId; claimId?: ClaimId | null; kind: FollowUpKind },
): boolean {
  // most postings have nothing to close; the indexed lookup is much cheaper than an UPDATE
  const open = findOpenFollowUp(ctx.db, about.accountId, about.claimId ?? null, about.kind);
  if (!open) return false;
  run(
    ctx.db,
    `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ? WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
    open.id,
  );
  return true;
}

/**
 * Closes the open follow-up of a kind for an account (claimId null) or one of its claims,
 * saying why in the history; returns how many it closed (at most one is open).
 */
export function closeSystemFollowUps(
  ctx: Ctx,
  about: { accountId: AccountId; claimId?: ClaimId | null; kind: FollowUpKind },
  why: string,
): number {
  if (!closeOpenFollowUp(ctx, about)) return 0;
  recordActivity(ctx, {
    accountId: about.accountId,
    claimId: about.claimId ?? null,
    kind: 'system',
    text: `${FOLLOW_UP_KIND.labels[about.kind]} follow-up closed: ${why}`,
  });
  return 1;
}
