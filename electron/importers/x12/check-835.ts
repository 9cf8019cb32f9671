import { cents, sumCents, type Cents } from '../../../shared/money/cents';
import { displayCents } from './amounts';
import type { X12Issue } from './issues';
import type { Adjustment, Claim, Remittance, ServiceLine } from './remittance-types';

/*
 * The standard 835 balancing rules. A payer's file that breaks them cannot be posted as
 * is: a claim that does not balance is held back on its own, a payment that does not
 * match its claims holds back the whole transaction.
 */

/** Adds the balancing errors to the claims and to the transaction. */
export function checkRemittance(remittance: Remittance): void {
  for (const claim of remittance.claims) checkClaim(claim);
  checkPayment(remittance);
}

function adjustmentTotal(adjustments: readonly Adjustment[]): Cents {
  return sumCents(adjustments.map((a) => a.amount));
}

/**
 * Charge − paid = every claim-level and line-level adjustment; and, for each service
 * line, line charge − line paid = that line's adjustments. Amount errors already on the
 * claim would make these sums meaningless, so the check waits for clean amounts.
 */
function checkClaim(claim: Claim): void {
  if (claim.errors.some(isAmountProblem)) return;
  const found: X12Issue[] = [];
  claim.serviceLines.forEach((line, i) => {
    const problem = checkLine(line, i + 1);
    if (problem) found.push(problem);
  });
  const lineAdjustments = claim.serviceLines.flatMap((l) => l.adjustments);
  const adjusted = cents(adjustmentTotal(claim.adjustments) + adjustmentTotal(lineAdjustments));
  const difference = cents(claim.chargeAmount - claim.paidAmount);
  if (difference !== adjusted) {
    found.unshift({
      code: 'claim-unbalanced',
      message:
        `The claim does not balance: charge ${displayCents(claim.chargeAmount)} less paid ` +
        `${displayCents(claim.paidAmount)} is ${displayCents(difference)}, but its adjustments ` +
        `total ${displayCents(adjusted)}.`,
      segmentId: 'CLP',
      segmentIndex: claim.position?.segmentIndex ?? 0,
      byteOffset: claim.position?.byteOffset ?? 0,
    });
  }
  claim.errors.push(...found);
}

function checkLine(line: ServiceLine, lineNumber: number): X12Issue | null {
  const adjusted = adjustmentTotal(line.adjustments);
  const difference = cents(line.chargeAmount - line.paidAmount);
  if (difference === adjusted) return null;
  return {
    code: 'line-unbalanced',
    message:
      `Service line ${lineNumber} does not balance: charge ${displayCents(line.chargeAmount)} ` +
      `less paid ${displayCents(line.paidAmount)} is ${displayCents(difference)}, but its ` +
      `adjustments total ${displayCents(adjusted)}.`,
    segmentId: 'SVC',
    segmentIndex: line.position?.segmentIndex ?? 0,
    byteOffset: line.position?.byteOffset ?? 0,
  };
}

/** BPR02 = the claims' paid amounts less the provider-level (PLB) adjustments. */
function checkPayment(remittance: Remittance): void {
  const payment = remittance.payment;
  if (!payment) return;
  // An unreadable BPR or PLB amount already holds the transaction back. A claim's missing
  // or unreadable paid amount counts as nothing paid: the claim goes to the exceptions on
  // its own, and the payment must still add up without it.
  if (remittance.errors.some(isAmountProblem)) return;
  const paid = sumCents(remittance.claims.map((c) => c.paidAmount));
  const withheld = sumCents(
    remittance.providerAdjustments.flatMap((p) => p.items.map((item) => item.amount)),
  );
  const expected = cents(paid - withheld);
  if (payment.amount === expected) return;
  const bpr = payment.position;
  remittance.errors.push({
    code: 'payment-unbalanced',
    message:
      `The payment amount ${displayCents(payment.amount)} does not equal the claims paid ` +
      `${displayCents(paid)} less provider adjustments ${displayCents(withheld)} ` +
      `(${displayCents(expected)}).`,
    segmentId: 'BPR',
    segmentIndex: bpr?.segmentIndex ?? 0,
    byteOffset: bpr?.byteOffset ?? 0,
  });
}

function isAmountProblem(issue: X12Issue): boolean {
  return issue.code === 'bad-amount' || issue.code === 'missing-amount';
}
