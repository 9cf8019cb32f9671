import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { fixedClock } from '../core/context';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { createTestCtx, staleQueueColumns, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

/** The same database seen on another day. */
const on = (today: IsoDate) => ({ ...ctx, clock: fixedClock(today) });

function owing(amount: number): number {
  const { accountId } = addAccount(ctx);
  addBilledClaim(ctx, accountId, addPayer(ctx), [amount], 'patient');
  return accountId;
}

const FIRST_DUE = '2026-04-01' as IsoDate;

describe('payment plans', () => {
  it('previews a schedule in whole cents that sums exactly to the balance', () => {
    const accountId = owing(100_000);
    const preview = call(ctx, 'previewPlan', {
      accountId,
      downPayment: 10_000,
      length: { mode: 'months', months: 7 },
      firstDueDate: FIRST_DUE,
    });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.installments.reduce((s, i) => s + i.amount, 0)).toBe(100_000);
    expect(preview.installments[0]).toEqual({ number: 0, dueDate: TEST_TODAY, amount: 10_000 });
    expect(preview.installments.slice(1).map((i) => i.amount)).toEqual([
      12_858, 12_857, 12_857, 12_857, 12_857, 12_857, 12_857,
    ]);
    expect(preview).toMatchObject({ months: 7, lastDueDate: '2026-10-01' });
    // previewing writes nothing
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM payment_plans`).get()).toEqual({ n: 0 });
  });

  it('says why terms cannot work, and refuses to save them', () => {
    const accountId = owing(100_000);
    const terms = { accountId, downPayment: 0, firstDueDate: FIRST_DUE };
    const tooLong = call(ctx, 'previewPlan', {
      ...terms,
      length: { mode: 'amount', monthlyAmount: 2_500 },
    });
    expect(tooLong).toMatchObject({ ok: false, field: 'monthlyAmount' });
    expect(tooLong.ok ? '' : tooLong.message).toMatch(/40 months; the longest plan allowed is 36/);
    const tooSmall = call(ctx, 'previewPlan', {
      ...terms,
      length: { mode: 'amount', monthlyAmount: 2_000 },
    });
    expect(tooSmall.ok ? '' : tooSmall.message).toMatch(/below the minimum of \$25\.00/);
    expectRefused(
      ctx,
      'createPlan',
      { ...terms, length: { mode: 'months', months: 48 }, includeNewCharges: false },
      /48-month plan is longer than the longest/,
    );
    expectRefused(
      ctx,
      'createPlan',
      { ...terms, length: { mode: 'months', months: 0 }, includeNewCharges: false },
      /at least 1 month/,
    );
    expectRefused(
      ctx,
      'previewPlan',
      { ...terms, accountId: addAccount(ctx).accountId, length: { mode: 'months', months: 2 } },
      /no patient balance/,
    );
  });

  it('applies payments to installments in order, goes delinquent after the grace days and shows in the queue', () => {
    const accountId = owing(30_000);
    const plan = call(ctx, 'createPlan', {
      accountId,
      downPayment: 0,
      length: { mode: 'amount', monthlyAmount: 10_000 },
      firstDueDate: FIRST_DUE,
      includeNewCharges: false,
    });
    expectRefused(
      ctx,
      'createPlan',
      {
        accountId,
        downPayment: 0,
        length: { mode: 'months', months: 3 },
        firstDueDate: FIRST_DUE,
        includeNewCharges: false,
      },
      /already has an active payment plan/,
    );
    const april = on('2026-04-05' as IsoDate);
    call(april, 'postPatientPayment', {
      accountId,
      amount: 10_000,
      method: 'cash',
      receivedDate: '2026-04-05',
    });

    // May's installment is unpaid; within the 10 grace days nothing happens
    const inGrace = on('2026-05-11' as IsoDate);
    expect(call(inGrace, 'listQueue', { kind: 'plan' }).total).toBe(0);
    const late = on('2026-05-12' as IsoDate);
    const queue = call(late, 'listQueue', { kind: 'plan' });
    expect(queue.total).toBe(1);
    expect(queue.rows[0]).toMatchObject({ accountId, kind: 'plan' });
    expect(staleQueueColumns(late, accountId)).toBe(0);
    expect(queue.rows[0]?.reason).toMatch(/#2 of \$100\.00 due 05\/01\/2026 is 11 days late/);
    const view = call(late, 'getAccount', { accountId }).plans[0];
    expect(view).toMatchObject({
      id: plan.id,
      status: 'active',
      delinquent: true,
      paid: 10_000,
      pastDue: 10_000,
    });
    expect(view?.installments.map((i) => i.status)).toEqual(['paid', 'late', 'upcoming']);

    // catching up clears the delinquency and the follow-up; paying the rest pays it off
    call(late, 'postPatientPayment', {
      accountId,
      amount: 10_000,
      method: 'cash',
      receivedDate: '2026-05-12',
    });
    expect(call(late, 'listQueue', { kind: 'plan' }).total).toBe(0);
    expect(call(late, 'getAccount', { accountId }).plans[0]?.delinquent).toBe(false);
    call(late, 'postPatientPayment', {
      accountId,
      amount: 10_000,
      method: 'cash',
      receivedDate: '2026-05-12',
    });
    expect(call(late, 'getAccount', { accountId }).plans[0]?.status).toBe('paid_off');
  });

  it('adds new patient charges to the plan only when it was set up to take them', () => {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId });
    addBilledClaim(ctx, accountId, payerId, [20_000], 'patient');
    const insured = addBilledClaim(ctx, accountId, payerId, [10_000]);
    call(ctx, 'createPlan', {
      accountId,
      downPayment: 0,
      length: { mode: 'amount', monthlyAmount: 5_000 },
      firstDueDate: FIRST_DUE,
      includeNewCharges: true,
    });
    call(ctx, 'postInsurancePayment', {
      accountId,
      claimId: insured.claimId,
      method: 'eft',
      checkNumber: 'TRN1',
      eobDate: TEST_TODAY,
      patientShareTo: 'patient',
      lines: [{ claimLineId: insured.lineIds[0] ?? 0, paid: 4_000, deductible: 6_000 }],
    });
    const plan = call(ctx, 'getAccount', { accountId }).plans[0];
    expect(plan?.total).toBe(26_000);
    expect(plan?.installments.map((i) => i.amount)).toEqual([
      5_000, 5_000, 5_000, 5_000, 5_000, 1_000,
    ]);
  });

  it('a plan can be marked broken with a reason, which closes its follow-up', () => {
    const accountId = owing(30_000);
    const plan = call(ctx, 'createPlan', {
      accountId,
      downPayment: 0,
      length: { mode: 'months', months: 3 },
      firstDueDate: FIRST_DUE,
      includeNewCharges: false,
    });
    const late = on('2026-06-01' as IsoDate);
    expect(call(late, 'listQueue', { kind: 'plan' }).total).toBe(1);
    call(late, 'endPlan', {
      planId: plan.id,
      status: 'broken',
      reason: 'No payments after two calls',
    });
    expect(call(late, 'listQueue', { kind: 'plan' }).total).toBe(0);
    expectRefused(
      late,
      'endPlan',
      { planId: plan.id, status: 'cancelled', reason: 'x' },
      /already broken/,
    );
  });
});

describe('promises to pay', () => {
  it('a promise kept closes itself; a broken one puts a follow-up in the queue', () => {
    const kept = owing(20_000);
    const broken = owing(20_000);
    const dueDate = addDays(TEST_TODAY, 7);
    call(ctx, 'recordPromise', { accountId: kept, kind: 'promise', amount: 5_000, dueDate });
    call(ctx, 'recordPromise', {
      accountId: broken,
      kind: 'extension',
      dueDate,
      note: 'Payday on the 20th',
    });
    call(ctx, 'postPatientPayment', {
      accountId: kept,
      amount: 5_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    expect(call(ctx, 'getAccount', { accountId: kept }).promises[0]?.status).toBe('kept');

    const after = on(addDays(dueDate, 1));
    const queue = call(after, 'listQueue', { kind: 'promise' });
    expect(queue.rows.map((r) => r.accountId)).toEqual([broken]);
    expect(queue.rows[0]?.reason).toMatch(
      /Credit extension: \$200\.00 by .* broken; \$0\.00 received/,
    );
    expect(call(after, 'getAccount', { accountId: broken }).promises[0]?.status).toBe('broken');
  });

  it('a call logged as a promise to pay records the promise, so breaking it queues the account', () => {
    const accountId = owing(20_000);
    const dueDate = addDays(TEST_TODAY, 7);
    const promiseCall = {
      accountId,
      kind: 'call',
      direction: 'outbound',
      party: 'guarantor',
      outcome: 'promise_to_pay',
      text: 'Will pay on Friday',
      confirmContactWarnings: true,
    } as const;
    expectRefused(ctx, 'addActivity', promiseCall, /needs its amount/);
    expectRefused(ctx, 'addActivity', { ...promiseCall, promiseAmount: 5_000 }, /needs the date/);
    // refused by the promise rules: neither the call nor the promise is kept
    expectRefused(
      ctx,
      'addActivity',
      { ...promiseCall, promiseAmount: 50_000, promiseDate: dueDate },
      /more than the patient balance/,
    );
    expect(call(ctx, 'getAccount', { accountId }).promises).toEqual([]);
    call(ctx, 'addActivity', { ...promiseCall, promiseAmount: 5_000, promiseDate: dueDate });
    const [promise] = call(ctx, 'getAccount', { accountId }).promises;
    expect(promise).toMatchObject({ kind: 'promise', amount: 5_000, dueDate, status: 'open' });

    const after = on(addDays(dueDate, 1));
    const queue = call(after, 'listQueue', { kind: 'promise' });
    expect(queue.rows.map((r) => r.accountId)).toEqual([accountId]);
  });

  it('refuses a promise in the past, too far out, or above the balance', () => {
    const accountId = owing(1_000);
    const ok = { accountId, kind: 'promise', amount: 500, dueDate: addDays(TEST_TODAY, 5) };
    expectRefused(
      ctx,
      'recordPromise',
      { ...ok, dueDate: addDays(TEST_TODAY, -1) },
      /already passed/,
    );
    expectRefused(
      ctx,
      'recordPromise',
      { ...ok, dueDate: addDays(TEST_TODAY, 120) },
      /payment plan instead/,
    );
    expectRefused(ctx, 'recordPromise', { ...ok, amount: 5_000 }, /more than the patient balance/);
    expectRefused(ctx, 'recordPromise', { ...ok, amount: null }, /needs its amount/);
  });
});

describe('repayment advice', () => {
  it('compares income with the poverty guideline and suggests a plan', () => {
    const accountId = owing(120_000);
    const advice = call(ctx, 'getRepaymentAdvice', {
      accountId,
      annualIncome: 3_000_000,
      householdSize: 3,
      region: 'contiguous',
    });
    expect(advice.guidelineYear).toBe(2025);
    expect(advice.percentOfPoverty).toBe(112);
    expect(advice.suggestAssistanceScreening).toBe(true);
    expect(advice.affordableMonthly).toBe(12_500);
    expect(advice.suggestedMonths).toBe(10);
    expectRefused(
      ctx,
      'getRepaymentAdvice',
      { accountId, annualIncome: 1, householdSize: 0, region: 'contiguous' },
      /at least 1 person/,
    );
  });
});
