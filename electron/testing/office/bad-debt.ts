import type { AccountId, UserId } from '../../../shared/ids';
import { call } from '../call';
import type { Desktop } from './desktops';

/**
 * A move to bad debt at a desk: asked by `asker` and approved by `approver` (nobody decides
 * their own), each the desk's own user unless named.
 */
export function moveToBadDebt(
  d: Desktop,
  account: AccountId,
  by: { asker?: UserId; approver?: UserId },
): void {
  const asked = call({ ...d.ctx, userId: by.asker ?? d.ctx.userId }, 'requestBadDebt', {
    accountId: account,
    memo: 'No contact',
  });
  call({ ...d.ctx, userId: by.approver ?? d.ctx.userId }, 'decideAdjustment', {
    requestId: asked.pendingRequest?.id ?? 0,
    decision: 'approve',
    note: 'Uncollectible',
  });
}
