import type { ParsedInputOf } from '../../shared/api/contract';
import type { PostingResult } from '../../shared/api/posting';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { recordActivity } from '../activities/record';
import { batchSummary } from '../batches/summary';
import { prepare, run } from '../db/query';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { extendPlanForNewCharges } from '../plans/extend';
import { balanceTotals } from './account-state';
import { planInsurancePayment, type InsurancePaymentPlan } from './insurance-plan';
import { insertReceipt } from './receipts';
import { secondaryClaimFor } from './secondary-claim';

/**
 * Posts a paper EOB for one claim, line by line: the payment, the contractual
 * adjustment, other adjustments with their codes, and the patient responsibility, which
 * moves to the patient side (deductible, coinsurance, copay) or stays with insurance on a
 * claim to the secondary payer. The payer's codes are kept on the claim.
 */
export function postInsurancePayment(
  ctx: Ctx,
  input: ParsedInputOf<'postInsurancePayment'>,
): PostingResult {
  const plan = planInsurancePayment(ctx.db, input, ctx.clock.today());
  return applyInsurancePayment(ctx, plan, input);
}

function applyInsurancePayment(
  ctx: Ctx,
  plan: InsurancePaymentPlan,
  input: ParsedInputOf<'postInsurancePayment'>,
): PostingResult {
  const { db } = ctx;
  const { account, claim, batchId } = plan;
  const secondary = plan.secondary && secondaryClaimFor(ctx, plan.secondary);
  const receiptId = insertReceipt(ctx, {
    batchId,
    accountId: account.id,
    kind: 'insurance_payment',
    payerId: claim.payerId,
    method: input.method,
    checkNumber: input.checkNumber,
    amount: plan.paid,
    receivedDate: plan.eobDate,
    memo: input.memo,
  });
  const base = {
    accountId: account.id,
    postingDate: plan.eobDate,
    reference: `${input.method === 'check' ? 'Check' : 'EFT'} ${input.checkNumber}`,
    receiptId,
  };
  const entries = plan.postings.map(({ onSecondary, ...p }): NewLedgerEntry => {
    const target = onSecondary && secondary ? secondary : claim;
    return { ...base, ...p, claimId: target.id, payerId: target.payerId };
  });
  const entryIds = appendLedgerEntries(db, entries, {
    userId: ctx.userId,
    now: ctx.clock.now(),
    today: ctx.clock.today(),
  });
  const insertCode = prepare(
    db,
    `INSERT INTO claim_adjustments (claim_id, claim_line_id, group_code, reason_code, amount,
         remit_date, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of plan.codes)
    insertCode.run(claim.id, c.lineId, c.group, c.reason, c.amount, plan.eobDate, receiptId);
  run(
    db,
    `UPDATE claims SET status = ?, remit_date = ?, payer_claim_number = coalesce(?, payer_claim_number)
       WHERE id = ?`,
    plan.status,
    plan.eobDate,
    input.payerClaimNumber,
    claim.id,
  );

  if (!secondary && plan.shareTotal > 0) extendPlanForNewCharges(ctx, account.id, plan.shareTotal);
  touchAccount(db, account.id);

  const share = formatCents(plan.shareTotal);
  const where =
    plan.shareTotal === 0
      ? ''
      : secondary
        ? ` Patient share ${share} moved to secondary claim ${secondary.claimNumber} for billing.`
        : ` Patient share ${share} moved to the patient.`;
  const message = `Posted ${claim.payerName} EOB on claim ${claim.claimNumber}: paid ${formatCents(plan.paid)}.${where}`;
  recordActivity(ctx, { accountId: account.id, claimId: claim.id, kind: 'system', text: message });
  return {
    receiptId,
    entryIds,
    balance: balanceTotals(db, account.id),
    batch: batchId === null ? null : batchSummary(db, batchId),
    message,
  };
}
