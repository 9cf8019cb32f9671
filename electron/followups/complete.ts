import type { AccountId, ClaimId, FollowUpId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import { FOLLOW_UP_KIND, type FollowUpKind } from '../../shared/codes/enums';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { one, run } from '../db/query';

/** Marks a follow-up done, which takes it off the work queue, and notes it in the history. */
export function completeFollowUp(ctx: Ctx, input: ParsedInputOf<'completeFollowUp'>): Created {
  const { db } = ctx;
  const row = one<{
    id: FollowUpId;
    accountId: AccountId;
    claimId: ClaimId | null;
    kind: FollowUpKind;
    status: string;
  }>(
    db,
    `SELECT id, account_id AS accountId, claim_id AS claimId, kind, status
         FROM follow_ups WHERE id = ?`,
    input.followUpId,
  );
  if (!row) throw notFound('The follow-up');
  if (row.status !== 'open') throw conflict('This follow-up is already closed.');
  run(
    db,
    `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ? WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
    row.id,
  );
  recordActivity(ctx, {
    accountId: row.accountId,
    claimId: row.claimId,
    kind: 'system',
    text: `${FOLLOW_UP_KIND.labels[row.kind] ?? 'Follow-up'} completed${input.note ? `: ${input.note}` : '.'}`,
  });
  return { id: row.id };
}
