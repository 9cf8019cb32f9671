import { touchAccount } from '../../core/touched';
import type { ClaimStatus } from '../../../shared/codes/enums';
import { isDenialAdjustment } from '../../../shared/codes/denials';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import { recordActivity } from '../../activities/record';
import { recordDenial } from '../../denials/record';
import { closeOpenFollowUp } from '../../followups/system';
import { appendLedgerEntries, type NewLedgerEntry } from '../../ledger/ledger';
import { extendPlanForNewCharges } from '../../plans/extend';
import { claimSideBalance } from '../../posting/account-state';
import { insertReceipt } from '../../posting/receipts';
import { reverseReceipt } from '../../posting/reverse';
import type { Adjustment, Claim, ServiceLine } from '../x12/remittance-types';
import type { MatchedClaim } from './match';

export interface RemittanceContext {
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  method: 'check' | 'eft';
  remitDate: IsoDate;
}

export interface ClaimPosting {
  paid: Cents;
  adjustments: Cents;
  patientResponsibility: Cents;
  denial: boolean;
  reversal: boolean;
}

/**
 * A claim that cannot be posted as sent; it goes to the exceptions list with this reason.
 * Thrown only before the posting has written anything.
 */
export class UnpostableClaim extends Error {}

const SHARE_LABELS: Record<string, string> = {
  '1': 'Deductible',
  '2': 'Coinsurance',
  '3': 'Copay',
};

interface OurLine {
  id: number;
  procedureCode: string | null;
  revenueCode: string | null;
  serviceDate: IsoDate;
}

/**
 * Pairs the remittance's service lines with ours: same procedure (or revenue) code and
 * date of service, each of our lines used once. An unpaired line posts at claim level.
 */
function pairLines(ctx: Ctx, claimId: number, lines: readonly ServiceLine[]): (number | null)[] {
  if (lines.length === 0) return [];
  const ours = ctx.db
    .prepare(
      `SELECT id, procedure_code AS procedureCode, revenue_code AS revenueCode,
         service_date AS serviceDate FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
    )
    .all(claimId) as OurLine[];
  const used = new Set<number>();
  return lines.map((l) => {
    const date = l.dates.find((d) => ['472', '150'].includes(d.qualifier))?.date ?? null;
    const code = l.procedure.code;
    const match = ours.find(
      (o) =>
        !used.has(o.id) &&
        (o.procedureCode === code || (l.procedure.qualifier === 'NU' && o.revenueCode === code)) &&
        (date === null || o.serviceDate === date),
    );
    if (!match) return null;
    used.add(match.id);
    return match.id;
  });
}

/** The earlier remittance payment on this claim that a payer reversal (status 22) takes back. */
function reversibleReceipt(ctx: Ctx, claimId: number): number | null {
  const row = ctx.db
    .prepare(
      `SELECT r.id FROM receipts r
       WHERE r.remittance_id IS NOT NULL AND r.reverses_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
         AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.receipt_id = r.id AND l.claim_id = ?)
       ORDER BY r.id DESC LIMIT 1`,
    )
    .get(claimId) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Posts one remittance claim to our claim in the caller's transaction: the payment per
 * service line, CO/OA/PI adjustments with their codes, PR amounts moved to the patient
 * side, remark codes kept, the claim's status and a denial when the payer refused.
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
  if (ours.status === 'voided') {
    throw new UnpostableClaim(
      'This claim was voided by a claim file; match the payment to the claim that replaced it, or set it aside.',
    );
  }
  if (claim.statusCode === '22') {
    const receiptId = reversibleReceipt(ctx, ours.id);
    if (receiptId === null) {
      throw new UnpostableClaim(
        'The payer reverses a payment on this claim that ClaimDesk has no record of posting.',
      );
    }
    reverseReceipt(ctx, receiptId, `payer reversal in remittance ${remit.traceNumber}`);
    return {
      paid: cents(0),
      adjustments: cents(0),
      patientResponsibility: cents(0),
      denial: false,
      reversal: true,
    };
  }
  if (claim.paidAmount < 0) {
    throw new UnpostableClaim(
      'A negative payment outside a reversal (status 22) cannot be posted automatically.',
    );
  }
  const lineIds = pairLines(ctx, ours.id, claim.serviceLines);
  const linePaid = claim.serviceLines.reduce((s, l) => s + l.paidAmount, 0);
  // payments go on the lines when the lines add up to the claim, else on the claim
  const paidByLine = claim.serviceLines.length > 0 && linePaid === claim.paidAmount;
  if (paidByLine && claim.serviceLines.some((l) => l.paidAmount < 0)) {
    throw new UnpostableClaim('A service line has a negative payment.');
  }

  // Every refusal above comes before the first write, so a refused claim leaves nothing to
  // undo and the file needs no savepoint per claim (one costs more than the posting).
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
  const base = {
    accountId: ours.accountId,
    claimId: ours.id,
    postingDate: remit.remitDate,
    payerId: ours.payerId,
    reference: `ERA ${remit.traceNumber}`,
    receiptId,
  };
  const entries: NewLedgerEntry[] = [];
  const codes: { lineId: number | null; a: Adjustment }[] = [];
  if (!paidByLine && claim.paidAmount > 0) {
    entries.push({ ...base, kind: 'payment', side: 'insurance', amount: -claim.paidAmount });
  }
  claim.serviceLines.forEach((l, i) => {
    const claimLineId = lineIds[i] ?? null;
    if (paidByLine && l.paidAmount !== 0) {
      entries.push({
        ...base,
        claimLineId,
        kind: 'payment',
        side: 'insurance',
        amount: -l.paidAmount,
      });
    }
    for (const a of l.adjustments) codes.push({ lineId: claimLineId, a });
  });
  for (const a of claim.adjustments) codes.push({ lineId: null, a });

  let adjustments = 0;
  let patient = 0;
  let denied = 0;
  for (const { lineId, a } of codes) {
    const code = `${a.group}-${a.reason}`;
    const at = { ...base, claimLineId: lineId, reasonCode: code };
    if (a.group === 'PR') {
      patient += a.amount;
      const memo = SHARE_LABELS[a.reason] ?? 'Patient responsibility';
      entries.push(
        { ...at, kind: 'transfer', side: 'insurance', amount: -a.amount, memo },
        { ...at, kind: 'transfer', side: 'patient', amount: a.amount, memo },
      );
    } else if (isDenialAdjustment(a.group, a.reason)) {
      // a denied amount stays owed by the payer until the denial is worked: appealed,
      // corrected, or written off by a person; only the code is kept with the claim
      denied += a.amount;
    } else {
      adjustments += a.amount;
      entries.push({ ...at, kind: 'adjustment', side: 'insurance', amount: -a.amount });
    }
  }
  const remarks = remarkCodes(claim, lineIds);
  const isDenial = claim.statusCode === '4' || denied > 0;
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
      reasons: codes.map(({ a }) => ({ group: a.group, reason: a.reason })),
      remarks: [...new Set(remarks.map((r) => r.code))],
      amount: cents(denied > 0 ? denied : claim.chargeAmount - claim.paidAmount),
      remitDate: remit.remitDate,
    });
  }
  const posted = entries.filter((e) => e.amount !== 0);
  appendLedgerEntries(db, posted, by);

  const insertCode = db.prepare(
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
  const insertRemark = db.prepare(
    `INSERT INTO claim_remarks (claim_id, claim_line_id, code) VALUES (?, ?, ?)`,
  );
  for (const r of remarks) insertRemark.run(ours.id, r.lineId, r.code);

  const open = claimSideBalance(db, ours.id, 'insurance');
  const status: ClaimStatus =
    isDenial && claim.paidAmount === 0 ? 'denied' : open <= 0 ? 'paid' : 'partially_paid';
  db.prepare(
    `UPDATE claims SET status = ?, remit_date = ?, payer_claim_number = coalesce(payer_claim_number, ?)
     WHERE id = ?`,
  ).run(status, remit.remitDate, claim.payerClaimNumber, ours.id);

  if (patient > 0) extendPlanForNewCharges(ctx, ours.accountId, cents(patient));
  touchAccount(db, ours.accountId);
  recordActivity(ctx, {
    accountId: ours.accountId,
    claimId: ours.id,
    kind: 'system',
    text: `Remittance ${remit.traceNumber} from ${remit.payerName}: paid ${formatCents(claim.paidAmount)}, adjusted ${formatCents(cents(adjustments))}, patient responsibility ${formatCents(cents(patient))}.${statusClosed ? ' Claim status follow-up closed.' : ''}`,
  });
  return {
    paid: claim.paidAmount,
    adjustments: cents(adjustments),
    patientResponsibility: cents(patient),
    denial: isDenial,
    reversal: false,
  };
}

function remarkCodes(
  claim: Claim,
  lineIds: readonly (number | null)[],
): { lineId: number | null; code: string }[] {
  const out: { lineId: number | null; code: string }[] = [];
  for (const code of claim.outpatient?.remarkCodes ?? []) out.push({ lineId: null, code });
  for (const code of claim.inpatient?.remarkCodes ?? []) out.push({ lineId: null, code });
  claim.serviceLines.forEach((l, i) => {
    for (const r of l.remarks)
      if (r.qualifier === 'HE') out.push({ lineId: lineIds[i] ?? null, code: r.code });
  });
  return out;
}
