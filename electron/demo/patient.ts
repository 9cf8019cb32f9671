import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { us } from './format';
import { paysNothing, promisesToPay } from './patient-calls';
import { scheduleStatements, type Behaviour, type Course } from './patient-course';
import { overpays, paysByBouncedCheck, paysByPlan, paysInFull, paysPart } from './patient-payments';
import { settleUnpaid } from './patient-unpaid';
import type { AccountBuilder, ClaimLineWithDate } from './plan';

/**
 * The patient side: statements go out every 30 days, and guarantors pay in full, pay
 * part, set up a plan, promise, bounce a check, overpay or never answer; old unpaid
 * balances end up with the collection agency or written off as bad debt.
 */

const SCHEDULE: Record<Behaviour, (c: Course) => void> = {
  full: paysInFull,
  partial: paysPart,
  plan: paysByPlan,
  none: paysNothing,
  promise: promisesToPay,
  overpay: overpays,
  nsf: paysByBouncedCheck,
};

export function planPatientBalance(b: AccountBuilder, anchor: IsoDate): void {
  const start = b.patient;
  if (start <= 0) return;
  const { rng, today, s } = b;
  const reachable = s.patientDeceased === null && !s.returnedMail;
  const behaviour: Behaviour = reachable
    ? rng.weighted<Behaviour>([
        ['full', 33],
        ['plan', 18],
        ['partial', 15],
        ['none', 25],
        ['promise', 5],
        ['overpay', 2],
        ['nsf', 2],
      ])
    : 'none';
  const course: Course = {
    b,
    anchor,
    start,
    party: s.guarantorIsPatient ? 'patient' : 'guarantor',
    reachable,
    events: [],
    // written from the event callbacks, so kept in an object TypeScript does not narrow
    state: { statements: 0, lastStatement: null, paidAnything: false, followUp: null },
  };
  scheduleStatements(course);
  SCHEDULE[behaviour](course);
  const events = course.events.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  for (const e of events) if (e.date <= today) e.run();
  settleUnpaid(course);
}

/** No insurance: charges go straight to the patient, less the uninsured discount or charity care. */
export function planSelfPay(b: AccountBuilder, lines: ClaimLineWithDate[]): void {
  const { rng, today, s } = b;
  let total = 0;
  for (const l of lines) {
    total += l.charge;
    b.post({
      kind: 'charge',
      side: 'patient',
      amount: l.charge,
      postingDate: l.serviceDate,
      memo: l.procedureCode ? `Rev ${l.revenueCode} / ${l.procedureCode}` : `Rev ${l.revenueCode}`,
    });
  }
  const endDate = s.dischargeDate ?? s.serviceDate;
  b.note(
    s.serviceDate,
    'Self-pay at registration: no insurance. Financial assistance application and uninsured discount explained to patient.',
  );
  const discountOn = addDays(endDate, rng.int(1, 4));
  let anchor = endDate;
  if (discountOn <= today) {
    b.post({
      kind: 'adjustment',
      side: 'patient',
      amount: -Math.round(total * 0.45),
      postingDate: discountOn,
      memo: 'Uninsured patient discount (45% of charges)',
    });
    anchor = discountOn;
  }
  const applied = addDays(endDate, rng.int(20, 50));
  const approved = addDays(applied, rng.int(10, 30));
  if (rng.chance(0.15) && approved <= today) {
    const pct = rng.chance(0.6) ? 100 : 50;
    b.note(
      applied,
      'Financial assistance application received with proof of income; sent for review.',
    );
    b.post({
      kind: 'adjustment',
      side: 'patient',
      amount: -Math.round((b.patient * pct) / 100),
      postingDate: approved,
      memo: `Financial assistance approved: ${pct}% (application received ${us(applied)})`,
    });
    b.note(approved, `Financial assistance approved at ${pct}%.`, null, s.supervisorId);
    anchor = approved;
  }
  planPatientBalance(b, anchor);
}
