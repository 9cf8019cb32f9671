import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { PostingResult } from '../../shared/api/posting';
import { cents, negate } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { recoverBadDebt } from '../bad-debt/recovery';
import { batchSummary, requireOpenBatch } from '../batches/summary';
import { appendLedgerEntries } from '../ledger/ledger';
import { balanceTotals, requirePostableAccount } from './account-state';
import { allocateOldestFirst, checkAllocations } from './allocate-patient';
import { requirePastDate } from './dates';
import { insertReceipt } from './receipts';

/**
 * Posts money from the patient or guarantor: one receipt, one ledger row per claim it
 * pays, oldest first unless the person chose. More than is owed stays on the account as
 * a credit balance, which the work queue then shows.
 */
export function postPatientPayment(
  ctx: Ctx,
  input: ParsedInputOf<'postPatientPayment'>,
): PostingResult {
  const { db } = ctx;
  const today = ctx.clock.today();
  requirePastDate(input.receivedDate, today, 'The date received', 'receivedDate');
  const account = requirePostableAccount(db, input.accountId);
  const batchId = input.batchId ?? null;
  if (batchId !== null) requireOpenBatch(db, batchId);
  const receiptId = insertReceipt(ctx, {
    batchId,
    accountId: account.id,
    kind: 'patient_payment',
    method: input.method,
    checkNumber: input.checkNumber,
    reference: input.reference,
    amount: input.amount,
    receivedDate: input.receivedDate,
    memo: input.memo,
  });
  // on a bad-debt account the payment is a recovery: what it pays is put back first
  recoverBadDebt(ctx, account, input.amount, input.receivedDate, receiptId);
  const allocations = input.allocations
    ? checkAllocations(
        db,
        account.id,
        input.amount,
        input.allocations.map((a) => ({ claimId: a.claimId, amount: a.amount })),
      )
    : allocateOldestFirst(db, account.id, input.amount);
  const reference = input.checkNumber ? `Check ${input.checkNumber}` : input.reference;
  const entryIds = appendLedgerEntries(
    db,
    allocations.map((a) => ({
      accountId: account.id,
      claimId: a.claimId,
      kind: 'payment' as const,
      side: 'patient' as const,
      amount: negate(a.amount),
      postingDate: input.receivedDate,
      reference,
      memo: input.memo,
      receiptId,
    })),
    { userId: ctx.userId, now: ctx.clock.now(), today },
  );
  touchAccount(ctx.db, account.id);
  const balance = balanceTotals(db, account.id);
  const credit =
    balance.patient < 0
      ? ` The patient side now has a credit of ${formatCents(cents(-balance.patient))}.`
      : '';
  const message = `Posted ${formatCents(input.amount)} ${input.method} payment to account ${account.accountNumber}.${credit}`;
  recordActivity(ctx, { accountId: account.id, kind: 'system', text: message });
  return {
    receiptId,
    entryIds,
    balance,
    batch: batchId === null ? null : batchSummary(db, batchId),
    message,
  };
}
