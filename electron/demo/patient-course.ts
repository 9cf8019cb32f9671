import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { money } from './format';
import { patientPaymentReference } from './numbers';
import type { AccountBuilder } from './plan';

/**
 * A patient balance's course: what happens to it is scheduled as dated events first and
 * run in date order afterwards, so a payment and the statement mailed the same month
 * see the balance as it stood on their own dates.
 */

export type Behaviour = 'full' | 'partial' | 'plan' | 'none' | 'promise' | 'overpay' | 'nsf';

export interface Event {
  date: IsoDate;
  run: () => void;
}

export interface CourseState {
  statements: number;
  lastStatement: IsoDate | null;
  paidAnything: boolean;
  followUp: Parameters<AccountBuilder['openFollowUp']>[0] | null;
}

export interface Course {
  b: AccountBuilder;
  anchor: IsoDate;
  /** the patient balance before anything was scheduled */
  start: number;
  party: 'patient' | 'guarantor';
  reachable: boolean;
  events: Event[];
  state: CourseState;
}

export function scheduleStatements(c: Course): void {
  const { b, anchor, party, events, state } = c;
  for (let k = 0; k < 4; k++) {
    const date = addDays(anchor, 4 + 30 * k);
    events.push({
      date,
      run: () => {
        if (b.patient <= 0) return;
        state.statements += 1;
        state.lastStatement = date;
        // numbered by what was mailed: a statement skipped while nothing was owed is not one
        const label = state.statements === 4 ? 'Final notice' : `Statement ${state.statements}`;
        b.activity(date, {
          kind: 'system',
          body: `${label} mailed to ${party}: balance due ${money(b.patient)}.`,
        });
      },
    });
  }
}

/** Posts a patient payment of at most the balance; the ledger index, or -1 if nothing was owed. */
export function pay(
  c: Course,
  date: IsoDate,
  amount: number,
  reference = patientPaymentReference(c.b.rng),
): number {
  const { b, state } = c;
  const applied = Math.min(amount, Math.max(0, b.patient));
  if (applied <= 0) return -1;
  state.paidAnything = true;
  return b.post({
    kind: 'payment',
    side: 'patient',
    amount: -applied,
    postingDate: date,
    reference,
  });
}
