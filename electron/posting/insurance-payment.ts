import type { AccountId, ClaimId, ClaimLineId, PayerId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid } from '../../shared/api/errors';
import type { PostingResult } from '../../shared/api/posting';
import { PATIENT_SHARE, PATIENT_SHARE_CODE, type ClaimStatus } from '../../shared/codes/enums';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { batchSummary, requireOpenBatch } from '../batches/summary';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { extendPlanForNewCharges } from '../plans/extend';
import { balanceTotals, claimSideBalance, requirePostableAccount } from './account-state';
import { requirePastDate } from './dates';
import { insertReceipt } from './receipts';
import { secondaryClaimFor } from './secondary-claim';
import { all, one, prepare, run } from '../db/query';

type Input = ParsedInputOf<'postInsurancePayment'>;
type EobLine = Input['lines'][number];

interface ClaimRow {
  id: ClaimId;
  accountId: AccountId;
  claimNumber: string;
  payerId: PayerId;
  payerName: string;
  payerClaimNumber: string | null;
  status: ClaimStatus;
}

interface LineRow {
  id: ClaimLineId;
  lineNumber: number;
  charge: Cents;
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

/**
 * Posts a paper EOB for one claim, line by line: the payment, the contractual
 * adjustment, other adjustments with their codes, and the patient responsibility, which
 * moves to the patient side (deductible, coinsurance, copay) or stays with insurance on a
 * claim to the secondary payer. The payer's codes are kept on the claim.
 */
export function postInsurancePayment(ctx: Ctx, input: Input): PostingResult {
  const { db } = ctx;
  const today = ctx.clock.today();
  requirePastDate(input.eobDate, today, 'The EOB date', 'eobDate');
  const account = requirePostableAccount(db, input.accountId);
  const claim = one<ClaimRow>(
    db,
    `SELECT c.id, c.account_id AS accountId, c.claim_number AS claimNumber, c.payer_id AS payerId,
           py.name AS payerName, c.payer_claim_number AS payerClaimNumber, c.status
         FROM claims c JOIN payers py ON py.id = c.payer_id WHERE c.id = ?`,
    input.claimId,
  );
  if (!claim || claim.accountId !== account.id) {
    throw invalid('That claim is not on this account.', 'claimId');
  }
  if (claim.status === 'voided') throw conflict(`Claim ${claim.claimNumber} is voided.`);
  const batchId = input.batchId ?? null;
  if (batchId !== null) requireOpenBatch(db, batchId);

  const lines = new Map(
    all<LineRow>(
      db,
      `SELECT id, line_number AS lineNumber, charge FROM claim_lines WHERE claim_id = ?`,
      claim.id,
    ).map((l) => [l.id, l]),
  );
  const seen = new Set<number | null>();
  input.lines.forEach((l, i) => {
    if (seen.has(l.claimLineId)) {
      throw invalid('Each claim line may appear once on the EOB.', `lines.${i}.claimLineId`);
    }
    seen.add(l.claimLineId);
    if (l.claimLineId !== null) {
      const line = lines.get(l.claimLineId);
      if (!line) throw invalid('That line is not on this claim.', `lines.${i}.claimLineId`);
      if (lineTotal(l) > line.charge) {
        throw invalid(
          `Line ${line.lineNumber}: the EOB accounts for ${formatCents(cents(lineTotal(l)))}, more than the line's charge of ${formatCents(cents(line.charge))}.`,
          `lines.${i}`,
        );
      }
    }
  });
  const applied = input.lines.reduce((s, l) => s + lineTotal(l), 0);
  if (applied === 0) throw invalid('The EOB has no amounts to post.', 'lines');
  const open = claimSideBalance(db, claim.id, 'insurance');
  if (applied > open) {
    throw invalid(
      `The EOB accounts for ${formatCents(cents(applied))}, but only ${formatCents(open)} is open with insurance on claim ${claim.claimNumber}.`,
      'lines',
    );
  }
  const paid = cents(input.lines.reduce((s, l) => s + l.paid, 0));
  // every PR amount, the named shares and any other PR code alike
  const shareTotal = cents(patientShareOf(input.lines));
  const secondary =
    input.patientShareTo === 'secondary' && shareTotal > 0
      ? secondaryClaimFor(ctx, claim.id)
      : null;

  const receiptId = insertReceipt(ctx, {
    batchId,
    accountId: account.id,
    kind: 'insurance_payment',
    payerId: claim.payerId,
    method: input.method,
    checkNumber: input.checkNumber,
    amount: paid,
    receivedDate: input.eobDate,
    memo: input.memo,
  });
  const base = {
    accountId: account.id,
    claimId: claim.id,
    postingDate: input.eobDate,
    payerId: claim.payerId,
    reference: `${input.method === 'check' ? 'Check' : 'EFT'} ${input.checkNumber}`,
    receiptId,
  };
  const entries: NewLedgerEntry[] = [];
  const codes: { lineId: number | null; group: string; reason: string; amount: Cents }[] = [];
  for (const l of input.lines) {
    const at = { ...base, claimLineId: l.claimLineId };
    if (l.paid > 0)
      entries.push({ ...at, kind: 'payment', side: 'insurance', amount: negate(l.paid) });
    if (l.contractual > 0) {
      entries.push({
        ...at,
        kind: 'adjustment',
        side: 'insurance',
        amount: negate(l.contractual),
        reasonCode: 'CO-45',
        memo: 'Contractual allowance',
      });
      codes.push({ lineId: l.claimLineId, group: 'CO', reason: '45', amount: l.contractual });
    }
    for (const share of SHARES) {
      const amount = l[share];
      if (amount === 0) continue;
      const code = PATIENT_SHARE_CODE[share];
      codes.push({ lineId: l.claimLineId, group: 'PR', reason: code.slice(3), amount });
      entries.push(...shareEntries(at, amount, code, PATIENT_SHARE.labels[share], secondary));
    }
    for (const a of l.otherAdjustments) {
      const code = `${a.groupCode}-${a.reasonCode}`;
      codes.push({
        lineId: l.claimLineId,
        group: a.groupCode,
        reason: a.reasonCode,
        amount: a.amount,
      });
      if (a.groupCode === 'PR') {
        entries.push(...shareEntries(at, a.amount, code, 'Patient responsibility', secondary));
      } else {
        entries.push({
          ...at,
          kind: 'adjustment',
          side: 'insurance',
          amount: negate(a.amount),
          reasonCode: code,
        });
      }
    }
  }
  const entryIds = appendLedgerEntries(db, entries, {
    userId: ctx.userId,
    now: ctx.clock.now(),
    today,
  });
  const insertCode = prepare(
    db,
    `INSERT INTO claim_adjustments (claim_id, claim_line_id, group_code, reason_code, amount,
         remit_date, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of codes)
    insertCode.run(claim.id, c.lineId, c.group, c.reason, c.amount, input.eobDate, receiptId);

  const left = claimSideBalance(db, claim.id, 'insurance');
  const status: ClaimStatus = left === 0 ? 'paid' : 'partially_paid';
  run(
    db,
    `UPDATE claims SET status = ?, remit_date = ?, payer_claim_number = coalesce(?, payer_claim_number)
       WHERE id = ?`,
    status,
    input.eobDate,
    input.payerClaimNumber,
    claim.id,
  );

  if (!secondary && shareTotal > 0) extendPlanForNewCharges(ctx, account.id, shareTotal);
  touchAccount(ctx.db, account.id);

  const where =
    shareTotal === 0
      ? ''
      : secondary
        ? ` Patient share ${formatCents(shareTotal)} moved to secondary claim ${secondary.claimNumber} for billing.`
        : ` Patient share ${formatCents(shareTotal)} moved to the patient.`;
  const message = `Posted ${claim.payerName} EOB on claim ${claim.claimNumber}: paid ${formatCents(paid)}.${where}`;
  recordActivity(ctx, {
    accountId: account.id,
    claimId: claim.id,
    kind: 'system',
    text: message,
  });
  return {
    receiptId,
    entryIds,
    balance: balanceTotals(db, account.id),
    batch: batchId === null ? null : batchSummary(db, batchId),
    message,
  };
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

/**
 * The patient share leaves the primary claim's insurance side: to the patient side of the
 * same claim, or to the insurance side of the claim to the secondary payer.
 */
function shareEntries(
  at: Omit<NewLedgerEntry, 'kind' | 'side' | 'amount'>,
  amount: Cents,
  code: string,
  label: string,
  secondary: { id: ClaimId; payerId: PayerId } | null,
): NewLedgerEntry[] {
  const out: NewLedgerEntry = {
    ...at,
    kind: 'transfer',
    side: 'insurance',
    amount: negate(amount),
    reasonCode: code,
    memo: label,
  };
  if (secondary) {
    return [
      { ...out, memo: `${label}: billed to the secondary payer` },
      {
        ...at,
        claimId: secondary.id,
        claimLineId: null,
        payerId: secondary.payerId,
        kind: 'transfer',
        side: 'insurance',
        amount,
        reasonCode: code,
        memo: `${label} from the primary payer`,
      },
    ];
  }
  return [out, { ...at, kind: 'transfer', side: 'patient', amount, reasonCode: code, memo: label }];
}
