import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { localTimeIn, stateTimeZone } from '../../shared/codes/us-time-zones';
import type { AccountId, PersonId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { fixedClock, type Ctx } from '../core/context';
import { all } from '../db/query';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';
import { contactRestrictions } from './restrictions';

let ctx: TestCtx;
let maria: PersonId;
let a1: AccountId;
let a2: AccountId;
let b1: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16, 15:00 UTC
  const payerId = addPayer(ctx);
  maria = addPerson(ctx, { first: 'Maria', last: 'Okafor' });
  addAddress(ctx, maria, '77 Lantern Way'); // Falmouth, ME: Eastern time
  a1 = addAccount(ctx, { patientId: maria, number: 'C-1' }).accountId;
  a2 = addAccount(ctx, { patientId: maria, number: 'C-2' }).accountId;
  const ben = addPerson(ctx, { first: 'Ben', last: 'Adeyemi' });
  addAddress(ctx, ben, '4 Harbor St');
  b1 = addAccount(ctx, { patientId: ben, number: 'C-3' }).accountId;
  for (const id of [a1, a2, b1]) addBilledClaim(ctx, id, payerId, [4_500], 'patient');
});
afterEach(() => ctx.close());

/** The same database at another moment. */
const at = (instant: string): Ctx => ({
  ...ctx,
  clock: fixedClock(isoDate(instant.slice(0, 10)), instant.slice(11)),
});
const outbound = (accountId: AccountId, extra: object = {}) => ({
  accountId,
  kind: 'call' as const,
  direction: 'outbound' as const,
  party: 'guarantor' as const,
  outcome: 'no_answer' as const,
  text: 'Called about the balance.',
  ...extra,
});
const callTimes = () =>
  all<{ accountId: number; zone: string | null; label: string | null; warnings: string }>(
    ctx.db,
    `SELECT account_id AS accountId, time_zone AS zone, local_label AS label, warnings
       FROM call_times ORDER BY activity_id`,
  );
const historyOf = (accountId: AccountId) =>
  call(ctx, 'getAccount', { accountId }).activities.map((h) => h.text);
const holdsOf = (accountId: AccountId) =>
  call(ctx, 'getAccountDunning', { accountId }).holds.map((h) => h.hold);

describe('time zones', () => {
  it('reads a state as its main zone and says which part keeps another', () => {
    expect(stateTimeZone('tx')).toEqual({
      zone: 'America/Chicago',
      otherPart: 'El Paso and Hudspeth counties keep Mountain time',
    });
    expect(stateTimeZone('ME')).toEqual({ zone: 'America/New_York', otherPart: null });
    expect(stateTimeZone('ZZ')).toBeNull();
  });

  it('gives the wall-clock time there, with daylight time where it is kept', () => {
    expect(localTimeIn('America/Chicago', '2026-03-16T15:00:00.000Z')).toEqual({
      date: '2026-03-16',
      minutes: 600,
      label: '10:00 AM CDT',
    });
    // Arizona keeps standard time in summer
    expect(localTimeIn('America/Phoenix', '2026-07-01T03:30:00.000Z').label).toBe('8:30 PM MST');
    expect(localTimeIn('America/New_York', '2026-01-10T01:05:00.000Z')).toEqual({
      date: '2026-01-09',
      minutes: 20 * 60 + 5,
      label: '8:05 PM EST',
    });
  });
});

describe('calling hours and attempts', () => {
  it('logs a call with the local time of the person called', () => {
    call(ctx, 'addActivity', outbound(a1));
    expect(callTimes()).toEqual([
      { accountId: a1, zone: 'America/New_York', label: '11:00 AM EDT (ME)', warnings: '[]' },
    ]);
    const logged = call(ctx, 'getAccount', { accountId: a1 }).activities[0];
    expect(logged?.callTime).toEqual({ localTime: '11:00 AM EDT (ME)', warnings: [] });
  });

  it('refuses a call outside calling hours until confirmed, then keeps the warning', () => {
    const late = at('2026-03-17T01:30:00.000Z'); // 9:30 PM in Maine
    expectRefused(late, 'addActivity', outbound(a1), /9:30 PM EDT.*outside calling hours/);
    const result = dispatch(late, 'addActivity', outbound(a1));
    expect(!result.ok && result.error.details).toEqual([
      {
        path: 'confirmContactWarnings',
        message:
          'It is 9:30 PM EDT for Maria Okafor (ME), outside calling hours 8:00 AM to 9:00 PM.',
      },
    ]);
    call(late, 'addActivity', outbound(a1, { confirmContactWarnings: true }));
    expect(callTimes()[0]?.warnings).toMatch(/9:30 PM EDT for Maria Okafor/);
    // an inbound call is the patient's choice of time; a payer has no calling hours here
    call(late, 'addActivity', outbound(a1, { direction: 'inbound' }));
    call(late, 'addActivity', outbound(a1, { party: 'payer', outcome: 'claim_in_process' }));
    expect(callTimes()).toHaveLength(2);
    expect(callTimes()[1]?.warnings).toBe('[]');
  });

  it('follows the office hours from the billing rules, and a split state says so', () => {
    makeSupervisor(ctx);
    call(ctx, 'saveBillingRules', { callingHoursStart: 9, callingHoursEnd: 20 });
    call(ctx, 'changeAddress', {
      accountId: a1,
      personId: maria,
      line1: '1 Main St',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
      effectiveDate: '2026-03-16',
    });
    const early = at('2026-03-16T13:30:00.000Z'); // 8:30 AM in Texas
    expectRefused(
      early,
      'addActivity',
      outbound(a1),
      /8:30 AM CDT for Maria Okafor \(TX\), outside calling hours 9:00 AM to 8:00 PM\. TX spans zones \(El Paso/,
    );
    call(at('2026-03-16T14:00:00.000Z'), 'addActivity', outbound(a1));
  });

  it('warns about no zone when the person called has no address', () => {
    const noAddress = addAccount(ctx, { number: 'C-9' }).accountId;
    expectRefused(
      ctx,
      'addActivity',
      outbound(noAddress),
      /no address on file.*cannot be checked/i,
    );
  });

  it('warns beyond the weekly attempts, counting seven days back', () => {
    makeSupervisor(ctx);
    call(ctx, 'saveBillingRules', { weeklyCallAttempts: 2 });
    call(at('2026-03-10T16:00:00.000Z'), 'addActivity', outbound(a1));
    call(ctx, 'addActivity', outbound(a1));
    call(ctx, 'addActivity', outbound(b1));
    expectRefused(ctx, 'addActivity', outbound(a1), /2 outbound calls .* the office allows 2/);
    expect(call(ctx, 'getContactRules', { accountId: a1 })).toMatchObject({
      callsInSevenDays: 2,
      weeklyLimit: 2,
    });
    // the call of the 10th at 16:00 is more than seven days before the 17th at 17:00
    call(at('2026-03-17T17:00:00.000Z'), 'addActivity', outbound(a1));
  });
});

describe('contact restrictions', () => {
  it('stops calls, letters and statements on every account of the guarantor until lifted', () => {
    expect(holdsOf(a1)).toEqual([]);
    call(ctx, 'setFollowUp', { accountId: a1, dueDate: '2026-03-16', reason: 'Call' });
    call(ctx, 'recordContactRestriction', {
      accountId: a1,
      kind: 'cease_contact',
      effectiveDate: '2026-03-12',
      note: 'Letter asking us to stop calling',
    });
    for (const id of [a1, a2]) {
      expect(contactRestrictions(ctx.db, id).map((r) => r.reason)).toEqual([
        'Request to stop contact on 03/12/2026',
      ]);
      expect(holdsOf(id)).toEqual(['contact_restricted']);
      expect(historyOf(id)[0]).toMatch(/^Contact restricted: Request to stop contact on 03\/12/);
    }
    expect(contactRestrictions(ctx.db, b1)).toEqual([]);
    expect(historyOf(a2)[0]).toMatch(/recorded on account C-1/);
    const row = call(ctx, 'listQueue', {}).rows.find((r) => r.accountId === a1);
    expect(row?.contactRestrictions).toEqual(['cease_contact']);

    expectRefused(
      ctx,
      'addActivity',
      outbound(a2, { confirmContactWarnings: true }),
      /No call to the guarantor may be logged: Request to stop contact on 03\/12\/2026/,
    );
    // the guarantor may still call in
    call(ctx, 'addActivity', outbound(a2, { direction: 'inbound' }));

    const id = call(ctx, 'getContactRules', { accountId: a2 }).restrictions[0]?.id ?? 0;
    expectRefused(
      ctx,
      'liftContactRestriction',
      { restrictionId: id, reason: 'Spoke again' },
      /supervisor/,
    );
    const supervisorId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supervisorId);
    const lifted = call({ ...ctx, userId: supervisorId }, 'liftContactRestriction', {
      restrictionId: id,
      reason: 'Guarantor asked in writing to be called again',
    });
    expect(lifted.restrictions[0]?.lifted).toMatchObject({
      by: 'Sam Supervisor',
      reason: 'Guarantor asked in writing to be called again',
    });
    expect(holdsOf(a1)).toEqual([]);
    expect(contactRestrictions(ctx.db, a2)).toEqual([]);
    expect(historyOf(a2)[0]).toMatch(/^Contact restriction lifted: .*Reason: Guarantor asked/);
    call(ctx, 'addActivity', outbound(a2));
    expectRefused(
      { ...ctx, userId: supervisorId },
      'liftContactRestriction',
      { restrictionId: id, reason: 'again' },
      /already lifted/,
    );
  });

  it('sends calls to the attorney, whose name is required', () => {
    expectRefused(
      ctx,
      'recordContactRestriction',
      { accountId: a1, kind: 'attorney', effectiveDate: '2026-03-10' },
      /attorney's name/,
    );
    call(ctx, 'recordContactRestriction', {
      accountId: a1,
      kind: 'attorney',
      effectiveDate: '2026-03-10',
      attorneyName: 'Dana Whitfield, Esq.',
      attorneyPhone: '207-555-0199',
    });
    expectRefused(
      ctx,
      'addActivity',
      outbound(a1, { party: 'patient' }),
      /attorney on 03\/10\/2026: Dana Whitfield, Esq\., 207-555-0199\. Call the attorney instead/,
    );
    call(ctx, 'addActivity', outbound(a1, { party: 'attorney', outcome: 'reached' }));
    expect(holdsOf(a2)).toEqual(['contact_restricted']);
  });

  it('holds a disputed account only, and warns before a call about it', () => {
    call(ctx, 'recordContactRestriction', {
      accountId: a1,
      kind: 'written_dispute',
      effectiveDate: '2026-03-15',
    });
    expect(holdsOf(a1)).toEqual(['contact_restricted']);
    expect(holdsOf(a2)).toEqual([]);
    expectRefused(ctx, 'addActivity', outbound(a1), /Dispute in writing on 03\/15\/2026/);
    call(ctx, 'addActivity', outbound(a1, { confirmContactWarnings: true }));
    call(ctx, 'addActivity', outbound(a2));
  });

  it('holds statements for a bankruptcy as a bankruptcy', () => {
    call(ctx, 'recordContactRestriction', {
      accountId: a2,
      kind: 'bankruptcy',
      effectiveDate: '2026-02-01',
      note: 'Chapter 7, case 26-10001',
    });
    expect(holdsOf(a1)).toEqual(['bankruptcy']);
    expect(call(ctx, 'getAccountDunning', { accountId: a1 }).holds[0]?.reason).toMatch(
      /bankruptcy filed on 02\/01\/2026/,
    );
    expectRefused(ctx, 'addActivity', outbound(a1), /Bankruptcy filed on 02\/01\/2026/);
  });

  it('refuses a future date and the same restriction twice, writing nothing', () => {
    expectRefused(
      ctx,
      'recordContactRestriction',
      { accountId: a1, kind: 'cease_contact', effectiveDate: '2026-03-17' },
      /in the future/,
    );
    call(ctx, 'recordContactRestriction', {
      accountId: a1,
      kind: 'cease_contact',
      effectiveDate: '2026-03-16',
    });
    expectRefused(
      ctx,
      'recordContactRestriction',
      { accountId: a2, kind: 'cease_contact', effectiveDate: '2026-03-16' },
      /already recorded/,
    );
  });
});
