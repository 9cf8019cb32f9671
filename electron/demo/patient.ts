import type { CallOutcome } from '../../shared/codes/enums';
import { addDays, daysBetween, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { callReference, patientPaymentReference } from './numbers';
import type { AccountBuilder, ClaimLineWithDate } from './plan';

/**
 * The patient side: statements go out every 30 days, and guarantors pay in full, pay
 * part, set up a plan, promise, bounce a check, overpay or never answer; old unpaid
 * balances end up with the collection agency or written off as bad debt.
 */

const money = (amount: number) => formatCents(cents(amount));
const us = formatUsDate;
const AGENCY = 'Lakeside Recovery Associates';

type Behaviour = 'full' | 'partial' | 'plan' | 'none' | 'promise' | 'overpay' | 'nsf';

interface Event {
  date: IsoDate;
  run: () => void;
}

export function planPatientBalance(b: AccountBuilder, anchor: IsoDate): void {
  const start = b.patient;
  if (start <= 0) return;
  const { rng, today, s } = b;
  const party = s.guarantorIsPatient ? 'patient' : 'guarantor';
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
  const events: Event[] = [];
  // written from the event callbacks below, so kept in an object TypeScript does not narrow
  const state: {
    statements: number;
    lastStatement: IsoDate | null;
    paidAnything: boolean;
    followUp: Parameters<AccountBuilder['openFollowUp']>[0] | null;
  } = { statements: 0, lastStatement: null, paidAnything: false, followUp: null };

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

  const pay = (date: IsoDate, amount: number, reference = patientPaymentReference(rng)): number => {
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
  };

  switch (behaviour) {
    case 'full': {
      const date = addDays(anchor, rng.int(8, 75));
      events.push({ date, run: () => pay(date, b.patient) });
      break;
    }
    case 'partial': {
      const date = addDays(anchor, rng.int(15, 60));
      const amount = Math.max(500, Math.round((start * (0.2 + rng.next() * 0.5)) / 100) * 100);
      events.push({ date, run: () => pay(date, amount) });
      break;
    }
    case 'plan': {
      const setup = addDays(anchor, rng.int(20, 45));
      const installment = Math.max(2500, Math.ceil(start / rng.int(3, 12) / 100) * 100);
      events.push({
        date: setup,
        run: () =>
          b.call(
            setup,
            party,
            'reached',
            `Spoke with ${party}. Set up payment plan of ${money(installment)}/month on balance ${money(b.patient)}, first payment today, then monthly by card on file.`,
            null,
            'inbound',
          ),
      });
      for (let m = 0; m < 24; m++) {
        const date = addDays(setup, 30 * m);
        events.push({
          date,
          run: () => {
            if (b.patient <= 0) return;
            pay(date, installment);
            const next = addDays(date, 30);
            if (b.patient > 0)
              state.followUp = {
                kind: 'account',
                claim: null,
                anchor: addDays(next, 5),
                reason: `Payment plan ${money(installment)}/month: confirm installment due ${us(next)}.`,
                createdOn: date,
              };
            else state.followUp = null;
          },
        });
      }
      break;
    }
    case 'promise': {
      const callOn = addDays(anchor, rng.int(35, 50));
      const promised = addDays(callOn, rng.int(7, 21));
      const kept = rng.chance(0.5);
      events.push({
        date: callOn,
        run: () => {
          const amount = b.patient;
          b.call(
            callOn,
            party,
            'promise_to_pay',
            `Spoke with ${party} about balance ${money(amount)}. Promised to pay in full by ${us(promised)} through the online portal.`,
          );
          state.followUp = {
            kind: 'promise',
            claim: null,
            anchor: addDays(promised, 1),
            reason: `Promised ${money(amount)} by ${us(promised)}; confirm payment received.`,
            createdOn: callOn,
          };
        },
      });
      if (kept) {
        events.push({
          date: promised,
          run: () => {
            pay(promised, b.patient);
            state.followUp = null;
          },
        });
      }
      break;
    }
    case 'overpay': {
      const date = addDays(anchor, rng.int(10, 40));
      const extra = rng.int(10, 150) * 100;
      events.push({
        date,
        run: () => {
          if (b.patient <= 0) return;
          state.paidAnything = true;
          b.post({
            kind: 'payment',
            side: 'patient',
            amount: -(b.patient + extra),
            postingDate: date,
            reference: patientPaymentReference(rng),
            memo: 'Payment exceeded balance',
          });
          const refundOn = addDays(date, rng.int(25, 50));
          if (refundOn <= today && rng.chance(0.5)) {
            b.post({
              kind: 'refund',
              side: 'patient',
              amount: extra,
              postingDate: refundOn,
              reference: `Refund check #${rng.int(60001, 69999)}`,
              memo: 'Refund of patient overpayment',
            });
            b.note(
              refundOn,
              `Patient refund of ${money(extra)} approved and mailed to ${party}.`,
              null,
              s.supervisorId,
            );
          }
        },
      });
      break;
    }
    case 'nsf': {
      const date = addDays(anchor, rng.int(10, 40));
      const bounced = addDays(date, rng.int(8, 14));
      let payment = -1;
      events.push({
        date,
        run: () => {
          payment = pay(date, b.patient, `Check #${rng.int(1001, 9899)}`);
        },
      });
      events.push({
        date: bounced,
        run: () => {
          if (payment < 0) return;
          b.reverse(payment, bounced, 'Returned check: NSF');
          b.note(
            bounced,
            `Check payment returned by bank (insufficient funds). Balance of ${money(b.patient)} reinstated; letter sent to ${party}.`,
          );
          state.followUp = {
            kind: 'account',
            claim: null,
            anchor: addDays(bounced, 7),
            reason: `Returned check (NSF) on ${us(bounced)}; ask ${party} for a replacement payment.`,
            createdOn: bounced,
          };
        },
      });
      break;
    }
    case 'none': {
      const callOn = addDays(anchor, rng.int(45, 55));
      events.push({
        date: callOn,
        run: () => {
          if (b.patient <= 0 || !reachable) return;
          if (!s.hasPhone) {
            b.note(
              callOn,
              `No phone number on file for ${party}; sent letter asking them to call about balance ${money(b.patient)}.`,
            );
            return;
          }
          const outcome = rng.weighted<CallOutcome>([
            ['left_message', 40],
            ['no_answer', 22],
            ['busy', 5],
            ['wrong_number', 8],
            ['reached', 13],
            ['disputed', 12],
          ]);
          const text: Record<string, string> = {
            left_message: `Left voicemail for ${party} about balance ${money(b.patient)}; asked for a call back.`,
            no_answer: `Called ${party} at number on file; no answer, voicemail full.`,
            busy: `Called ${party}; line busy. Will try again.`,
            wrong_number: `Number on file reached someone who does not know the ${party}. Phone marked bad; letter sent asking for current number.`,
            reached: `Spoke with ${party}; explained balance ${money(b.patient)} is patient responsibility per the insurance remittance. Will review EOB and call back.`,
            disputed: `${party === 'patient' ? 'Patient' : 'Guarantor'} disputes balance ${money(b.patient)}: believes insurance should have paid in full. Sent copy of EOB and itemized bill.`,
          };
          b.call(callOn, party, outcome, text[outcome] ?? '');
          if (outcome === 'left_message' || outcome === 'no_answer' || outcome === 'busy') {
            state.followUp = {
              kind: 'callback',
              claim: null,
              anchor: addDays(callOn, rng.int(3, 7)),
              reason: `Call ${party} back about balance (${outcome.replace('_', ' ')} ${us(callOn)}).`,
              createdOn: callOn,
            };
          } else if (outcome === 'disputed') {
            state.followUp = {
              kind: 'account',
              claim: null,
              anchor: addDays(callOn, 14),
              reason: `Balance disputed ${us(callOn)}; EOB sent, call ${party} to resolve.`,
              createdOn: callOn,
            };
          }
        },
      });
      break;
    }
  }

  events.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  for (const e of events) if (e.date <= today) e.run();

  const remaining = b.patient;
  if (remaining <= 0) return;
  const age = daysBetween(anchor, today);
  const writeOffOn = addDays(anchor, 125);
  if (remaining <= 1000 && age > 125 && rng.chance(0.6)) {
    b.post({
      kind: 'adjustment',
      side: 'patient',
      amount: -remaining,
      postingDate: writeOffOn,
      memo: 'Small balance write-off (under $10.00)',
    });
    return;
  }
  const { statements, lastStatement, paidAnything, followUp } = state;
  // the statements mailed before count as a spreadsheet's "Statements sent" would
  if (lastStatement)
    b.statementHistory = {
      patientSince: anchor,
      statementsSent: statements,
      lastStatementDate: lastStatement,
    };
  if (!paidAnything && age > 150 && statements >= 4 && b.insurance === 0) {
    const placedOn = addDays(anchor, rng.int(125, 150));
    const roll = rng.next();
    if (roll < 0.15) {
      b.status = 'agency';
      b.note(
        placedOn,
        `Final notice unanswered. Placed with ${AGENCY} (primary agency), balance ${money(remaining)}. Agency ref ${callReference(rng)}.`,
        null,
        s.supervisorId,
      );
      return;
    }
    if (roll < 0.22) {
      b.post({
        kind: 'adjustment',
        side: 'patient',
        amount: -remaining,
        postingDate: placedOn,
        memo: 'Bad debt write-off: uncollectible after final notice',
      });
      b.status = 'bad_debt';
      b.note(
        placedOn,
        `Bad debt write-off of ${money(remaining)} approved; account referred to ${AGENCY}.`,
        null,
        s.supervisorId,
      );
      return;
    }
  }
  if (s.patientDeceased) {
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(s.patientDeceased > anchor ? s.patientDeceased : anchor, 30),
      reason: `Patient deceased ${us(s.patientDeceased)}: identify executor and file claim against the estate.`,
      createdOn: s.patientDeceased > anchor ? s.patientDeceased : anchor,
    });
    return;
  }
  if (s.returnedMail) {
    b.note(
      addDays(anchor, 20),
      `Statement returned by USPS marked "Not deliverable as addressed". Address flagged; skip trace requested.`,
    );
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(anchor, 40),
      reason: 'Returned mail: find a current address for the guarantor (skip trace).',
      createdOn: addDays(anchor, 20),
    });
    return;
  }
  if (followUp) {
    b.openFollowUp(followUp);
    return;
  }
  if (statements >= 4 && lastStatement) {
    b.openFollowUp({
      kind: 'account',
      claim: null,
      anchor: addDays(lastStatement, 20),
      reason: `Final notice sent ${us(lastStatement)}; review for agency placement.`,
      createdOn: lastStatement,
    });
    return;
  }
  const next = lastStatement ? addDays(lastStatement, 30) : addDays(anchor, 4);
  b.openFollowUp({
    kind: 'statement',
    claim: null,
    anchor: next,
    reason: `Statement ${statements + 1} due ${us(next)}; balance ${money(remaining)}.`,
    createdOn: lastStatement ?? anchor,
  });
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
