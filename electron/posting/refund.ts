import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { invalid } from '../../shared/api/errors';
import type { PostingResult } from '../../shared/api/posting';
import { LEDGER_SIDE } from '../../shared/codes/enums';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { appendLedgerEntries } from '../ledger/ledger';
import { balanceTotals, requirePostableAccount } from './account-state';
import { insertReceipt } from './receipts';

/** Pays back a credit balance; never more than the credit on that side. */
export function postRefund(ctx: Ctx, input: ParsedInputOf<'postRefund'>): PostingResult {
  const { db } = ctx;
  const today = ctx.clock.today();
  const account = requirePostableAccount(db, input.accountId);
  const balance = input.side === 'patient' ? account.patientBalance : account.insuranceBalance;
  const credit = Math.max(0, -balance);
  const side = LEDGER_SIDE.labels[input.side].toLowerCase();
  if (credit === 0) {
    throw invalid(`There is no credit balance on the ${side} side to refund.`, 'amount');
  }
  if (input.amount > credit) {
    throw invalid(
      `The ${side} side has a credit of ${formatCents(cents(credit))}; a refund of ${formatCents(input.amount)} is more than that.`,
      'amount',
    );
  }
  const receiptId = insertReceipt(ctx, {
    batchId: null,
    accountId: account.id,
    kind: 'refund',
    method: input.method,
    reference: input.reference,
    amount: input.amount,
    receivedDate: today,
    memo: input.memo,
  });
  const entryIds = appendLedgerEntries(
    db,
    [
      {
        accountId: account.id,
        kind: 'refund',
        side: input.side,
        amount: input.amount,
        postingDate: today,
        reference: input.reference,
        memo: input.memo,
        receiptId,
      },
    ],
    { userId: ctx.userId, now: ctx.clock.now(), today },
  );
  touchAccount(ctx.db, account.id);
  const message = `Refund of ${formatCents(input.amount)} (${side} side) posted by ${input.method}, reference ${input.reference}.`;
  recordActivity(ctx, {
    accountId: account.id,
    kind: 'system',
    text: `${message} ${input.memo}`,
  });
  return { receiptId, entryIds, balance: balanceTotals(db, account.id), batch: null, message };
}
