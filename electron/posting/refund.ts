import type { AccountId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { invalid } from '../../shared/api/errors';
import type { PostingResult } from '../../shared/api/posting';
import { LEDGER_SIDE, type LedgerSide } from '../../shared/codes/enums';
import { cents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { fileRequest } from '../approvals/requests';
import type { ReadDb } from '../db/open';
import { appendLedgerEntries } from '../ledger/ledger';
import { isSupervisor } from '../users/users';
import { balanceTotals, requirePostableAccount } from './account-state';
import { insertReceipt } from './receipts';

export interface Refund {
  accountId: AccountId;
  side: LedgerSide;
  amount: Cents;
  method: 'check' | 'card' | 'eft';
  reference: string;
  memo: string;
}

/** A refund may pay back no more than the credit on that side, now. */
export function checkRefund(db: ReadDb, r: Refund): void {
  const account = requirePostableAccount(db, r.accountId);
  const balance = r.side === 'patient' ? account.patientBalance : account.insuranceBalance;
  const credit = Math.max(0, -balance);
  const side = LEDGER_SIDE.labels[r.side].toLowerCase();
  if (credit === 0) {
    throw invalid(`There is no credit balance on the ${side} side to refund.`, 'amount');
  }
  if (r.amount > credit) {
    throw invalid(
      `The ${side} side has a credit of ${formatCents(cents(credit))}; a refund of ${formatCents(r.amount)} is more than that.`,
      'amount',
    );
  }
}

/** Posts a checked refund: its receipt, its ledger row and a line in the history. */
export function postRefundNow(ctx: Ctx, r: Refund, how = 'posted'): PostingResult {
  const { db } = ctx;
  const today = ctx.clock.today();
  const receiptId = insertReceipt(ctx, {
    batchId: null,
    accountId: r.accountId,
    kind: 'refund',
    method: r.method,
    reference: r.reference,
    amount: r.amount,
    receivedDate: today,
    memo: r.memo,
  });
  const entryIds = appendLedgerEntries(
    db,
    [
      {
        accountId: r.accountId,
        kind: 'refund',
        side: r.side,
        amount: r.amount,
        postingDate: today,
        reference: r.reference,
        memo: r.memo,
        receiptId,
      },
    ],
    { userId: ctx.userId, now: ctx.clock.now(), today },
  );
  touchAccount(ctx.db, r.accountId);
  const side = LEDGER_SIDE.labels[r.side].toLowerCase();
  const message = `Refund of ${formatCents(r.amount)} (${side} side) ${how} by ${r.method}, reference ${r.reference}.`;
  recordActivity(ctx, { accountId: r.accountId, kind: 'system', text: `${message} ${r.memo}` });
  return { receiptId, entryIds, balance: balanceTotals(db, r.accountId), batch: null, message };
}

/**
 * Pays back a credit balance; never more than the credit on that side. Money leaving the
 * building always needs a supervisor: a representative's refund waits as a request.
 */
export function postRefund(ctx: Ctx, input: ParsedInputOf<'postRefund'>): PostingResult {
  checkRefund(ctx.db, input);
  if (isSupervisor(ctx.db, ctx.userId)) return postRefundNow(ctx, input);
  const side = LEDGER_SIDE.labels[input.side].toLowerCase();
  const message = `Refund of ${formatCents(input.amount)} (${side} side) by ${input.method}, reference ${input.reference}, waits for a supervisor's approval and has not posted.`;
  const requestId = fileRequest(
    ctx,
    {
      kind: 'refund',
      accountId: input.accountId,
      side: input.side,
      amount: input.amount,
      memo: input.memo,
      refundMethod: input.method,
      refundReference: input.reference,
    },
    `${message} ${input.memo}`,
  );
  return {
    receiptId: null,
    entryIds: [],
    balance: balanceTotals(ctx.db, input.accountId),
    batch: null,
    message,
    pendingRequestId: requestId,
  };
}
