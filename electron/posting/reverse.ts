import { BAD_DEBT_REASONS, noteRecovered } from '../bad-debt/recovery';
import type {
  AccountId,
  BatchId,
  ClaimId,
  ClaimLineId,
  LedgerEntryId,
  PayerId,
  ReceiptId,
} from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { PostingResult } from '../../shared/api/posting';
import { LEDGER_KIND, type LedgerKind, type LedgerSide } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { batchSummary } from '../batches/summary';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { balanceTotals } from './account-state';
import { insertReceipt } from './receipts';
import { all, one, run } from '../db/query';
import type { ReadDb } from '../db/open';
import { reversalsToday } from '../approvals/limits';
import { fileRequest, type NewRequest } from '../approvals/requests';
import { billingRules } from '../rules/billing-rules';

/** How a reversal's row words the reason typed for it, before the reason. */
export const REVERSAL_MEMO = 'Reversal: ';

interface EntryRow {
  id: LedgerEntryId;
  accountId: AccountId;
  claimId: ClaimId | null;
  claimLineId: ClaimLineId | null;
  kind: LedgerKind;
  side: LedgerSide;
  amount: Cents;
  payerId: PayerId | null;
  reference: string | null;
  reasonCode: string | null;
  reversesId: LedgerEntryId | null;
  receiptId: ReceiptId | null;
}

const ENTRY_SQL = `SELECT id, account_id AS accountId, claim_id AS claimId,
    claim_line_id AS claimLineId, kind, side, amount, payer_id AS payerId, reference,
    reason_code AS reasonCode, reverses_id AS reversesId, receipt_id AS receiptId
  FROM ledger_entries`;

function mirror(
  e: EntryRow,
  reason: string,
  today: string,
  receiptId: ReceiptId | null,
): NewLedgerEntry {
  return {
    accountId: e.accountId,
    claimId: e.claimId,
    claimLineId: e.claimLineId,
    kind: e.kind,
    side: e.side,
    amount: negate(e.amount),
    postingDate: today as NewLedgerEntry['postingDate'],
    payerId: e.payerId,
    reference: e.reference,
    reasonCode: e.reasonCode,
    memo: `${REVERSAL_MEMO}${reason}`,
    reversesId: e.id,
    receiptId,
  };
}

interface ReceiptRow {
  id: ReceiptId;
  accountId: AccountId;
  kind: 'patient_payment' | 'insurance_payment' | 'refund';
  payerId: PayerId | null;
  method: 'cash' | 'check' | 'card' | 'eft';
  checkNumber: string | null;
  reference: string | null;
  amount: Cents;
  batchId: BatchId | null;
  reversesId: ReceiptId | null;
  batchStatus: string | null;
  reversedBy: number | null;
}

/** The payment (or refund, or EOB) as it may be reversed: found, not a reversal, not reversed. */
export function reversibleReceipt(db: ReadDb, receiptId: ReceiptId): ReceiptRow {
  const receipt = one<ReceiptRow>(
    db,
    `SELECT r.id, r.account_id AS accountId, r.kind, r.payer_id AS payerId, r.method,
           r.check_number AS checkNumber, r.reference, r.amount, r.batch_id AS batchId,
           r.reverses_id AS reversesId, b.status AS batchStatus,
           (SELECT id FROM receipts x WHERE x.reverses_id = r.id) AS reversedBy
         FROM receipts r LEFT JOIN deposit_batches b ON b.id = r.batch_id WHERE r.id = ?`,
    receiptId,
  );
  if (!receipt) throw notFound('The payment');
  if (receipt.reversesId !== null) {
    throw conflict(
      'This is itself a reversal and cannot be reversed; post the payment again instead.',
    );
  }
  if (receipt.reversedBy !== null) throw conflict('This payment has already been reversed.');
  return receipt;
}

/** The ledger row as it may be reversed on its own: not part of a payment, not reversed. */
export function reversibleEntry(db: ReadDb, entryId: LedgerEntryId): EntryRow {
  const e = one<EntryRow>(db, `${ENTRY_SQL} WHERE id = ?`, entryId);
  if (!e) throw notFound('The ledger entry');
  if (e.receiptId !== null) {
    throw conflict('This entry is part of a payment; reverse the whole payment instead.');
  }
  if (e.kind === 'transfer') {
    throw conflict('A transfer is reversed together with the EOB that made it.');
  }
  if (e.reasonCode !== null && BAD_DEBT_REASONS.includes(e.reasonCode)) {
    throw conflict("Bad debt is undone as a whole, from the account's Bad debt card.");
  }
  if (one(db, `SELECT 1 AS n FROM ledger_entries WHERE reverses_id = ?`, e.id)) {
    throw conflict('This entry has already been reversed.');
  }
  return e;
}

/**
 * Whether a reversal of this size would take the day's reversals on the account above
 * the office's limit; if so it is filed as a request and the waiting result returned.
 */
function overLimit(
  ctx: Ctx,
  accountId: AccountId,
  amount: Cents,
  what: string,
  request: Omit<NewRequest, 'accountId' | 'amount'>,
): PostingResult | null {
  const limit = billingRules(ctx.db).reversalApprovalLimit;
  const earlier = reversalsToday(ctx.db, accountId, ctx.clock.today());
  if (amount === 0 || earlier + amount <= limit) return null;
  const already = earlier > 0 ? ` with the ${formatCents(earlier)} reversed today` : '';
  const message = `Reversal of ${what} of ${formatCents(amount)}${already} is above the ${formatCents(limit)} daily approval limit; it waits for a supervisor and has not posted.`;
  const requestId = fileRequest(
    ctx,
    { ...request, accountId, amount },
    `${message} ${request.memo}`,
  );
  return {
    receiptId: null,
    entryIds: [],
    balance: balanceTotals(ctx.db, accountId),
    batch: null,
    message,
    pendingRequestId: requestId,
  };
}

/**
 * Reverses a whole payment (or refund, or EOB): every ledger row it posted gets its exact
 * opposite, and a receipt with the opposite amount records it. While the payment's batch
 * is open the reversal goes into it (a mis-keyed payment leaves the batch total); once the
 * batch is closed the deposit stands and the reversal is money out on today's date. Over
 * the day's reversal limit it waits for a supervisor.
 */
export function reversePayment(ctx: Ctx, input: ParsedInputOf<'reversePayment'>): PostingResult {
  const receipt = reversibleReceipt(ctx.db, input.receiptId);
  const what = receipt.kind === 'refund' ? 'a refund' : 'a payment';
  const waiting = overLimit(ctx, receipt.accountId, cents(Math.abs(receipt.amount)), what, {
    kind: 'reverse_payment',
    memo: input.reason,
    targetReceiptId: receipt.id,
  });
  return waiting ?? reverseReceipt(ctx, input.receiptId, input.reason);
}

/**
 * The reversal itself, in the caller's transaction. A payer's reversal in a remittance
 * (claim status 22) passes the remittance: the reversal is dated with it, not with the
 * day of the import, and belongs to it, so the remittance's payment ties out.
 */
export function reverseReceipt(
  ctx: Ctx,
  receiptId: ReceiptId,
  reason: string,
  remittance?: { remittanceId: number; remitDate: IsoDate },
): PostingResult {
  const { db } = ctx;
  const dated = remittance?.remitDate ?? ctx.clock.today();
  const receipt = reversibleReceipt(db, receiptId);
  const batchId = receipt.batchStatus === 'open' ? receipt.batchId : null;
  const reversalId = insertReceipt(ctx, {
    batchId,
    accountId: receipt.accountId,
    kind: receipt.kind,
    payerId: receipt.payerId,
    method: receipt.method,
    checkNumber: receipt.checkNumber,
    reference: receipt.reference,
    amount: negate(receipt.amount),
    receivedDate: dated,
    memo: `${REVERSAL_MEMO}${reason}`,
    reversesId: receipt.id,
    remittanceId: remittance?.remittanceId ?? null,
  });
  // a bad-debt recovery that came with the payment may already be reversed (the move to bad
  // debt was undone); only what still stands is mirrored
  const rows = all<EntryRow>(
    db,
    `${ENTRY_SQL} l WHERE receipt_id = ?
       AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id) ORDER BY id`,
    receipt.id,
  );
  const entryIds = appendLedgerEntries(
    db,
    rows.map((e) => mirror(e, reason, dated, reversalId)),
    { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
  );
  // a recovery taken back changes the standing move with it (see noteRecovered)
  noteRecovered(db, receipt.accountId);
  // the payer's codes reported by a reversed EOB are answered, as an 835 reversal does
  run(
    db,
    `INSERT INTO claim_adjustments (claim_id, claim_line_id, group_code, reason_code, amount,
         quantity, remit_date, receipt_id)
       SELECT claim_id, claim_line_id, group_code, reason_code, -amount, quantity, ?, ?
       FROM claim_adjustments WHERE receipt_id = ?`,
    dated,
    reversalId,
    receipt.id,
  );
  if (receipt.kind === 'insurance_payment') {
    run(
      db,
      `UPDATE claims SET status = 'pending'
         WHERE id IN (SELECT claim_id FROM ledger_entries WHERE receipt_id = ?)
           AND primary_claim_id IS NULL`,
      receipt.id,
    );
  }
  touchAccount(ctx.db, receipt.accountId);
  const what = receipt.kind === 'refund' ? 'Refund' : 'Payment';
  const message = `${what} of ${formatCents(cents(receipt.amount))} reversed: ${reason}`;
  recordActivity(ctx, { accountId: receipt.accountId, kind: 'system', text: message });
  return {
    receiptId: reversalId,
    entryIds,
    balance: balanceTotals(db, receipt.accountId),
    batch: batchId === null ? null : batchSummary(db, batchId),
    message,
  };
}

/**
 * Reverses one ledger row that is not part of a payment: a charge or an adjustment.
 * Rows of a payment are reversed with the payment; transfers with the EOB that made them.
 * Over the day's reversal limit it waits for a supervisor.
 */
export function reverseEntry(ctx: Ctx, input: ParsedInputOf<'reverseEntry'>): PostingResult {
  const e = reversibleEntry(ctx.db, input.entryId);
  const what = `a ${LEDGER_KIND.labels[e.kind].toLowerCase()}`;
  const waiting = overLimit(ctx, e.accountId, cents(Math.abs(e.amount)), what, {
    kind: 'reverse_entry',
    claimId: e.claimId,
    side: e.side,
    memo: input.reason,
    targetEntryId: e.id,
  });
  return waiting ?? reverseOneEntry(ctx, input.entryId, input.reason);
}

/** The reversal of one checked ledger row, in the caller's transaction. */
export function reverseOneEntry(ctx: Ctx, entryId: LedgerEntryId, reason: string): PostingResult {
  const { db } = ctx;
  const today = ctx.clock.today();
  const e = reversibleEntry(db, entryId);
  const entryIds = appendLedgerEntries(db, [mirror(e, reason, today, null)], {
    userId: ctx.userId,
    now: ctx.clock.now(),
    today,
  });
  touchAccount(ctx.db, e.accountId);
  const message = `${LEDGER_KIND.labels[e.kind]} of ${formatCents(cents(Math.abs(e.amount)))} reversed: ${reason}`;
  recordActivity(ctx, {
    accountId: e.accountId,
    claimId: e.claimId,
    kind: 'system',
    text: message,
  });
  return {
    receiptId: null,
    entryIds,
    balance: balanceTotals(db, e.accountId),
    batch: null,
    message,
  };
}
