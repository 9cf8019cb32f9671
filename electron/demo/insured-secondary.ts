import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { sum, type PatientShare } from './insured-adjudication';
import { inFlight, newClaim } from './insured-claim';
import { eftTrace, payerClaimNumber } from './numbers';
import type { AccountBuilder, CoverageInfo } from './plan';

/** The patient's share of a paid claim, and how a secondary payer settles what it is billed. */

const SHARE_LABEL: Record<PatientShare['code'], string> = {
  '1': 'Deductible',
  '2': 'Coinsurance',
  '3': 'Copay',
};

/** Patient responsibility goes to the secondary payer when there is one, otherwise to the patient. */
export function settleShares(
  b: AccountBuilder,
  ci: number,
  shares: readonly PatientShare[],
  date: IsoDate,
  secondary: CoverageInfo | null,
): number[] {
  const total = sum(shares.map((s) => s.amount));
  if (total === 0) return [];
  const c = b.claim(ci);
  if (secondary) {
    const billed = addDays(date, b.rng.int(2, 6));
    if (billed > b.today) return [];
    if (secondary.payer.financialClass !== 'medicaid' && c.coverage.payer.code === 'MCR')
      c.remarks.push({ line: null, code: 'MA18' });
    const si = newClaim(
      b,
      secondary,
      c.lines.map((l) => ({ ...l })),
      billed,
      billed,
    );
    const memo = `Patient responsibility billed to secondary payer ${secondary.payer.shortName}`;
    const entries = [
      b.post({
        kind: 'transfer',
        side: 'insurance',
        amount: -total,
        postingDate: billed,
        claim: ci,
        memo,
      }),
      b.post({
        kind: 'transfer',
        side: 'insurance',
        amount: total,
        postingDate: billed,
        claim: si,
        memo,
      }),
    ];
    adjudicateSecondary(b, si, total, shares, billed);
    return entries;
  }
  const entries: number[] = [];
  for (const s of shares) {
    entries.push(
      ...b.transferToPatient(
        s.amount,
        date,
        ci,
        `PR-${s.code}`,
        `${SHARE_LABEL[s.code]} per ${c.coverage.payer.shortName} remittance`,
      ),
    );
  }
  return entries;
}

function adjudicateSecondary(
  b: AccountBuilder,
  si: number,
  owed: number,
  shares: readonly PatientShare[],
  billed: IsoDate,
): void {
  const c = b.claim(si);
  const payer = c.coverage.payer;
  const remit = addDays(billed, b.rng.int(payer.turnaround[0], payer.turnaround[1]));
  if (remit > b.today) {
    inFlight(b, si, billed);
    return;
  }
  c.status = 'paid';
  c.remitDate = remit;
  c.payerClaimNumber = payerClaimNumber(b.rng, payer.code, remit);
  const totalCharge = sum(c.lines.map((l) => l.charge));
  c.adjustments.push({
    line: null,
    group: 'OA',
    reason: '23',
    amount: totalCharge - owed,
    remitDate: remit,
  });
  let paid = owed;
  let leftToPatient = 0;
  if (payer.financialClass === 'medicaid') {
    paid = Math.round(owed * b.rng.next() * 0.6);
  } else if (b.rng.chance(0.15)) {
    // some supplements do not cover the deductible
    leftToPatient = sum(shares.filter((s) => s.code === '1').map((s) => s.amount));
    paid = owed - leftToPatient;
  }
  b.post({
    kind: 'payment',
    side: 'insurance',
    amount: -paid,
    postingDate: remit,
    claim: si,
    payerId: payer.id,
    reference: eftTrace(b.rng),
  });
  const writeOff = owed - paid - leftToPatient;
  if (writeOff > 0) {
    b.post({
      kind: 'adjustment',
      side: 'insurance',
      amount: -writeOff,
      postingDate: remit,
      claim: si,
      payerId: payer.id,
      reasonCode: 'CO-45',
      memo: 'Medicaid secondary: amount over Medicaid allowed is not billable to the patient',
    });
    c.adjustments.push({
      line: null,
      group: 'CO',
      reason: '45',
      amount: writeOff,
      remitDate: remit,
    });
  }
  if (leftToPatient > 0) {
    c.adjustments.push({
      line: null,
      group: 'PR',
      reason: '1',
      amount: leftToPatient,
      remitDate: remit,
    });
    b.transferToPatient(
      leftToPatient,
      remit,
      si,
      'PR-1',
      `Deductible not covered by ${payer.shortName}`,
    );
  }
}
