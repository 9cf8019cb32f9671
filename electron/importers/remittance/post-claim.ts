import { touchAccount } from '../../core/touched';
import type { ClaimStatus } from '../../../shared/codes/enums';
import { cents, sumCents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import { recordActivity } from '../../activities/record';
import { denialCodes } from '../../denials/denying';
import { resolvePaidDenial } from '../../denials/paid';
import { recordDenial } from '../../denials/record';
import { closeOpenFollowUp } from '../../followups/system';
import { appendLedgerEntries, type NewLedgerEntry } from '../../ledger/ledger';
import { extendPlanForNewCharges } from '../../plans/extend';
import { claimSideBalance } from '../../posting/account-state';
import { insertReceipt } from '../../posting/receipts';
import { reverseReceipt } from '../../posting/reverse';
import type { Claim } from '../x12/remittance-types';
import type { MatchedClaim } from './match';
import { planRemittanceClaim, type RemittanceContext } from './plan-claim';
import { one, prepare, run } from '../../db/query';
import { recoverBadDebt } from '../../bad-debt/recovery';
import type { AccountId, ReceiptId } from '../../../shared/ids';
import type { IsoDate } from '../../../shared/dates/iso-date';

/**
 * On an account in bad debt an insurer's payment can only land in the claim's insurance
 * side as a credit (the move needed that side settled): what of it the write-off still
 * holds is recovered from bad debt.
 */
function recoverFromInsurance(
  ctx: Ctx,
  ours: MatchedClaim,
  paid: Cents,
  date: IsoDate,
  receiptId: ReceiptId,
): void {
  const account = one<{ id: AccountId; status: string }>(
    ctx.db,
    `SELECT id, status FROM accounts WHERE id = ?`,
    ours.accountId,
  );
  if (account?.status !== 'bad_debt') return;
  const credit = -claimSideBalance(ctx.db, ours.id, 'insurance');
  const amount = cents(Math.min(paid, credit));
  recoverBadDebt(ctx, account, amount, date, receiptId, { from: 'insurance', claimId: ours.id });
}

export interface ClaimPosting {
  paid: Cents;
  adjustments: Cents;
  patientResponsibility: Cents;
  denial: boolean;
  reversal: boolean;
}

/**
 * Posts one remittance claim to our claim in the caller's transaction, as
 * planRemittanceClaim decided: the receipt and its ledger rows, the codes and remarks kept,
 * the claim's status and a denial when the payer refused.
 */
export function postRemittanceClaim(
  ctx: Ctx,
  remit: RemittanceContext,
  claim: Claim,
  ours: MatchedClaim,
): ClaimPosting {
  const { db } = ctx;
  const today = ctx.clock.today();
  const by = { userId: ctx.userId, now: ctx.clock.now(), today };
  const plan = planRemittanceClaim(ctx, remit, claim, ours);
  if (plan.kind === 'reversal') {
    reverseReceipt(ctx, plan.receiptId, `payer reversal in remittance ${remit.traceNumber}`, remit);
    return {
      paid: cents(0),
      adjustments: cents(0),
      patientResponsibility: cents(0),
      denial: false,
      reversal: true,
    };
  }
  const { codes, remarks, adjustments, patient, denied, isDenial } = plan;

  // Every refusal is decided in the plan, before the first write, so a refused claim leaves
  // nothing to undo and the file needs no savepoint per claim (one costs more than the posting).
  const receiptId = insertReceipt(ctx, {
    batchId: null,
    accountId: ours.accountId,
    kind: 'insurance_payment',
    payerId: ours.payerId,
    method: remit.method,
    checkNumber: remit.traceNumber,
    amount: claim.paidAmount,
    receivedDate: remit.remitDate,
    memo: `Remittance from ${remit.payerName}`,
    remittanceId: remit.remittanceId,
  });
  const posted: NewLedgerEntry[] = plan.entries.map((e) => ({ ...e, receiptId }));
  // Follow-ups are closed and opened before the ledger rows go in, so the one refresh of
  // the queue columns that the ledger write does covers exactly the follow-ups left open.
  // said in the remittance's own history row below: one row per claim, not two
  const statusClosed = closeOpenFollowUp(ctx, {
    accountId: ours.accountId,
    claimId: ours.id,
    kind: 'claim_status',
  });
  if (isDenial) {
    recordDenial(ctx, {
      claimId: ours.id,
      accountId: ours.accountId,
      remittanceId: remit.remittanceId,
      ...denialCodes(codes, remarks),
      amount: cents(denied > 0 ? denied : claim.chargeAmount - claim.paidAmount),
      remitDate: remit.remitDate,
    });
  } else if (claim.paidAmount > 0) {
    resolvePaidDenial(ctx, {
      claimId: ours.id,
      accountId: ours.accountId,
      remittance: remit,
      paid: claim.paidAmount,
      insuranceChange: sumCents(posted.filter((e) => e.side === 'insurance').map((e) => e.amount)),
    });
  }
  appendLedgerEntries(db, posted, by);
  recoverFromInsurance(ctx, ours, claim.paidAmount, remit.remitDate, receiptId);

  const insertCode = prepare(
    db,
    `INSERT INTO claim_adjustments (claim_id, claim_line_id, group_code, reason_code, amount,
       quantity, remit_date, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { lineId, a } of codes) {
    insertCode.run(
      ours.id,
      lineId,
      a.group,
      a.reason,
      a.amount,
      a.quantity,
      remit.remitDate,
      receiptId,
    );
  }
  const insertRemark = prepare(
    db,
    `INSERT INTO claim_remarks (claim_id, claim_line_id, code) VALUES (?, ?, ?)`,
  );
  for (const r of remarks) insertRemark.run(ours.id, r.lineId, r.code);

  const open = claimSideBalance(db, ours.id, 'insurance');
  const status: ClaimStatus =
    isDenial && claim.paidAmount === 0 ? 'denied' : open <= 0 ? 'paid' : 'partially_paid';
  run(
    db,
    `UPDATE claims SET status = ?, remit_date = ?, payer_claim_number = coalesce(payer_claim_number, ?)
     WHERE id = ?`,
    status,
    remit.remitDate,
    claim.payerClaimNumber,
    ours.id,
  );

  if (patient > 0) extendPlanForNewCharges(ctx, ours.accountId, patient);
  touchAccount(db, ours.accountId);
  recordActivity(ctx, {
    accountId: ours.accountId,
    claimId: ours.id,
    kind: 'system',
    text: `Remittance ${remit.traceNumber} from ${remit.payerName}: paid ${formatCents(claim.paidAmount)}, adjusted ${formatCents(adjustments)}, patient responsibility ${formatCents(patient)}.${statusClosed ? ' Claim status follow-up closed.' : ''}`,
  });
  return {
    paid: claim.paidAmount,
    adjustments,
    patientResponsibility: patient,
    denial: isDenial,
    reversal: false,
  };
}
