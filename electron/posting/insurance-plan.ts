import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid } from '../../shared/api/errors';
import { PATIENT_SHARE, PATIENT_SHARE_CODE, type ClaimStatus } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, BatchId, ClaimId, ClaimLineId, PayerId } from '../../shared/ids';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { requireOpenBatch } from '../batches/summary';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { claimSideBalance, requirePostableAccount, type PostableAccount } from './account-state';
import { requirePastDate } from './dates';
import { planSecondaryClaim, type SecondaryClaimPlan } from './secondary-claim';

type Input = ParsedInputOf<'postInsurancePayment'>;
type EobLine = Input['lines'][number];

export interface EobClaim {
  id: ClaimId;
  accountId: AccountId;
  claimNumber: string;
  payerId: PayerId;
  payerName: string;
  status: ClaimStatus;
}

/**
 * One ledger row of the EOB before it has a receipt: on the primary claim's line, or (a patient
 * share sent on) on the secondary claim.
 */
export interface PlannedPosting {
  claimLineId: ClaimLineId | null;
  onSecondary: boolean;
  kind: 'payment' | 'adjustment' | 'transfer';
  side: 'insurance' | 'patient';
  amount: Cents;
  reasonCode?: string;
  memo?: string;
}

export interface PlannedCode {
  lineId: ClaimLineId | null;
  group: string;
  reason: string;
  amount: Cents;
}

/** Everything postInsurancePayment will write, with every refusal already decided. */
export interface InsurancePaymentPlan {
  account: PostableAccount;
  claim: EobClaim;
  batchId: BatchId | null;
  eobDate: IsoDate;
  paid: Cents;
  shareTotal: Cents;
  secondary: SecondaryClaimPlan | null;
  postings: PlannedPosting[];
  codes: PlannedCode[];
  /** The claim's status once the EOB is posted. */
  status: ClaimStatus;
}

const SHARES = PATIENT_SHARE.keys;

function lineTotal(l: EobLine): number {
  return (
    l.paid +
    l.contractual +
    l.deductible +
    l.coinsurance +
    l.copay +
    l.otherAdjustments.reduce((s, a) => s + a.amount, 0)
  );
}

function patientShareOf(lines: readonly EobLine[]): number {
  return lines.reduce(
    (s, l) =>
      s +
      l.deductible +
      l.coinsurance +
      l.copay +
      l.otherAdjustments.filter((a) => a.groupCode === 'PR').reduce((t, a) => t + a.amount, 0),
    0,
  );
}

/** Reads the claim and decides, without writing, whether and how the paper EOB posts. */
export function planInsurancePayment(
  db: ReadDb,
  input: Input,
  today: IsoDate,
): InsurancePaymentPlan {
  requirePastDate(input.eobDate, today, 'The EOB date', 'eobDate');
  const account = requirePostableAccount(db, input.accountId);
  const claim = one<EobClaim>(
    db,
    `SELECT c.id, c.account_id AS accountId, c.claim_number AS claimNumber, c.payer_id AS payerId,
           py.name AS payerName, c.status
         FROM claims c JOIN payers py ON py.id = c.payer_id WHERE c.id = ?`,
    input.claimId,
  );
  if (!claim || claim.accountId !== account.id) {
    throw invalid('That claim is not on this account.', 'claimId');
  }
  if (claim.status === 'voided') throw conflict(`Claim ${claim.claimNumber} is voided.`);
  const batchId = input.batchId ?? null;
  if (batchId !== null) requireOpenBatch(db, batchId);
  checkLines(db, claim.id, input.lines);

  const applied = input.lines.reduce((s, l) => s + lineTotal(l), 0);
  if (applied === 0) throw invalid('The EOB has no amounts to post.', 'lines');
  const open = claimSideBalance(db, claim.id, 'insurance');
  if (applied > open) {
    throw invalid(
      `The EOB accounts for ${formatCents(cents(applied))}, but only ${formatCents(open)} is open with insurance on claim ${claim.claimNumber}.`,
      'lines',
    );
  }
  // every PR amount, the named shares and any other PR code alike
  const shareTotal = cents(patientShareOf(input.lines));
  const secondary =
    input.patientShareTo === 'secondary' && shareTotal > 0
      ? planSecondaryClaim(db, claim.id)
      : null;
  const { postings, codes } = linePostings(input.lines, secondary !== null);
  // every amount the EOB accounts for leaves the claim's insurance side
  return {
    account,
    claim,
    batchId,
    eobDate: input.eobDate,
    paid: cents(input.lines.reduce((s, l) => s + l.paid, 0)),
    shareTotal,
    secondary,
    postings,
    codes,
    status: applied === open ? 'paid' : 'partially_paid',
  };
}

function checkLines(db: ReadDb, claimId: ClaimId, lines: readonly EobLine[]): void {
  const onClaim = new Map(
    all<{ id: ClaimLineId; lineNumber: number; charge: Cents }>(
      db,
      `SELECT id, line_number AS lineNumber, charge FROM claim_lines WHERE claim_id = ?`,
      claimId,
    ).map((l) => [l.id, l]),
  );
  const seen = new Set<number | null>();
  lines.forEach((l, i) => {
    if (seen.has(l.claimLineId)) {
      throw invalid('Each claim line may appear once on the EOB.', `lines.${i}.claimLineId`);
    }
    seen.add(l.claimLineId);
    if (l.claimLineId === null) return;
    const line = onClaim.get(l.claimLineId);
    if (!line) throw invalid('That line is not on this claim.', `lines.${i}.claimLineId`);
    if (lineTotal(l) > line.charge) {
      throw invalid(
        `Line ${line.lineNumber}: the EOB accounts for ${formatCents(cents(lineTotal(l)))}, more than the line's charge of ${formatCents(cents(line.charge))}.`,
        `lines.${i}`,
      );
    }
  });
}

/**
 * Per line: the payment, the contractual allowance (CO-45), the patient shares and other
 * adjustments with their codes. A PR amount moves to the patient side of the same claim, or to
 * the insurance side of the secondary claim.
 */
function linePostings(
  lines: readonly EobLine[],
  toSecondary: boolean,
): { postings: PlannedPosting[]; codes: PlannedCode[] } {
  const postings: PlannedPosting[] = [];
  const codes: PlannedCode[] = [];
  for (const l of lines) {
    const at = { claimLineId: l.claimLineId, onSecondary: false };
    const share = (amount: Cents, code: string, label: string) => {
      const out = {
        ...at,
        kind: 'transfer' as const,
        side: 'insurance' as const,
        reasonCode: code,
      };
      if (toSecondary) {
        postings.push(
          { ...out, amount: negate(amount), memo: `${label}: billed to the secondary payer` },
          {
            ...out,
            claimLineId: null,
            onSecondary: true,
            amount,
            memo: `${label} from the primary payer`,
          },
        );
      } else {
        postings.push(
          { ...out, amount: negate(amount), memo: label },
          { ...out, side: 'patient', amount, memo: label },
        );
      }
    };
    if (l.paid > 0)
      postings.push({ ...at, kind: 'payment', side: 'insurance', amount: negate(l.paid) });
    if (l.contractual > 0) {
      postings.push({
        ...at,
        kind: 'adjustment',
        side: 'insurance',
        amount: negate(l.contractual),
        reasonCode: 'CO-45',
        memo: 'Contractual allowance',
      });
      codes.push({ lineId: l.claimLineId, group: 'CO', reason: '45', amount: l.contractual });
    }
    for (const key of SHARES) {
      const amount = l[key];
      if (amount === 0) continue;
      const code = PATIENT_SHARE_CODE[key];
      codes.push({ lineId: l.claimLineId, group: 'PR', reason: code.slice(3), amount });
      share(amount, code, PATIENT_SHARE.labels[key]);
    }
    for (const a of l.otherAdjustments) {
      const code = `${a.groupCode}-${a.reasonCode}`;
      codes.push({
        lineId: l.claimLineId,
        group: a.groupCode,
        reason: a.reasonCode,
        amount: a.amount,
      });
      if (a.groupCode === 'PR') share(a.amount, code, 'Patient responsibility');
      else
        postings.push({
          ...at,
          kind: 'adjustment',
          side: 'insurance',
          amount: negate(a.amount),
          reasonCode: code,
        });
    }
  }
  return { postings, codes };
}
