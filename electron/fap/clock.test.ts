import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { ecaRefusal } from '../collections/eca';
import { fixedClock, type Ctx } from '../core/context';
import { all, one, run } from '../db/query';
import { pdfText } from '../documents/test-pdf';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { addAgency } from '../testing/agencies';
import { createTestCtx, type TestCtx } from '../testing/test-db';

/*
 * The 501(r) clock driven day by day: the first statement goes out 01/10/2026, so the
 * 120-day notification period runs to 05/10/2026 and the 240-day application period to
 * 09/07/2026.
 */
const DISCHARGE = isoDate('2026-01-05');
const FIRST_STATEMENT = isoDate('2026-01-10');

let ctx: TestCtx;
let accountId: AccountId;
beforeEach(() => {
  ctx = createTestCtx(DISCHARGE);
  run(
    ctx.db,
    `INSERT INTO facility (id, name, line1, city, state, zip, phone, remit_to, payment_url,
       assistance_phone, assistance_url)
     VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
       '(207) 555-0100', 'Harbor Point Hospital, PO Box 9050, Portland, ME 04104',
       'pay.harborpoint.example', '(207) 555-0188', 'www.harborpoint.example/assistance')`,
  );
  const payerId = addPayer(ctx, { name: 'Self pay' });
  const personId = addPerson(ctx, { first: 'Ruth', last: 'Calloway' });
  addAddress(ctx, personId);
  accountId = addAccount(ctx, { patientId: personId, payerId, number: 'R501' }).accountId;
  addBilledClaim(ctx, accountId, payerId, [50_000], 'patient');
});
afterEach(() => ctx.close());

const on = (date: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(date)) });
const asSupervisor = (date: string): Ctx => {
  run(ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, ctx.userId);
  return on(date);
};
const refusal = (date: IsoDate) => ecaRefusal(ctx.db, accountId, 'credit_report', date);

async function pdfOf(documentId: number): Promise<string> {
  const file = await callAsync(ctx, 'getDocumentFile', { documentId });
  return pdfText(Buffer.from(file.pdfBase64, 'base64')).replace(/\s+/g, ' ');
}

/** Walks the days from `from` up to `until`, each refused with `allowedFrom`; then allowed. */
function refusedEachDayUntil(from: IsoDate, until: IsoDate, pattern: RegExp): number {
  let days = 0;
  for (let day = from; day < until; day = addDays(day, 1)) {
    const r = refusal(day);
    expect(r, day).not.toBeNull();
    expect(r?.allowedFrom, day).toBe(until);
    expect(r?.message, day).toMatch(pattern);
    days += 1;
  }
  expect(refusal(until)).toBeNull();
  return days;
}

describe('the 501(r) clock, day by day', () => {
  it('refuses every ECA before a statement, before a notice, and until both dates pass', async () => {
    expect(refusal(DISCHARGE)).toEqual({
      message: expect.stringMatching(/no billing statement has gone out since .*01\/05\/2026/),
      allowedFrom: null,
    });
    await expectRefusedAsync(
      on('2026-01-06'),
      'sendEcaNotice',
      { accountId },
      /no billing statement/,
    );

    await callAsync(on(FIRST_STATEMENT), 'generateStatement', { accountId });
    const timeline = call(on('2026-01-11'), 'getAssistanceTimeline', { accountId });
    expect(timeline).toMatchObject({
      bound: true,
      episodeEnd: DISCHARGE,
      firstStatementDate: FIRST_STATEMENT,
      notificationEnds: '2026-05-10',
      applicationEnds: '2026-09-07',
      notices: [],
      eca: { allowed: false, allowedFrom: null },
    });
    // no notice yet: nothing opens by itself, and the refusal says what a notice today allows
    expect(refusal(isoDate('2026-06-01'))?.message).toMatch(
      /notice .* has not been sent\. Sent today, it would allow them from 07\/01\/2026/,
    );

    const sent = await callAsync(on('2026-02-01'), 'sendEcaNotice', { accountId });
    expect(sent.notices).toEqual([
      { documentId: expect.any(Number) as number, sentOn: '2026-02-01', deadline: '2026-05-10' },
    ]);
    const text = await pdfOf(sent.notices[0]?.documentId ?? 0);
    expect(text).toContain('Notice of actions we may take to collect your balance');
    expect(text).toContain('Actions we may take after 05/10/2026');
    expect(text).toContain('report the unpaid balance to consumer credit reporting agencies');
    expect(text).toContain('plain-language summary');
    expect(text).toContain('call (207) 555-0188');
    expect(text).toContain('$500.00');

    // sent early, the notice waits for the 120 days: every day before 05/10 is refused
    const days = refusedEachDayUntil(
      isoDate('2026-02-01'),
      isoDate('2026-05-10'),
      /No credit reporting before 05\/10\/2026: the 120-day notification period after the first statement \(01\/10\/2026\)/,
    );
    expect(days).toBe(98);
    expect(call(on('2026-05-10'), 'getAssistanceTimeline', { accountId }).eca).toEqual({
      allowed: true,
      allowedFrom: null,
      reason: null,
    });
  });

  it('a notice sent late gives the patient 30 days from it', async () => {
    await callAsync(on(FIRST_STATEMENT), 'generateStatement', { accountId });
    const sent = await callAsync(on('2026-05-01'), 'sendEcaNotice', { accountId });
    expect(sent.notices[0]?.deadline).toBe('2026-05-31');
    refusedEachDayUntil(
      isoDate('2026-05-01'),
      isoDate('2026-05-31'),
      /before 05\/31\/2026: the written notice of 05\/01\/2026 gives the patient until then/,
    );
    // the supervisor's record of an ECA asks the same gate
    expectRefused(
      asSupervisor('2026-05-30'),
      'recordExtraordinaryAction',
      { accountId, action: 'legal_action', note: 'Filed in small claims' },
      /No legal action before 05\/31\/2026/,
    );
    const taken = call(asSupervisor('2026-05-31'), 'recordExtraordinaryAction', {
      accountId,
      action: 'legal_action',
      note: 'Filed in small claims',
    });
    expect(taken.actions).toMatchObject([{ action: 'legal_action', takenOn: '2026-05-31' }]);
  });

  it('an application suspends ECAs; an incomplete one gets a notice of what is missing', async () => {
    await callAsync(on(FIRST_STATEMENT), 'generateStatement', { accountId });
    await callAsync(on('2026-02-01'), 'sendEcaNotice', { accountId });
    expect(refusal(isoDate('2026-06-01'))).toBeNull();

    const received = call(on('2026-06-01'), 'receiveAssistanceApplication', {
      accountId,
      receivedOn: '2026-05-29',
    });
    const app = received.applications[0];
    expect(app).toMatchObject({ status: 'pending', withinApplicationPeriod: true });
    // suspended with no date: it opens when the application is decided, not on a day
    for (const day of ['2026-06-01', '2026-07-15', '2026-12-31'] as const) {
      expect(refusal(isoDate(day))).toEqual({
        message: expect.stringMatching(/application received 05\/29\/2026 is being reviewed/),
        allowedFrom: null,
      });
    }
    expect(
      one(
        ctx.db,
        `SELECT count(*) AS n FROM collection_holds WHERE kind = 'assistance' AND closed_at IS NULL`,
      ),
    ).toEqual({ n: 1 });
    await expectRefusedAsync(on('2026-06-02'), 'sendEcaNotice', { accountId }, /not decided/);
    expectRefused(
      on('2026-06-02'),
      'receiveAssistanceApplication',
      { accountId, receivedOn: '2026-06-02' },
      /already has an application waiting/,
    );

    const incomplete = await callAsync(on('2026-06-03'), 'markApplicationIncomplete', {
      applicationId: app?.id ?? 0,
      missing: ['two recent pay stubs', 'page 2 of the application, signed'],
    });
    expect(incomplete.applications[0]).toMatchObject({
      status: 'incomplete',
      missing: ['two recent pay stubs', 'page 2 of the application, signed'],
      completeBy: '2026-07-03',
    });
    for (let day = isoDate('2026-06-03'); day <= '2026-07-03'; day = addDays(day, 1)) {
      expect(refusal(day)?.message, day).toMatch(
        /incomplete, waiting for the applicant, .* suspended until it is decided, or past 07\/03\/2026/,
      );
    }
    // the time given to complete it passed with nothing more sent: ECAs may resume
    expect(refusal(isoDate('2026-07-04'))).toBeNull();
    const letter = one<{ id: number }>(
      ctx.db,
      `SELECT id FROM documents WHERE template_id = 'assistance-incomplete' AND account_id = ?`,
      accountId,
    );
    const text = await pdfOf(letter?.id ?? 0);
    expect(text).toContain(
      'it is missing the following: two recent pay stubs; page 2 of the application, signed.',
    );
    expect(text).toContain('Please send what is missing by 07/03/2026');

    expectRefused(
      on('2026-06-20'),
      'decideAssistanceApplication',
      { applicationId: app?.id, decision: 'ineligible', note: 'Income above the policy' },
      /Only a supervisor/,
    );
    const decided = call(asSupervisor('2026-06-20'), 'decideAssistanceApplication', {
      applicationId: app?.id ?? 0,
      decision: 'ineligible',
      note: 'Income above 400% of the guidelines',
    });
    expect(decided.applications[0]).toMatchObject({
      status: 'ineligible',
      decidedOn: '2026-06-20',
    });
    expect(decided.eca.allowed).toBe(true);
    expect(
      one(
        ctx.db,
        `SELECT count(*) AS n FROM collection_holds WHERE kind = 'assistance' AND closed_at IS NULL`,
      ),
    ).toEqual({ n: 0 });
  });

  it('an eligible application reverses ECAs taken and refunds what was paid above the discounted amount', async () => {
    await callAsync(on(FIRST_STATEMENT), 'generateStatement', { accountId });
    call(on('2026-01-20'), 'postPatientPayment', {
      accountId,
      amount: 20_000,
      method: 'check',
      checkNumber: '1001',
      receivedDate: '2026-01-20',
    });
    await callAsync(on('2026-02-01'), 'sendEcaNotice', { accountId });
    call(asSupervisor('2026-05-12'), 'recordExtraordinaryAction', {
      accountId,
      action: 'credit_report',
      note: 'Reported to the three bureaus',
    });
    const app = call(on('2026-06-01'), 'receiveAssistanceApplication', {
      accountId,
      receivedOn: '2026-06-01',
    }).applications[0];
    const decide = {
      applicationId: app?.id ?? 0,
      decision: 'eligible' as const,
      discountedAmount: 5_000,
      note: 'Household income at 210% of the guidelines: 90% discount',
    };
    // paid $200.00 against a discounted $50.00: the refund needs saying how it is paid
    expectRefused(
      asSupervisor('2026-06-10'),
      'decideAssistanceApplication',
      decide,
      /say how the refund is paid/,
    );
    const decided = call(asSupervisor('2026-06-10'), 'decideAssistanceApplication', {
      ...decide,
      refundMethod: 'check',
      refundReference: 'Check 5520',
    });
    expect(decided.applications[0]).toMatchObject({ status: 'eligible', discountedAmount: 5_000 });
    expect(decided.actions).toMatchObject([{ action: 'credit_report', reversedOn: '2026-06-10' }]);
    const rows = all<{ kind: string; amount: number; reason: string | null }>(
      ctx.db,
      `SELECT kind, amount, reason_code AS reason FROM ledger_entries WHERE account_id = ? ORDER BY id`,
      accountId,
    );
    expect(rows).toEqual([
      { kind: 'charge', amount: 50_000, reason: null },
      { kind: 'payment', amount: -20_000, reason: null },
      // $500.00 owed, $50.00 after the discount: $450.00 comes off as financial assistance
      { kind: 'adjustment', amount: -45_000, reason: 'CHARITY' },
      // the $150.00 paid above the discounted amount goes back by the refund path
      { kind: 'refund', amount: 15_000, reason: null },
    ]);
    expect(
      one(ctx.db, `SELECT kind, method, reference, amount FROM receipts WHERE kind = 'refund'`),
    ).toEqual({
      kind: 'refund',
      method: 'check',
      reference: 'Check 5520',
      amount: 15_000,
    });
    expect(call(ctx, 'getAccount', { accountId }).balance.patient).toBe(0);
    const history = all<{ body: string }>(
      ctx.db,
      `SELECT body FROM activities WHERE account_id = ? ORDER BY id`,
      accountId,
    ).map((a) => a.body);
    expect(
      history.some((b) => /Reversed: report to credit bureaus.*remove the entry/.test(b)),
    ).toBe(true);
    // a patient still owing the discounted amount is told again before any new ECA
    expect(refusal(isoDate('2026-08-01'))?.message).toMatch(/since the patient was found eligible/);
  });

  it('a facility the billing rules say is not bound by 501(r) is never held by it', async () => {
    run(ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, ctx.userId);
    call(ctx, 'saveBillingRules', { bound501r: 0 });
    expect(refusal(DISCHARGE)).toBeNull();
    expect(call(ctx, 'getAssistanceTimeline', { accountId }).bound).toBe(false);
    await expectRefusedAsync(
      on('2026-02-01'),
      'sendEcaNotice',
      { accountId },
      /not bound by section 501\(r\)/,
    );
  });

  it('a placement with an agency is the referral the timeline shows; an eligible decision recalls it', async () => {
    await callAsync(on(FIRST_STATEMENT), 'generateStatement', { accountId });
    await callAsync(on('2026-02-01'), 'sendEcaNotice', { accountId });
    expectRefused(
      asSupervisor('2026-05-12'),
      'recordExtraordinaryAction',
      { accountId, action: 'agency_referral', note: 'Sent to the agency' },
      /recorded by placing the account with the agency/,
    );
    const agencyId = addAgency(asSupervisor('2026-05-12'));
    // the day before the gate opens the preview holds the account back, saying from when
    const early = call(asSupervisor('2026-05-09'), 'previewPlacement', {
      agencyId,
      minStage: 'statement',
    });
    expect(early.eligible).toEqual([]);
    expect(early.excluded[0]?.reason).toMatch(/Allowed from 05\/10\/2026\.$/);
    expectRefused(
      asSupervisor('2026-05-09'),
      'placeAccounts',
      { agencyId, accountIds: [accountId] },
      /nothing was placed/,
    );
    call(asSupervisor('2026-05-12'), 'placeAccounts', { agencyId, accountIds: [accountId] });
    const placed = call(ctx, 'getAssistanceTimeline', { accountId });
    expect(placed.actions).toMatchObject([{ action: 'agency_referral', takenOn: '2026-05-12' }]);

    const app = call(on('2026-06-01'), 'receiveAssistanceApplication', {
      accountId,
      receivedOn: '2026-06-01',
    }).applications[0];
    const decided = call(asSupervisor('2026-06-10'), 'decideAssistanceApplication', {
      applicationId: app?.id ?? 0,
      decision: 'eligible',
      discountedAmount: 5_000,
      note: 'Household income at 210% of the guidelines: 90% discount',
    });
    expect(decided.actions).toMatchObject([
      { action: 'agency_referral', reversedOn: '2026-06-10' },
    ]);
    expect(one(ctx.db, `SELECT status FROM accounts WHERE id = ?`, accountId)).toEqual({
      status: 'open',
    });
    expect(
      one(
        ctx.db,
        `SELECT recalled_on AS recalledOn FROM agency_placements WHERE account_id = ?`,
        accountId,
      ),
    ).toEqual({ recalledOn: '2026-06-10' });
    const history = all<{ body: string }>(
      ctx.db,
      `SELECT body FROM activities WHERE account_id = ? ORDER BY id`,
      accountId,
    ).map((a) => a.body);
    expect(history.some((b) => /Reversed: .*recalled from the agency/.test(b))).toBe(true);
  });
});
