import type { ClaimId, ClaimLineId, ReceiptId } from '../../../shared/ids';
import { addCents, negate, ZERO, type Cents } from '../../../shared/money/cents';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import type { NewLedgerEntry } from '../../ledger/ledger';
import type { Adjustment, Claim, ServiceLine } from '../x12/remittance-types';
import { isDenyingAdjustment } from '../../../shared/codes/reason-rules';
import type { MatchedClaim } from './match';
import { all, one } from '../../db/query';

export interface RemittanceContext {
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  method: 'check' | 'eft';
  remitDate: IsoDate;
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

/** A ledger row the posting will write, before the receipt it belongs to exists. */
export type PlannedEntry = Omit<NewLedgerEntry, 'receiptId'>;

/**
 * What posting one remittance claim will write, every refusal decided: a payer reversal
 * takes back an earlier receipt; anything else is a receipt with these ledger rows, codes
 * and remarks.
 */
export type ClaimPlan =
  | { kind: 'reversal'; receiptId: ReceiptId }
  | {
      kind: 'posting';
      /** The ledger rows to write, none of them zero. */
      entries: PlannedEntry[];
      codes: { lineId: ClaimLineId | null; a: Adjustment }[];
      remarks: { lineId: ClaimLineId | null; code: string }[];
      adjustments: Cents;
      patient: Cents;
      denied: Cents;
      isDenial: boolean;
    };

/**
 * Decides how a remittance claim posts to our claim, reading only: the payment per service
 * line, CO/OA/PI adjustments with their codes, PR amounts moved to the patient side, remark
 * codes, and whether the payer refused it. Throws UnpostableClaim for a claim that cannot
 * post, so the refusal comes before the first write.
 */
export function planRemittanceClaim(
  ctx: Ctx,
  remit: RemittanceContext,
  claim: Claim,
  ours: MatchedClaim,
): ClaimPlan {
  if (ours.status === 'voided') {
    throw new UnpostableClaim(
      'This claim was voided by a claim file; match the payment to the claim that replaced it, or set it aside.',
    );
  }
  if (claim.statusCode === '22') {
    const receiptId = reversibleReceipt(ctx, ours.id);
    if (receiptId === null) throw new UnpostableClaim(noPaymentToReverse(ctx, ours.id));
    return { kind: 'reversal', receiptId };
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

  const base = {
    accountId: ours.accountId,
    claimId: ours.id,
    postingDate: remit.remitDate,
    payerId: ours.payerId,
    reference: `ERA ${remit.traceNumber}`,
  };
  const entries: PlannedEntry[] = [];
  const codes: { lineId: ClaimLineId | null; a: Adjustment }[] = [];
  if (!paidByLine && claim.paidAmount > 0) {
    entries.push({ ...base, kind: 'payment', side: 'insurance', amount: negate(claim.paidAmount) });
  }
  claim.serviceLines.forEach((l, i) => {
    const claimLineId = lineIds[i] ?? null;
    if (paidByLine && l.paidAmount !== 0) {
      entries.push({
        ...base,
        claimLineId,
        kind: 'payment',
        side: 'insurance',
        amount: negate(l.paidAmount),
      });
    }
    for (const a of l.adjustments) codes.push({ lineId: claimLineId, a });
  });
  for (const a of claim.adjustments) codes.push({ lineId: null, a });

  let adjustments = ZERO;
  let patient = ZERO;
  let denied = ZERO;
  for (const { lineId, a } of codes) {
    const code = `${a.group}-${a.reason}`;
    const at = { ...base, claimLineId: lineId, reasonCode: code };
    if (a.group === 'PR') {
      patient = addCents(patient, a.amount);
      const memo = SHARE_LABELS[a.reason] ?? 'Patient responsibility';
      entries.push(
        { ...at, kind: 'transfer', side: 'insurance', amount: negate(a.amount), memo },
        { ...at, kind: 'transfer', side: 'patient', amount: a.amount, memo },
      );
    } else if (isDenyingAdjustment(a.group, a.reason)) {
      // a denied amount stays owed by the payer until the denial is worked: appealed,
      // corrected, or written off by a person; only the code is kept with the claim
      denied = addCents(denied, a.amount);
    } else {
      adjustments = addCents(adjustments, a.amount);
      entries.push({ ...at, kind: 'adjustment', side: 'insurance', amount: negate(a.amount) });
    }
  }
  const remarks = remarkCodes(claim, lineIds);
  const isDenial = claim.statusCode === '4' || denied > 0;
  return {
    kind: 'posting',
    // a zero amount moves nothing, so it is not written
    entries: entries.filter((e) => e.amount !== 0),
    codes,
    remarks,
    adjustments,
    patient,
    denied,
    isDenial,
  };
}

interface OurLine {
  id: ClaimLineId;
  procedureCode: string | null;
  revenueCode: string | null;
  serviceDate: IsoDate;
}

/**
 * Pairs the remittance's service lines with ours: same procedure (or revenue) code and
 * date of service, each of our lines used once. An unpaired line posts at claim level.
 */
function pairLines(
  ctx: Ctx,
  claimId: ClaimId,
  lines: readonly ServiceLine[],
): (ClaimLineId | null)[] {
  if (lines.length === 0) return [];
  const ours = all<OurLine>(
    ctx.db,
    `SELECT id, procedure_code AS procedureCode, revenue_code AS revenueCode,
         service_date AS serviceDate FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
    claimId,
  );
  const used = new Set<ClaimLineId>();
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

/**
 * The earlier remittance payment on this claim that a payer reversal (status 22) takes back:
 * one an 835 posted here, or one posted at another desk of the office and pulled here
 * (migration 58), so the reversal is made wherever the payer's file is imported. Read from
 * the claim's own ledger rows, not from every remittance payment.
 */
function reversibleReceipt(ctx: Ctx, claimId: ClaimId): ReceiptId | null {
  const row = one<{ id: ReceiptId }>(
    ctx.db,
    `SELECT r.id FROM receipts r
       WHERE r.id IN (SELECT l.receipt_id FROM ledger_entries l WHERE l.claim_id = ?)
         AND r.reverses_id IS NULL
         AND (r.remittance_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM office_remittance_payments o WHERE o.receipt_id = r.id))
         AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
       ORDER BY r.id DESC LIMIT 1`,
    claimId,
  );
  return row?.id ?? null;
}

/**
 * Why a payer's reversal finds nothing to take back, as the data says it: the payer's
 * payment was reversed already (a second reversal file, or another desk's reversal pulled
 * here), or this copy holds no payer's payment on the claim at all.
 */
function noPaymentToReverse(ctx: Ctx, claimId: ClaimId): string {
  const reversed = one<{ amount: Cents; day: IsoDate }>(
    ctx.db,
    `SELECT r.amount, x.received_date AS day FROM receipts r
       JOIN receipts x ON x.reverses_id = r.id
       WHERE r.id IN (SELECT l.receipt_id FROM ledger_entries l WHERE l.claim_id = ?)
         AND (r.remittance_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM office_remittance_payments o WHERE o.receipt_id = r.id))
       ORDER BY x.id DESC LIMIT 1`,
    claimId,
  );
  if (!reversed) {
    return 'The payer reverses a payment on this claim that ClaimDesk has no record of posting.';
  }
  return (
    `The payer reverses a payment on this claim that was already reversed ` +
    `(${formatCents(reversed.amount)} on ${formatUsDate(reversed.day)}); nothing was posted.`
  );
}

function remarkCodes(
  claim: Claim,
  lineIds: readonly (ClaimLineId | null)[],
): { lineId: ClaimLineId | null; code: string }[] {
  const out: { lineId: ClaimLineId | null; code: string }[] = [];
  for (const code of claim.outpatient?.remarkCodes ?? []) out.push({ lineId: null, code });
  for (const code of claim.inpatient?.remarkCodes ?? []) out.push({ lineId: null, code });
  claim.serviceLines.forEach((l, i) => {
    for (const r of l.remarks)
      if (r.qualifier === 'HE') out.push({ lineId: lineIds[i] ?? null, code: r.code });
  });
  return out;
}
