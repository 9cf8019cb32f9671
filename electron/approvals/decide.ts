import type { AccountId, ClaimId, LedgerEntryId, ReceiptId, UserId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, conflict, invalid } from '../../shared/api/errors';
import type { AdjustmentResult } from '../../shared/api/posting';
import type { LedgerSide } from '../../shared/codes/enums';
import type { Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { isBadDebtRequest, postBadDebt } from '../bad-debt/move';
import { one, run } from '../db/query';
import { requirePostableAccount } from '../posting/account-state';
import { checkWriteOff, postWriteOff, requireReason } from '../posting/adjustment';
import { checkRefund, postRefundNow } from '../posting/refund';
import { reverseOneEntry, reverseReceipt } from '../posting/reverse';
import { REQUEST_NOUN as NOUN, type RequestKind } from './nouns';

interface RequestRow {
  id: number;
  kind: RequestKind;
  accountId: AccountId;
  claimId: ClaimId | null;
  side: LedgerSide | null;
  amount: Cents;
  reasonCode: string | null;
  memo: string | null;
  refundMethod: 'check' | 'card' | 'eft' | null;
  refundReference: string | null;
  targetEntryId: LedgerEntryId | null;
  targetReceiptId: ReceiptId | null;
  status: string;
  requestedBy: UserId;
}

/** Posts what the request asked for, after the same checks a direct posting makes now. */
function postApproved(
  ctx: Ctx,
  r: RequestRow,
): { entryId: number | null; receiptId: number | null } {
  const memo = r.memo ?? '';
  // a move to bad debt writes off the whole patient balance and changes the account's status
  if (r.kind === 'write_off' && isBadDebtRequest(r.reasonCode)) {
    return { entryId: postBadDebt(ctx, { ...r, memo }), receiptId: null };
  }
  if (r.kind === 'write_off' && r.side !== null && r.reasonCode !== null) {
    const w = { ...r, side: r.side, reasonCode: r.reasonCode, memo };
    checkWriteOff(ctx.db, w, requirePostableAccount(ctx.db, r.accountId));
    const id = postWriteOff(ctx, w, requireReason(ctx.db, r.reasonCode));
    return { entryId: id, receiptId: null };
  }
  if (
    r.kind === 'refund' &&
    r.side !== null &&
    r.refundMethod !== null &&
    r.refundReference !== null
  ) {
    const refund = {
      accountId: r.accountId,
      side: r.side,
      amount: r.amount,
      method: r.refundMethod,
      reference: r.refundReference,
      memo,
    };
    checkRefund(ctx.db, refund);
    const posted = postRefundNow(ctx, refund, 'approved and posted');
    return { entryId: posted.entryIds[0] ?? null, receiptId: posted.receiptId };
  }
  if (r.kind === 'reverse_entry' && r.targetEntryId !== null) {
    const posted = reverseOneEntry(ctx, r.targetEntryId, memo);
    return { entryId: posted.entryIds[0] ?? null, receiptId: null };
  }
  if (r.kind === 'reverse_payment' && r.targetReceiptId !== null) {
    const posted = reverseReceipt(ctx, r.targetReceiptId, memo);
    return { entryId: null, receiptId: posted.receiptId };
  }
  throw new Error(`request ${r.id} of kind ${r.kind} is missing what it needs to post`);
}

/**
 * A supervisor approves a request (posting it now, in this transaction, if it still fits
 * the account) or refuses it; either way with the reason in the account's history. Nobody
 * decides a request they made: the second pair of eyes is the point of asking.
 */
export function decideRequest(
  ctx: Ctx,
  input: ParsedInputOf<'decideAdjustment'>,
): AdjustmentResult {
  const { db } = ctx;
  const r = one<RequestRow>(
    db,
    `SELECT id, kind, account_id AS accountId, claim_id AS claimId, side, amount,
         reason_code AS reasonCode, memo, refund_method AS refundMethod,
         refund_reference AS refundReference, target_entry_id AS targetEntryId,
         target_receipt_id AS targetReceiptId, status, requested_by AS requestedBy
       FROM adjustment_requests WHERE id = ?`,
    input.requestId,
  );
  if (!r) throw invalid('That request was not found.', 'requestId');
  const noun = NOUN[r.kind];
  if (r.status !== 'pending') throw conflict(`That ${noun.toLowerCase()} was already ${r.status}.`);
  if (r.requestedBy === ctx.userId) {
    throw new ApiError({
      code: 'forbidden',
      message: 'You asked for this yourself; another supervisor has to approve or refuse it.',
    });
  }
  const now = ctx.clock.now();
  const because = input.note ? `: ${input.note}` : '.';
  if (input.decision === 'reject') {
    run(
      db,
      `UPDATE adjustment_requests SET status = 'rejected', decided_at = ?, decided_by = ?,
           decision_note = ? WHERE id = ?`,
      now,
      ctx.userId,
      input.note,
      r.id,
    );
    const message = `${noun} of ${formatCents(r.amount)} refused${because}`;
    recordActivity(ctx, {
      accountId: r.accountId,
      claimId: r.claimId,
      kind: 'system',
      text: message,
    });
    return { status: 'rejected', entryId: null, requestId: r.id, message };
  }
  const posted = postApproved(ctx, r);
  run(
    db,
    `UPDATE adjustment_requests SET status = 'approved', decided_at = ?, decided_by = ?,
         decision_note = ?, ledger_entry_id = ?, receipt_id = ? WHERE id = ?`,
    now,
    ctx.userId,
    input.note,
    posted.entryId,
    posted.receiptId,
    r.id,
  );
  const message = `${noun} of ${formatCents(r.amount)} approved and posted${because}`;
  recordActivity(ctx, {
    accountId: r.accountId,
    claimId: r.claimId,
    kind: 'system',
    text: message,
  });
  return { status: 'posted', entryId: posted.entryId, requestId: r.id, message };
}
