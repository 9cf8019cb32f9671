import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { us } from './format';
import { callReference, payerClaimNumber } from './numbers';
import type { AccountBuilder, ClaimLineWithDate, CoverageInfo } from './plan';

/** A claim going out, and the claims the payer has not answered yet. */

export function newClaim(
  b: AccountBuilder,
  coverage: CoverageInfo,
  lines: ClaimLineWithDate[],
  billed: IsoDate | null,
  createdOn: IsoDate,
): number {
  return b.addClaim({
    coverage,
    claimNumber: b.s.sequences.nextClaimNumber(),
    payerClaimNumber: null,
    billedDate: billed,
    remitDate: null,
    status: billed ? 'billed' : 'unbilled',
    lines,
    createdOn,
  });
}

export function postCharges(b: AccountBuilder, ci: number): void {
  const c = b.claim(ci);
  c.lines.forEach((l, i) => {
    b.post({
      kind: 'charge',
      side: 'insurance',
      amount: l.charge,
      postingDate: l.serviceDate,
      claim: ci,
      line: i,
      memo: l.procedureCode ? `Rev ${l.revenueCode} / ${l.procedureCode}` : `Rev ${l.revenueCode}`,
    });
  });
}

/** Billed and not yet answered: the representative checks status after 30 days. */
export function inFlight(b: AccountBuilder, ci: number, billed: IsoDate): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const since = daysBetween(billed, b.today);
  c.status = since <= 2 ? 'billed' : since <= 12 ? 'acknowledged' : 'pending';
  if (c.status !== 'billed' && b.rng.chance(0.5)) {
    b.activity(addDays(billed, b.rng.int(1, 2)), {
      kind: 'system',
      body: `277CA: claim ${c.claimNumber} accepted by ${payer.shortName}.`,
      claim: ci,
    });
  }
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor: addDays(billed, 30),
    reason:
      since > 30
        ? `No remittance from ${payer.shortName} ${since} days after billing; check claim status.`
        : `Check status if no remittance by ${us(addDays(billed, 30))}.`,
    createdOn: billed,
  });
}

/** A claim the payer has pended for weeks: the representative calls and chases it. */
export function stuck(b: AccountBuilder, ci: number, billed: IsoDate): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  c.status = 'pending';
  c.payerClaimNumber = payerClaimNumber(b.rng, payer.code, addDays(billed, 3));
  const callOn = addDays(billed, b.rng.int(32, 45));
  let anchor = addDays(billed, 30);
  let reason = `Claim pended by ${payer.shortName}; no remittance. Check status.`;
  if (callOn <= b.today) {
    const ref = callReference(b.rng);
    if (b.rng.chance(0.5)) {
      b.call(
        callOn,
        'payer',
        'info_requested',
        `Called ${payer.shortName} provider services about claim ${c.claimNumber} (payer # ${c.payerClaimNumber}). Claim pended for medical records and itemized bill. Faxed records to ${payer.fax} same day. Call ref ${ref}.`,
        ci,
      );
      reason = `Records faxed ${us(callOn)} for pended claim; confirm received and in review.`;
    } else {
      b.call(
        callOn,
        'payer',
        'claim_in_process',
        `Called ${payer.shortName} about claim ${c.claimNumber}. Rep states claim is in process, received ${us(addDays(billed, 2))}; allow 30 more days. Call ref ${ref}.`,
        ci,
      );
      reason = `Payer said allow 30 days (call ${us(callOn)}); check status again.`;
    }
    anchor = addDays(callOn, b.rng.int(14, 30));
  }
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor,
    reason,
    createdOn: callOn <= b.today ? callOn : billed,
  });
}
