import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, conflict, invalid } from '../../shared/api/errors';
import {
  RETURNED_CHECK_REASON,
  type ReturnedCheckRecorded,
  type ReturnedCheckView,
} from '../../shared/api/returned-checks';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { AccountId, LedgerEntryId } from '../../shared/ids';
import { cents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';
import { openSystemFollowUp } from '../followups/system';
import { appendLedgerEntries } from '../ledger/ledger';
import { balanceTotals } from '../posting/account-state';
import { reverseReceipt, reversibleReceipt } from '../posting/reverse';
import { reversalsToday } from '../approvals/limits';
import { billingRules } from '../rules/billing-rules';
import { isSupervisor } from '../users/users';

const VIEW_SQL = `SELECT rc.id, rc.account_id AS accountId, a.account_number AS accountNumber,
    r.check_number AS checkNumber, r.amount, r.received_date AS receivedDate,
    rc.returned_on AS returnedOn, rc.reason, rc.note,
    ifnull((SELECT amount FROM ledger_entries WHERE id = rc.fee_entry_id), 0) AS fee,
    u.display_name AS recordedBy
  FROM returned_checks rc JOIN receipts r ON r.id = rc.receipt_id
  JOIN accounts a ON a.id = rc.account_id JOIN users u ON u.id = rc.recorded_by`;

/** The checks whose reversal is dated that day, for the cash summary that counts it. */
export function returnedChecksOn(db: ReadDb, date: string): ReturnedCheckView[] {
  return all<ReturnedCheckView>(
    db,
    `${VIEW_SQL} WHERE rc.reversal_receipt_id IN (SELECT id FROM receipts WHERE received_date = ?)
       ORDER BY rc.id`,
    date,
  );
}

/**
 * A patient's check the bank sent back. Its payment is reversed with the bank's reason (as
 * any reversal: into its batch while open, else money out today), the returned-check fee
 * is charged to the patient where the office charges one, and a follow-up due today puts
 * the account back in the queue to ask for good funds. The bank has taken the money back,
 * so nothing waits for approval; but marking a good check returned would take a payment off
 * the books, so above the day's reversal limit only a supervisor may record it.
 */
export function recordReturnedCheck(
  ctx: Ctx,
  input: ParsedInputOf<'recordReturnedCheck'>,
): ReturnedCheckRecorded {
  const today = ctx.clock.today();
  const receipt = reversibleReceipt(ctx.db, input.receiptId);
  if (receipt.kind !== 'patient_payment' || receipt.method !== 'check') {
    throw conflict(
      'Only a patient payment made by check can come back from the bank; reverse this payment instead.',
    );
  }
  const received = oneOrThrow<{ receivedDate: string }>(
    ctx.db,
    `SELECT received_date AS receivedDate FROM receipts WHERE id = ?`,
    receipt.id,
  ).receivedDate;
  if (input.returnedOn > today || input.returnedOn < received) {
    throw invalid(
      `The date returned ${formatUsDate(input.returnedOn)} must be between the payment's ${formatUsDate(received as typeof today)} and today.`,
      'returnedOn',
    );
  }
  const accountId = receipt.accountId;
  const check = receipt.checkNumber ? `Check ${receipt.checkNumber}` : 'A check';
  const limit = billingRules(ctx.db).reversalApprovalLimit;
  const earlier = reversalsToday(ctx.db, accountId, today);
  if (earlier + Math.abs(receipt.amount) > limit && !isSupervisor(ctx.db, ctx.userId)) {
    const already = earlier > 0 ? ` with the ${formatCents(earlier)} reversed today` : '';
    throw new ApiError({
      code: 'forbidden',
      message: `${check} for ${formatCents(cents(receipt.amount))}${already} is above the ${formatCents(limit)} daily reversal limit; a supervisor records it as returned.`,
    });
  }
  const why = RETURNED_CHECK_REASON.labels[input.reason].toLowerCase();
  const reversal = reverseReceipt(ctx, receipt.id, `returned check, ${why}`);
  if (reversal.receiptId === null) throw new Error('a reversal always makes a receipt');

  const fee = billingRules(ctx.db).returnedCheckFee;
  let feeEntryId: LedgerEntryId | null = null;
  if (fee > 0) {
    [feeEntryId = null] = appendLedgerEntries(
      ctx.db,
      [
        {
          accountId,
          kind: 'charge',
          side: 'patient',
          amount: fee,
          postingDate: today,
          reference: receipt.checkNumber,
          memo: `Returned check fee: ${check.toLowerCase()} came back, ${why}`,
        },
      ],
      { userId: ctx.userId, now: ctx.clock.now(), today },
    );
  }
  const id = Number(
    run(
      ctx.db,
      `INSERT INTO returned_checks (receipt_id, reversal_receipt_id, account_id, returned_on,
           reason, note, fee_entry_id, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      receipt.id,
      reversal.receiptId,
      accountId,
      input.returnedOn,
      input.reason,
      input.note,
      feeEntryId,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  const amount = formatCents(cents(receipt.amount));
  const feeText = fee > 0 ? `; a returned check fee of ${formatCents(fee)} was charged` : '';
  recordActivity(ctx, {
    accountId,
    kind: 'system',
    text: `${check} for ${amount} came back from the bank on ${formatUsDate(input.returnedOn)}: ${why}${input.note ? ` (${input.note})` : ''}. The payment was reversed${feeText}.`,
  });
  const followUp = openSystemFollowUp(ctx, {
    accountId,
    kind: 'returned_check',
    dueDate: today,
    reason: `${check} for ${amount} came back (${why}): ask for a replacement payment in good funds.`,
  });
  touchAccount(ctx.db, accountId);
  const view = oneOrThrow<ReturnedCheckView>(ctx.db, `${VIEW_SQL} WHERE rc.id = ?`, id);
  return {
    ...reversal,
    entryIds: feeEntryId === null ? reversal.entryIds : [...reversal.entryIds, feeEntryId],
    balance: balanceTotals(ctx.db, accountId as AccountId),
    message: `${check} for ${amount} marked returned (${why}); the payment was reversed${feeText}, and the account is back in the queue.`,
    returnedCheck: { ...view, fee: cents(view.fee) as Cents },
    followUpId: followUp.id,
  };
}
