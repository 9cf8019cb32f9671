import type { IsoDate } from '../../shared/dates/iso-date';
import { allocate, cents } from '../../shared/money/cents';
import { eftTrace } from './numbers';
import type { AccountBuilder, CoverageInfo } from './plan';

/** What a payer allows, pays and leaves to the patient when it pays a claim. */

export interface PatientShare {
  code: '1' | '2' | '3';
  amount: number;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function dollars(b: AccountBuilder, min: number, max: number): number {
  return b.rng.int(min, max) * 100;
}

/** What the plan leaves to the patient, by the rules of each kind of coverage. */
function patientShare(b: AccountBuilder, coverage: CoverageInfo, allowed: number): PatientShare[] {
  const shares: PatientShare[] = [];
  let left = allowed;
  const take = (code: PatientShare['code'], amount: number) => {
    const a = Math.max(0, Math.min(left, Math.round(amount)));
    if (a > 0) {
      shares.push({ code, amount: a });
      left -= a;
    }
  };
  const { rng } = b;
  switch (coverage.payer.financialClass) {
    case 'medicare':
      if (b.s.encounter === 'inpatient') {
        take('1', 167_600);
      } else {
        if (rng.chance(0.25)) take('1', 25_700);
        take('2', left * 0.2);
      }
      break;
    case 'medicaid':
      if (rng.chance(0.15)) take('3', 390);
      break;
    case 'workers_comp':
      break;
    default:
      if (rng.chance(0.4)) take('1', dollars(b, 50, 2500));
      if (rng.chance(0.5)) take('2', left * rng.pick([0.1, 0.2, 0.2, 0.3]));
      if (rng.chance(0.4)) {
        const copay =
          b.s.encounter === 'emergency'
            ? dollars(b, 150, 350)
            : b.s.encounter === 'clinic'
              ? dollars(b, 25, 60)
              : dollars(b, 0, 100);
        take('3', copay);
      }
  }
  return shares;
}

interface Adjudication {
  payment: number;
  shares: PatientShare[];
  entries: number[];
}

/** Posts a payer's payment and contractual adjustment for some lines of a claim. */
export function adjudicatePaid(
  b: AccountBuilder,
  ci: number,
  lineIndexes: readonly number[],
  date: IsoDate,
): Adjudication {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const charges = sum(lineIndexes.map((i) => c.lines[i]?.charge ?? 0));
  const [lo, hi] = payer.allowed;
  const allowed = Math.round(charges * (lo + b.rng.next() * (hi - lo)));
  const shares = patientShare(b, c.coverage, allowed);
  const payment = allowed - sum(shares.map((s) => s.amount));
  const contractual = charges - allowed;
  const entries = [
    b.post({
      kind: 'payment',
      side: 'insurance',
      amount: -payment,
      postingDate: date,
      claim: ci,
      payerId: payer.id,
      reference: eftTrace(b.rng),
    }),
  ];
  // remittances carry the contractual adjustment per service line, so it is posted per line
  const perLine = allocate(
    cents(contractual),
    lineIndexes.map((i) => c.lines[i]?.charge ?? 0),
  );
  lineIndexes.forEach((line, k) => {
    const amount = perLine[k] ?? 0;
    if (amount <= 0) return;
    entries.push(
      b.post({
        kind: 'adjustment',
        side: 'insurance',
        amount: -amount,
        postingDate: date,
        claim: ci,
        line,
        payerId: payer.id,
        reasonCode: 'CO-45',
        memo: 'Contractual allowance',
      }),
    );
    c.adjustments.push({ line, group: 'CO', reason: '45', amount, remitDate: date });
  });
  for (const s of shares)
    c.adjustments.push({
      line: null,
      group: 'PR',
      reason: s.code,
      amount: s.amount,
      remitDate: date,
    });
  return { payment, shares, entries: entries.filter((i) => i >= 0) };
}
