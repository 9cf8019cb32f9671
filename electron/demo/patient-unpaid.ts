import { addDays, daysBetween } from '../../shared/dates/iso-date';
import { money, us } from './format';
import { callReference } from './numbers';
import type { Course } from './patient-course';

/**
 * What becomes of a balance still owed once its events have run: a small one is written
 * off, an old unanswered one goes to the agency or to bad debt, and any other is left
 * with the follow-up a representative would work next.
 */

const AGENCY = 'Lakeside Recovery Associates';

export function settleUnpaid(c: Course): void {
  const { b, anchor } = c;
  const remaining = b.patient;
  if (remaining <= 0) return;
  const age = daysBetween(anchor, b.today);
  if (writeOffSmallBalance(c, remaining, age)) return;
  const { statements, lastStatement } = c.state;
  // the statements mailed before count as a spreadsheet's "Statements sent" would
  if (lastStatement)
    b.statementHistory = {
      patientSince: anchor,
      statementsSent: statements,
      lastStatementDate: lastStatement,
    };
  if (placeOrWriteOff(c, remaining, age)) return;
  openNextFollowUp(c, remaining);
}

function writeOffSmallBalance(c: Course, remaining: number, age: number): boolean {
  const { b, anchor } = c;
  if (remaining > 1000 || age <= 125 || !b.rng.chance(0.6)) return false;
  b.post({
    kind: 'adjustment',
    side: 'patient',
    amount: -remaining,
    postingDate: addDays(anchor, 125),
    memo: 'Small balance write-off (under $10.00)',
  });
  return true;
}

/** Old balances nobody has paid on after the final notice: the agency or bad debt. */
function placeOrWriteOff(c: Course, remaining: number, age: number): boolean {
  const { b, anchor } = c;
  const { rng, s } = b;
  const { statements, paidAnything } = c.state;
  if (paidAnything || age <= 150 || statements < 4 || b.insurance !== 0) return false;
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
    return true;
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
    return true;
  }
  return false;
}

function openNextFollowUp(c: Course, remaining: number): void {
  const { b, anchor } = c;
  const { s } = b;
  const { statements, lastStatement, followUp } = c.state;
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
