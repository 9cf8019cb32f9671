import type { AccountId, ClaimId, LedgerEntryId, ReceiptId } from '../../shared/ids';
import { conflict } from '../../shared/api/errors';
import type { LedgerSide } from '../../shared/codes/enums';
import type { Cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import type { ReadDb } from '../db/open';
import { one, run } from '../db/query';
import type { RequestKind } from './nouns';

export type { RequestKind } from './nouns';

/** What waits for a supervisor, with everything needed to post it when approved. */
export interface NewRequest {
  kind: RequestKind;
  accountId: AccountId;
  claimId?: ClaimId | null;
  side?: LedgerSide | null;
  amount: Cents;
  reasonCode?: string | null;
  memo: string;
  refundMethod?: 'check' | 'card' | 'eft' | null;
  refundReference?: string | null;
  targetEntryId?: LedgerEntryId | null;
  targetReceiptId?: ReceiptId | null;
}

const WAITING: Record<RequestKind, string> = {
  write_off: 'This account already has a write-off waiting for approval; decide that one first.',
  refund: 'This account already has a refund waiting for approval; decide that one first.',
  reverse_entry: 'A reversal of this entry is already waiting for approval.',
  reverse_payment: 'A reversal of this payment is already waiting for approval.',
};

/** A request of the same kind (for the same entry or payment) still waiting, if any. */
function waitingAlready(db: ReadDb, r: NewRequest): boolean {
  const row = one<{ id: number }>(
    db,
    `SELECT id FROM adjustment_requests
       WHERE account_id = ? AND kind = ? AND status = 'pending'
         AND (target_entry_id IS ? OR ? IS NULL) AND (target_receipt_id IS ? OR ? IS NULL)`,
    r.accountId,
    r.kind,
    r.targetEntryId ?? null,
    r.targetEntryId ?? null,
    r.targetReceiptId ?? null,
    r.targetReceiptId ?? null,
  );
  return row !== undefined;
}

/**
 * Records a request instead of posting, with a line in the account's history saying why;
 * the caller has made every check the posting itself would make. Returns the request id.
 */
export function fileRequest(ctx: Ctx, r: NewRequest, why: string): number {
  if (waitingAlready(ctx.db, r)) throw conflict(WAITING[r.kind]);
  const id = Number(
    run(
      ctx.db,
      `INSERT INTO adjustment_requests (kind, account_id, claim_id, side, amount, reason_code,
           memo, refund_method, refund_reference, target_entry_id, target_receipt_id,
           requested_at, requested_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.kind,
      r.accountId,
      r.claimId ?? null,
      r.side ?? null,
      r.amount,
      r.reasonCode ?? null,
      r.memo,
      r.refundMethod ?? null,
      r.refundReference ?? null,
      r.targetEntryId ?? null,
      r.targetReceiptId ?? null,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  recordActivity(ctx, {
    accountId: r.accountId,
    claimId: r.claimId ?? null,
    kind: 'system',
    text: why,
  });
  return id;
}
