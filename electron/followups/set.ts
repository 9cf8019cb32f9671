import type { FollowUpId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import { FOLLOW_UP_KIND } from '../../shared/codes/enums';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { requireAccount, requireActiveUser, requireClaimOnAccount } from '../accounts/lookup';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { findOpenFollowUp, insertFollowUp } from './store';
import { run } from '../db/query';

/** Follow-ups further out than this are almost always a typing mistake. */
export const MAX_FOLLOW_UP_DAYS = 730;

/**
 * Sets the next follow-up for an account (or one of its claims): changes the open one of
 * that kind when there is one, otherwise opens a new one. The change is written to the
 * account's history so it can be seen who moved a date and when.
 */
export function setFollowUp(ctx: Ctx, input: ParsedInputOf<'setFollowUp'>): Created {
  const today = ctx.clock.today();
  if (input.dueDate < today) {
    throw new ApiError({
      code: 'invalid_input',
      message: `The follow-up date ${formatUsDate(input.dueDate)} is in the past; choose today or later.`,
      details: [{ path: 'dueDate', message: 'Choose today or a later date.' }],
    });
  }
  if (input.dueDate > addDays(today, MAX_FOLLOW_UP_DAYS)) {
    throw new ApiError({
      code: 'invalid_input',
      message: 'The follow-up date is more than two years away; check the year.',
      details: [{ path: 'dueDate', message: 'Choose a date within two years.' }],
    });
  }
  const { db } = ctx;
  requireAccount(db, input.accountId);
  const claimId = input.claimId ?? null;
  if (claimId !== null) requireClaimOnAccount(db, claimId, input.accountId);
  const ownerId = input.ownerId ?? ctx.userId;
  requireActiveUser(db, ownerId);
  const existing = findOpenFollowUp(db, input.accountId, claimId, input.kind);
  const label = FOLLOW_UP_KIND.labels[input.kind];
  let id: FollowUpId;
  if (existing) {
    run(
      db,
      `UPDATE follow_ups SET due_date = ?, owner_id = ?, reason = coalesce(?, reason) WHERE id = ?`,
      input.dueDate,
      ownerId,
      input.reason,
      existing.id,
    );
    id = existing.id;
    recordActivity(ctx, {
      accountId: input.accountId,
      claimId,
      kind: 'system',
      text: `${label} moved from ${formatUsDate(existing.dueDate)} to ${formatUsDate(input.dueDate)}${input.reason ? `: ${input.reason}` : '.'}`,
    });
  } else {
    id = insertFollowUp(ctx, {
      accountId: input.accountId,
      claimId,
      kind: input.kind,
      dueDate: input.dueDate,
      ownerId,
      reason: input.reason,
    });
    recordActivity(ctx, {
      accountId: input.accountId,
      claimId,
      kind: 'system',
      text: `${label} set for ${formatUsDate(input.dueDate)}${input.reason ? `: ${input.reason}` : '.'}`,
    });
  }
  touchAccount(db, input.accountId);
  return { id };
}
