import {
  insertedId,
  type AccountId,
  type ClaimId,
  type FollowUpId,
  type UserId,
} from '../../shared/ids';
import type { FollowUpKind } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { Db } from '../db/open';
import { newFollowUpColumns } from '../upkeep/queue-columns';
import { one, run } from '../db/query';

/**
 * The one place follow-up rows are looked up by what they are about and inserted. A new
 * row goes in with its queue columns and rank as the account stands, and marks the
 * account, so the upkeep at commit brings them in line with what the rest of the request
 * changed (usually nothing: rewriting them would move the row in every queue index).
 */
export interface NewFollowUp {
  accountId: AccountId;
  /** Null: about the account as a whole. */
  claimId: ClaimId | null;
  kind: FollowUpKind;
  dueDate: IsoDate;
  deadlineDate?: IsoDate | null;
  ownerId?: UserId | null;
  reason: string | null;
}

/** The open follow-up of a kind for an account or one of its claims (at most one exists). */
export function findOpenFollowUp(
  db: Db,
  accountId: AccountId,
  claimId: ClaimId | null,
  kind: FollowUpKind,
): { id: FollowUpId; dueDate: IsoDate } | undefined {
  // shaped to use the one-open-follow-up index (account, ifnull(claim, 0), kind)
  return one<{ id: FollowUpId; dueDate: IsoDate }>(
    db,
    `SELECT id, due_date AS dueDate FROM follow_ups
       WHERE account_id = ? AND ifnull(claim_id, 0) = ? AND kind = ? AND status = 'open'`,
    accountId,
    claimId ?? 0,
    kind,
  );
}

export function insertFollowUp(ctx: Ctx, f: NewFollowUp): FollowUpId {
  touchAccount(ctx.db, f.accountId);
  const deadlineDate = f.deadlineDate ?? null;
  const q = newFollowUpColumns(ctx.db, { ...f, deadlineDate }, ctx.clock.today());
  return insertedId<FollowUpId>(
    run(
      ctx.db,
      `INSERT INTO follow_ups (account_id, claim_id, kind, due_date, deadline_date, owner_id,
           reason, created_at, created_by, payer_id, balance, oldest_open_date, account_number,
           patient_name, rank, aging_bucket)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      f.accountId,
      f.claimId,
      f.kind,
      f.dueDate,
      deadlineDate,
      f.ownerId ?? null,
      f.reason,
      ctx.clock.now(),
      ctx.userId,
      // an account that does not exist fails the insert on its foreign key, as before
      q?.payerId ?? null,
      q?.balance ?? 0,
      q?.oldestOpenDate ?? null,
      q?.accountNumber ?? '',
      q?.patientName ?? '',
      q?.rank ?? 0,
      q?.agingBucket ?? null,
    ),
  );
}
