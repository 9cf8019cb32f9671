import type { AccountId, ClaimId, DenialId, FollowUpId } from '../../shared/ids';
import { DENIAL_RESOLUTION, type DenialResolution } from '../../shared/codes/denials';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { addCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { recordActivity } from '../activities/record';
import { claimSideBalance } from '../posting/account-state';
import type { ReadDb } from '../db/open';
import { one, run } from '../db/query';

/** The remittance that paid a denied claim, as the history names it. */
export interface PayingRemittance {
  payerName: string;
  /** The check or EFT number (TRN02). */
  traceNumber: string;
  method: 'check' | 'eft';
  remitDate: IsoDate;
}

export interface PaidDenial {
  denialId: DenialId;
  resolution: DenialResolution;
}

/**
 * A later remittance paid a claim whose denial is still being worked (an appeal won, a
 * corrected claim paid): the denial is resolved as paid, or partly paid when the payer
 * still owes part of the claim, its follow-up is closed, and the history names the
 * remittance. Runs before the payment's ledger rows are written, so the caller says how
 * much they move on the insurance side. Returns null when the claim has no open denial.
 */
export function resolvePaidDenial(
  ctx: Ctx,
  p: {
    claimId: ClaimId;
    accountId: AccountId;
    remittance: PayingRemittance;
    paid: Cents;
    insuranceChange: Cents;
  },
): PaidDenial | null {
  const { db } = ctx;
  // the claim id is unique on denials, so a claim with nothing denied costs one index probe
  const d = one<{ id: DenialId; followUpId: FollowUpId }>(
    db,
    `SELECT id, follow_up_id AS followUpId FROM denials WHERE claim_id = ? AND state <> 'resolved'`,
    p.claimId,
  );
  if (!d) return null;
  const stillOwed = addCents(claimSideBalance(db, p.claimId, 'insurance'), p.insuranceChange);
  const resolution: DenialResolution = stillOwed > 0 ? 'partly_paid' : 'paid';
  const now = ctx.clock.now();
  run(
    db,
    `UPDATE denials SET state = 'resolved', resolution = ?, updated_at = ?, updated_by = ?
       WHERE id = ?`,
    resolution,
    now,
    ctx.userId,
    d.id,
  );
  const closed = run(
    db,
    `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ?
       WHERE id = ? AND status = 'open'`,
    now,
    ctx.userId,
    d.followUpId,
  ).changes;
  touchAccount(db, p.accountId);
  const r = p.remittance;
  const owed = stillOwed > 0 ? ` The payer still owes ${formatCents(stillOwed)} on the claim.` : '';
  recordActivity(ctx, {
    accountId: p.accountId,
    claimId: p.claimId,
    kind: 'system',
    text: `Denial resolved (${DENIAL_RESOLUTION.labels[resolution].toLowerCase()}): ${r.payerName} paid ${formatCents(p.paid)} on this claim, ${r.method === 'check' ? 'check' : 'EFT'} ${r.traceNumber} dated ${formatUsDate(r.remitDate)}.${owed}${closed > 0 ? ' Denial follow-up closed.' : ''}`,
  });
  return { denialId: d.id, resolution };
}

/** A payment the payer made on a denied claim after denying it, for the appeal screens. */
export interface PaymentSinceDenial extends PayingRemittance {
  amount: Cents;
  /** What the payer still owes on the claim; zero or less when it is paid in full. */
  stillOwed: Cents;
}

/**
 * The latest remittance payment on the denial's claim that came after the denial (by a
 * later remittance, or after its remittance date for a denial recorded without one), not
 * since reversed by the payer; null when the payer has paid nothing since.
 */
export function paymentSinceDenial(db: ReadDb, denialId: DenialId): PaymentSinceDenial | null {
  const row = one<PaymentSinceDenial>(
    db,
    `SELECT rm.payer_name AS payerName, rm.trace_number AS traceNumber, r.method,
         r.received_date AS remitDate, r.amount,
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
           WHERE l.claim_id = d.claim_id AND l.side = 'insurance') AS stillOwed
       FROM denials d JOIN claims c ON c.id = d.claim_id
       JOIN receipts r ON r.account_id = c.account_id AND r.remittance_id IS NOT NULL
       JOIN remittances rm ON rm.id = r.remittance_id
       WHERE d.id = ? AND r.amount > 0 AND r.reverses_id IS NULL
         AND (r.remittance_id > d.remittance_id
           OR (d.remittance_id IS NULL AND r.received_date > d.remit_date))
         AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
         AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.receipt_id = r.id AND l.claim_id = d.claim_id)
       ORDER BY r.id DESC LIMIT 1`,
    denialId,
  );
  return row ?? null;
}

/** "Acme paid $250.00 on this claim by EFT 123 dated 03/04/2026", for the appeal screens. */
export function describePayment(p: PaymentSinceDenial): string {
  const owed =
    p.stillOwed > 0
      ? `; the payer still owes ${formatCents(p.stillOwed)} on it`
      : '; the payer owes nothing more on it';
  return `${p.payerName} paid ${formatCents(p.amount)} on this claim by ${p.method === 'check' ? 'check' : 'EFT'} ${p.traceNumber} dated ${formatUsDate(p.remitDate)}${owed}`;
}
