import { addDays } from '../../shared/dates/iso-date';
import { money, us } from './format';
import { patientPaymentReference } from './numbers';
import { pay, type Course } from './patient-course';

/** Guarantors who pay: in full, in part, by plan, too much, or by a check that bounces. */

export function paysInFull(c: Course): void {
  const { b, anchor, events } = c;
  const date = addDays(anchor, b.rng.int(8, 75));
  events.push({ date, run: () => pay(c, date, b.patient) });
}

export function paysPart(c: Course): void {
  const { b, anchor, start, events } = c;
  const { rng } = b;
  const date = addDays(anchor, rng.int(15, 60));
  const amount = Math.max(500, Math.round((start * (0.2 + rng.next() * 0.5)) / 100) * 100);
  events.push({ date, run: () => pay(c, date, amount) });
}

export function paysByPlan(c: Course): void {
  const { b, anchor, start, party, events, state } = c;
  const { rng } = b;
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
        pay(c, date, installment);
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
}

export function overpays(c: Course): void {
  const { b, anchor, party, events, state } = c;
  const { rng, today, s } = b;
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
}

export function paysByBouncedCheck(c: Course): void {
  const { b, anchor, party, events, state } = c;
  const { rng } = b;
  const date = addDays(anchor, rng.int(10, 40));
  const bounced = addDays(date, rng.int(8, 14));
  let payment = -1;
  events.push({
    date,
    run: () => {
      payment = pay(c, date, b.patient, `Check #${rng.int(1001, 9899)}`);
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
}
