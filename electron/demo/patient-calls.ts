import type { CallOutcome } from '../../shared/codes/enums';
import { addDays } from '../../shared/dates/iso-date';
import { money, us } from './format';
import { pay, type Course } from './patient-course';

/** Guarantors the representative has to call: one who promises to pay, and one who never answers. */

export function promisesToPay(c: Course): void {
  const { b, anchor, party, events, state } = c;
  const { rng } = b;
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
        pay(c, promised, b.patient);
        state.followUp = null;
      },
    });
  }
}

export function paysNothing(c: Course): void {
  const { b, anchor, party, reachable, events, state } = c;
  const { rng, s } = b;
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
}
