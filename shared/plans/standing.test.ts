import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents, sumCents } from '../money/cents';
import {
  addDays,
  daysBetween,
  fromEpochDay,
  isoDate,
  toEpochDay,
  type IsoDate,
} from '../dates/iso-date';
import { monthlyDueDate, type Installment } from './schedule';
import { planStanding, type PlanStanding } from './standing';

const dateArb: fc.Arbitrary<IsoDate> = fc
  .integer({ min: toEpochDay(isoDate('2020-01-01')), max: toEpochDay(isoDate('2030-12-31')) })
  .map((day) => fromEpochDay(day));

/** A plan as buildSchedule or addToSchedule would produce it, down payment optional. */
const planArb: fc.Arbitrary<Installment[]> = fc
  .record({
    firstDueDate: dateArb,
    down: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    amounts: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 60 }),
  })
  .map(({ firstDueDate, down, amounts }) => [
    ...(down === undefined
      ? []
      : [{ number: 0, dueDate: addDays(firstDueDate, -20), amount: cents(down) }]),
    ...amounts.map((a, i) => ({
      number: i + 1,
      dueDate: monthlyDueDate(firstDueDate, i + 1),
      amount: cents(a),
    })),
  ]);

/** Plan, a payment total from nothing to more than the plan, a day in or around it. */
const caseArb = planArb.chain((plan) => {
  const total = plan.reduce((s, i) => s + i.amount, 0);
  return fc.record({
    plan: fc.constant(plan),
    paid: fc.integer({ min: 0, max: total + 50_000 }),
    more: fc.integer({ min: 0, max: total + 50_000 }),
    today: fc
      .integer({ min: -40, max: daysBetween(plan[0]!.dueDate, plan.at(-1)!.dueDate) + 60 })
      .map((d) => addDays(plan[0]!.dueDate, d)),
    grace: fc.integer({ min: 0, max: 30 }),
  });
});

const STATE_RANK: Record<PlanStanding['state'], number> = {
  paid_off: 0,
  current: 1,
  delinquent: 2,
};

describe('planStanding properties', () => {
  it('accounts for every cent paid and owed', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, today, grace }) => {
        const s = planStanding(plan, cents(paid), today, grace);
        const total = sumCents(plan.map((i) => i.amount));
        expect(s.installments).toHaveLength(plan.length);
        for (const p of s.installments) {
          expect(p.paid + p.remaining).toBe(p.amount);
          expect(p.paid).toBeGreaterThanOrEqual(0);
          expect(p.remaining).toBeGreaterThanOrEqual(0);
        }
        const applied = sumCents(s.installments.map((p) => p.paid));
        expect(applied + s.credit).toBe(paid);
        expect(s.totalPaid).toBe(paid);
        expect(s.remaining).toBe(total - applied);
        expect(s.credit).toBe(Math.max(0, paid - total));
        const notYetDue = s.installments
          .filter((p) => daysBetween(p.dueDate, today) <= 0)
          .reduce((sum, p) => sum + p.remaining, 0);
        expect(s.pastDue + notYetDue).toBe(s.remaining);
        expect(s.state === 'paid_off').toBe(paid >= total);
      }),
    );
  });

  it('applies money oldest first: paid installments come before any unpaid one', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, today, grace }) => {
        const s = planStanding(plan, cents(paid), today, grace);
        const firstOpen = s.installments.findIndex((p) => p.remaining > 0);
        if (firstOpen === -1) return;
        s.installments.slice(0, firstOpen).forEach((p) => expect(p.remaining).toBe(0));
        s.installments.slice(firstOpen + 1).forEach((p) => expect(p.paid).toBe(0));
        for (let i = 1; i < s.installments.length; i++) {
          expect(
            daysBetween(s.installments[i - 1]!.dueDate, s.installments[i]!.dueDate),
          ).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('labels each installment by the stated rules', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, today, grace }) => {
        const s = planStanding(plan, cents(paid), today, grace);
        for (const p of s.installments) {
          const past = daysBetween(p.dueDate, today);
          if (p.remaining === 0) expect(p.status).toBe('paid');
          else if (past > grace) expect(p.status).toBe('late');
          else if (past >= 0) expect(p.status).toBe('due');
          else expect(p.status).toBe(p.paid > 0 ? 'partial' : 'upcoming');
        }
        const late = s.installments.filter((p) => p.status === 'late');
        expect(s.firstLateDueDate).toBe(late[0]?.dueDate ?? null);
        if (s.state !== 'paid_off') {
          expect(s.state).toBe(late.length > 0 ? 'delinquent' : 'current');
        }
        const next = s.installments.find(
          (p) => p.remaining > 0 && daysBetween(p.dueDate, today) <= 0,
        );
        expect(s.nextDue).toEqual(next ? { dueDate: next.dueDate, amount: next.remaining } : null);
      }),
    );
  });

  it('never looks worse after more is paid', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, more, today, grace }) => {
        const a = planStanding(plan, cents(paid), today, grace);
        const b = planStanding(plan, cents(paid + more), today, grace);
        expect(STATE_RANK[b.state]).toBeLessThanOrEqual(STATE_RANK[a.state]);
        expect(b.remaining).toBeLessThanOrEqual(a.remaining);
        expect(b.pastDue).toBeLessThanOrEqual(a.pastDue);
        const lateCount = (s: PlanStanding) =>
          s.installments.filter((p) => p.status === 'late').length;
        expect(lateCount(b)).toBeLessThanOrEqual(lateCount(a));
        a.installments.forEach((p, i) =>
          expect(b.installments[i]!.paid).toBeGreaterThanOrEqual(p.paid),
        );
        if (b.firstLateDueDate !== null) {
          expect(a.firstLateDueDate).not.toBeNull();
          expect(daysBetween(a.firstLateDueDate!, b.firstLateDueDate)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

const plan: Installment[] = [
  { number: 0, dueDate: isoDate('2026-02-15'), amount: cents(5_000) },
  { number: 1, dueDate: isoDate('2026-03-01'), amount: cents(10_000) },
  { number: 2, dueDate: isoDate('2026-04-01'), amount: cents(10_000) },
  { number: 3, dueDate: isoDate('2026-05-01'), amount: cents(4_000) },
];

describe('planStanding examples', () => {
  it('is late exactly on due date + grace + 1, not a day sooner', () => {
    const on = (day: string) => planStanding(plan, cents(5_000), isoDate(day), 10);
    expect(on('2026-02-28').installments[1]!.status).toBe('upcoming');
    expect(on('2026-03-01').installments[1]!.status).toBe('due');
    expect(on('2026-03-11').installments[1]!.status).toBe('due');
    expect(on('2026-03-11').state).toBe('current');
    expect(on('2026-03-12').installments[1]!.status).toBe('late');
    expect(on('2026-03-12').state).toBe('delinquent');
    expect(on('2026-03-12').firstLateDueDate).toBe('2026-03-01');
  });

  it('with no grace, is late the day after the due date', () => {
    expect(planStanding(plan, cents(5_000), isoDate('2026-03-01'), 0).state).toBe('current');
    expect(planStanding(plan, cents(5_000), isoDate('2026-03-02'), 0).state).toBe('delinquent');
  });

  it('carries an overpayment forward to the next installments', () => {
    const s = planStanding(plan, cents(18_000), isoDate('2026-03-05'), 10);
    expect(s.installments.map((p) => [p.paid, p.remaining, p.status])).toEqual([
      [5_000, 0, 'paid'],
      [10_000, 0, 'paid'],
      [3_000, 7_000, 'partial'],
      [0, 4_000, 'upcoming'],
    ]);
    expect(s).toMatchObject({
      totalPaid: 18_000,
      remaining: 11_000,
      pastDue: 0,
      nextDue: { dueDate: '2026-04-01', amount: 7_000 },
      firstLateDueDate: null,
      state: 'current',
      credit: 0,
    });
  });

  it('counts a partly paid installment in grace as due and past due', () => {
    const s = planStanding(plan, cents(9_000), isoDate('2026-03-05'), 10);
    expect(s.installments[1]).toMatchObject({ paid: 4_000, remaining: 6_000, status: 'due' });
    expect(s.pastDue).toBe(6_000);
    expect(s.nextDue).toEqual({ dueDate: '2026-04-01', amount: 10_000 });
    expect(s.state).toBe('current');
  });

  it('is paid off when the total covers the plan, with any extra as a credit', () => {
    const s = planStanding(plan, cents(30_000), isoDate('2027-01-01'), 10);
    expect(s).toMatchObject({ state: 'paid_off', remaining: 0, pastDue: 0, credit: 1_000 });
    expect(s.nextDue).toBeNull();
    expect(s.installments.every((p) => p.status === 'paid')).toBe(true);
  });

  it('orders installments by due date whatever order they arrive in', () => {
    const s = planStanding([...plan].reverse(), cents(5_000), isoDate('2026-03-01'), 10);
    expect(s.installments.map((p) => p.number)).toEqual([0, 1, 2, 3]);
    expect(s.installments[0]!.status).toBe('paid');
  });

  it('refuses impossible inputs loudly', () => {
    expect(() => planStanding(plan, cents(-1), isoDate('2026-03-01'), 10)).toThrow(RangeError);
    expect(() => planStanding(plan, cents(0), isoDate('2026-03-01'), -1)).toThrow(RangeError);
    expect(() => planStanding(plan, cents(0), isoDate('2026-03-01'), 1.5)).toThrow(RangeError);
  });
});
