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
import { buildSchedule, monthlyDueDate, type Installment } from './schedule';
import { addToSchedule } from './extend';

const dateArb: fc.Arbitrary<IsoDate> = fc
  .integer({ min: toEpochDay(isoDate('2020-01-01')), max: toEpochDay(isoDate('2030-12-31')) })
  .map((day) => fromEpochDay(day));

const planArb: fc.Arbitrary<Installment[]> = fc
  .record({
    firstDueDate: fc.oneof(
      dateArb,
      fc.constantFrom(isoDate('2026-01-31'), isoDate('2027-08-31'), isoDate('2028-01-29')),
    ),
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

const caseArb = planArb
  .chain((plan) => {
    const total = plan.reduce((s, i) => s + i.amount, 0);
    return fc.record({
      plan: fc.constant(plan),
      paid: fc.integer({ min: 0, max: total + 10_000 }),
      added: fc.integer({ min: 0, max: 2_000_000 }),
      monthly: fc.integer({ min: 1, max: 100_000 }),
    });
    // At most ten years of new installments, as a plan length limit would ensure.
  })
  .map((c) => ({ ...c, monthly: Math.max(c.monthly, Math.ceil(c.added / 120)) }));

describe('addToSchedule properties', () => {
  it('grows the plan by exactly the added amount and keeps what was there', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, added, monthly }) => {
        const before = plan.map((i) => ({ ...i }));
        const after = addToSchedule(plan, cents(paid), cents(added), cents(monthly));
        expect(plan).toEqual(before);
        expect(sumCents(after.map((i) => i.amount))).toBe(
          sumCents(plan.map((i) => i.amount)) + added,
        );
        const last = plan.at(-1)!;
        plan.forEach((old, i) => {
          const now = after[i]!;
          expect(now.number).toBe(old.number);
          expect(now.dueDate).toBe(old.dueDate);
          if (old === last) {
            expect(now.amount).toBeGreaterThanOrEqual(old.amount);
            expect(now.amount).toBeLessThanOrEqual(Math.max(old.amount, monthly));
          } else {
            expect(now.amount).toBe(old.amount);
          }
        });
      }),
    );
  });

  it('adds monthly installments after the last, on the first due date’s day of month', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, paid, added, monthly }) => {
        const after = addToSchedule(plan, cents(paid), cents(added), cents(monthly));
        const firstMonthly = plan.find((i) => i.number === 1)!;
        const added_ = after.slice(plan.length);
        added_.forEach((inst, k) => {
          expect(inst.amount).toBeGreaterThan(0);
          expect(inst.amount).toBeLessThanOrEqual(monthly);
          if (k < added_.length - 1) expect(inst.amount).toBe(monthly);
          expect(inst.number).toBe(plan.at(-1)!.number + k + 1);
          expect(inst.dueDate).toBe(monthlyDueDate(firstMonthly.dueDate, inst.number));
        });
        for (let i = 1; i < after.length; i++) {
          expect(daysBetween(after[i - 1]!.dueDate, after[i]!.dueDate)).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('addToSchedule examples', () => {
  const built = buildSchedule({
    balance: cents(25_000),
    downPayment: cents(0),
    startDate: isoDate('2026-01-15'),
    firstDueDate: isoDate('2026-01-31'),
    length: { mode: 'amount', monthlyAmount: cents(10_000) },
    minimumMonthly: cents(2_500),
    maxMonths: 60,
  });
  if (!built.ok) throw new Error(built.message);
  const plan = built.installments;

  it('tops up the short last installment, then continues on month ends', () => {
    expect(plan.map((i) => i.amount)).toEqual([10_000, 10_000, 5_000]);
    expect(addToSchedule(plan, cents(0), cents(22_000), cents(10_000))).toEqual([
      { number: 1, dueDate: '2026-01-31', amount: 10_000 },
      { number: 2, dueDate: '2026-02-28', amount: 10_000 },
      { number: 3, dueDate: '2026-03-31', amount: 10_000 },
      { number: 4, dueDate: '2026-04-30', amount: 10_000 },
      { number: 5, dueDate: '2026-05-31', amount: 7_000 },
    ]);
  });

  it('only tops up when the addition is small', () => {
    expect(addToSchedule(plan, cents(0), cents(1_234), cents(10_000)).map((i) => i.amount)).toEqual(
      [10_000, 10_000, 6_234],
    );
  });

  it('leaves a plan that is already paid in full alone and adds after it', () => {
    expect(addToSchedule(plan, cents(25_000), cents(3_000), cents(10_000))).toEqual([
      ...plan,
      { number: 4, dueDate: '2026-04-30', amount: 3_000 },
    ]);
  });

  it('returns the plan unchanged for nothing added, and refuses nonsense', () => {
    expect(addToSchedule(plan, cents(0), cents(0), cents(10_000))).toEqual(plan);
    expect(() => addToSchedule(plan, cents(0), cents(-1), cents(10_000))).toThrow(RangeError);
    expect(() => addToSchedule(plan, cents(0), cents(100), cents(0))).toThrow(RangeError);
    expect(() => addToSchedule([], cents(0), cents(100), cents(100))).toThrow(RangeError);
  });
});
