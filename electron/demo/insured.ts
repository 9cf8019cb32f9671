import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { money, us } from './format';
import { adjudicatePaid } from './insured-adjudication';
import { inFlight, newClaim, postCharges, stuck } from './insured-claim';
import { denySomeLines, denyWholeClaim } from './insured-denial';
import { settleShares } from './insured-secondary';
import { eftTrace, payerClaimNumber } from './numbers';
import type { AccountBuilder, ClaimLineWithDate, CoverageInfo } from './plan';

/**
 * The insurance side of an account: the claim goes out, and the payer pays, pays part,
 * denies, pends or later takes its money back; patient responsibility moves to a
 * secondary payer or to the patient.
 */

/** The payer paid and later took the money back (a recoupment): everything it posted is reversed. */
function paidThenReversed(b: AccountBuilder, ci: number, remit: IsoDate): boolean {
  const reversedOn = addDays(remit, b.rng.int(20, 90));
  if (reversedOn > b.today) return false;
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const adjudication = adjudicatePaid(
    b,
    ci,
    c.lines.map((_, i) => i),
    remit,
  );
  const shares = settleShares(b, ci, adjudication.shares, remit, null);
  const why = b.rng.pick([
    'retroactive eligibility review',
    'coordination of benefits review: other coverage primary',
    'post-payment audit of level of care',
    'claim paid in error under wrong member',
  ]);
  for (const index of [...adjudication.entries, ...shares])
    b.reverse(index, reversedOn, `Payer recoupment (${why})`);
  c.status = 'reversed';
  b.note(
    reversedOn,
    `${payer.shortName} reversed claim ${c.payerClaimNumber ?? c.claimNumber} on remittance dated ${us(reversedOn)}: ${money(adjudication.payment)} recouped (${why}). Patient portion moved back to insurance pending reprocessing.`,
    ci,
  );
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor: addDays(reversedOn, b.rng.int(10, 20)),
    reason: `Payer recouped ${money(adjudication.payment)} on ${us(reversedOn)}; confirm claim is being reprocessed.`,
    createdOn: reversedOn,
  });
  return true;
}

function paid(
  b: AccountBuilder,
  ci: number,
  billed: IsoDate,
  remit: IsoDate,
  secondary: CoverageInfo | null,
): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  c.status = 'paid';
  const adjudication = adjudicatePaid(
    b,
    ci,
    c.lines.map((_, i) => i),
    remit,
  );
  settleShares(b, ci, adjudication.shares, remit, secondary);
  if (b.rng.chance(0.25)) {
    b.doneFollowUp({
      kind: 'claim_status',
      claim: ci,
      due: addDays(billed, 30),
      reason: `Check status if no remittance by ${us(addDays(billed, 30))}.`,
      createdOn: billed,
      completedOn: remit,
    });
  }
  if (adjudication.payment > 0 && b.rng.chance(0.012)) {
    const again = addDays(remit, b.rng.int(10, 40));
    if (again > b.today) return;
    b.post({
      kind: 'payment',
      side: 'insurance',
      amount: -adjudication.payment,
      postingDate: again,
      claim: ci,
      payerId: payer.id,
      reference: eftTrace(b.rng),
      memo: 'Duplicate payment: claim paid a second time',
    });
    b.note(
      again,
      `${payer.shortName} paid claim ${c.claimNumber} twice (${money(adjudication.payment)}). Insurance credit balance; refund request sent for approval.`,
      ci,
    );
    const refunded = addDays(again, b.rng.int(20, 60));
    if (refunded <= b.today && b.rng.chance(0.5)) {
      b.post({
        kind: 'refund',
        side: 'insurance',
        amount: adjudication.payment,
        postingDate: refunded,
        claim: ci,
        payerId: payer.id,
        reference: `Refund check #${b.rng.int(50001, 59999)}`,
        memo: 'Refund of duplicate payment to payer',
      });
      b.note(
        refunded,
        `Refund of ${money(adjudication.payment)} approved and mailed to ${payer.shortName}.`,
        ci,
        b.s.supervisorId,
      );
    }
  }
}

export function planInsured(b: AccountBuilder, lines: ClaimLineWithDate[]): void {
  const { rng, today, s } = b;
  const primary = s.coverages[0];
  if (!primary) throw new Error('demo plan: insured account without coverage');
  const secondary = s.coverages[1] ?? null;
  const payer = primary.payer;
  const endDate = s.dischargeDate ?? s.serviceDate;
  let billed = addDays(endDate, rng.int(2, 9));
  if (billed > today || (rng.chance(0.025) && daysBetween(billed, today) < 60)) {
    const held = billed <= today;
    const ci = newClaim(b, primary, lines, null, endDate);
    postCharges(b, ci);
    const reason = held
      ? `Claim held in scrubber: ${rng.pick(['missing authorization number', 'invalid principal diagnosis code', 'attending physician NPI missing', 'HCPCS code requires NDC'])}. Correct and release.`
      : `Not yet billed: awaiting final coding. Expected to bill ${us(billed)}.`;
    b.openFollowUp({
      kind: 'claim_status',
      claim: ci,
      anchor: held ? addDays(billed, 3) : billed,
      deadline: addDays(s.serviceDate, payer.timelyFilingDays),
      reason,
      createdOn: endDate,
    });
    return;
  }
  let ci = newClaim(b, primary, lines, billed, billed);
  if (rng.chance(0.03)) {
    const replacedOn = addDays(billed, rng.int(8, 30));
    if (replacedOn <= today) {
      const voided = b.claim(ci);
      voided.status = 'voided';
      if (rng.chance(0.5))
        voided.payerClaimNumber = payerClaimNumber(rng, payer.code, addDays(billed, 5));
      const why = rng.pick([
        'corrected revenue code on line 1',
        'added modifier 25 to E/M line',
        'corrected member ID',
        'added missing occurrence code',
        'corrected discharge status',
      ]);
      ci = newClaim(
        b,
        primary,
        lines.map((l) => ({ ...l })),
        replacedOn,
        replacedOn,
      );
      b.note(
        replacedOn,
        `Claim ${voided.claimNumber} voided (frequency 8) and replaced by corrected claim ${b.claim(ci).claimNumber} (frequency 7): ${why}.`,
        ci,
      );
      billed = replacedOn;
    }
  }
  postCharges(b, ci);
  const remit = addDays(billed, rng.int(payer.turnaround[0], payer.turnaround[1]));
  if (remit > today) {
    inFlight(b, ci, billed);
    return;
  }
  const c = b.claim(ci);
  const outcome = rng.weighted([
    ['paid', 70],
    ['partial', c.lines.length >= 2 ? 7 : 0],
    ['denied', payer.financialClass === 'medicaid' ? 20 : 14],
    ['reversed', secondary ? 0 : 2],
    ['stuck', 5],
  ] as const);
  if (outcome === 'stuck') {
    stuck(b, ci, billed);
    return;
  }
  c.remitDate = remit;
  c.payerClaimNumber = payerClaimNumber(rng, payer.code, remit);
  if (outcome === 'denied') denyWholeClaim(b, ci, remit, secondary);
  else if (outcome === 'partial') denySomeLines(b, ci, remit, secondary);
  else if (outcome !== 'reversed' || !paidThenReversed(b, ci, remit))
    paid(b, ci, billed, remit, secondary);
}
