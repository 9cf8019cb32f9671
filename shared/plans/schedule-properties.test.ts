import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents, sumCents, type Cents } from '../money/cents';
import {
  addDays,
  addMonths,
  daysBetween,
  fromEpochDay,
  isoDate,
  toEpochDay,
  type IsoDate,
} from '../dates/iso-date';
import { buildSchedule, type PlanLength, type PlanTerms } from './schedule';

const FIRST_DAY = toEpochDay(isoDate('2000-01-01'));
const LAST_DAY = toEpochDay(isoDate('2100-12-31'));

const dateArb: fc.Arbitrary<IsoDate> = fc
  .integer({ min: FIRST_DAY, max: LAST_DAY })
  .map((day) => fromEpochDay(day));

/** The 28th to 31st are where due-date rules go wrong, so they come up often. */
const lateInMonthArb: fc.Arbitrary<IsoDate> = fc
  .record({
    year: fc.integer({ min: 2000, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 28, max: 31 }),
  })
  .map(({ year, month, day }) => {
    const mm = String(month).padStart(2, '0');
    const lastDay = Number(addDays(addMonths(isoDate(`${year}-${mm}-01`), 1), -1).slice(8));
    return isoDate(`${year}-${mm}-${String(Math.min(day, lastDay)).padStart(2, '0')}`);
  });

const centsArb = (min: number, max: number): fc.Arbitrary<Cents> =>
  fc.integer({ min, max }).map((v) => cents(v));

/** Any terms at all, valid or not: every outcome must be either right or explained. */
const anyTermsArb: fc.Arbitrary<PlanTerms> = fc
  .record({
    balance: centsArb(-10_000, 5_000_000),
    downPayment: centsArb(-1_000, 1_000_000),
    startDate: dateArb,
    wait: fc.integer({ min: -10, max: 80 }),
    length: fc.oneof(
      fc
        .record({ mode: fc.constant('amount' as const), monthlyAmount: centsArb(-100, 500_000) })
        .map((l): PlanLength => l),
      fc
        .record({ mode: fc.constant('months' as const), months: fc.integer({ min: -2, max: 90 }) })
        .map((l): PlanLength => l),
    ),
    minimumMonthly: centsArb(0, 10_000),
    maxMonths: fc.integer({ min: 1, max: 72 }),
  })
  .map(({ wait, ...rest }) => ({ ...rest, firstDueDate: addDays(rest.startDate, wait) }));

/** Terms built to be acceptable, so the success path is exercised on every run. */
const validTermsArb: fc.Arbitrary<PlanTerms> = fc
  .record({
    balance: fc.integer({ min: 1, max: 5_000_000 }),
    downShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    withDown: fc.boolean(),
    firstDueDate: fc.oneof(dateArb, lateInMonthArb),
    wait: fc.integer({ min: 0, max: 60 }),
    minimumMonthly: fc.integer({ min: 0, max: 10_000 }),
    maxMonths: fc.integer({ min: 1, max: 72 }),
    byAmount: fc.boolean(),
    pick: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r): PlanTerms => {
    const downPayment = r.withDown
      ? Math.min(r.balance - 1, Math.floor(r.balance * r.downShare))
      : 0;
    const rest = r.balance - downPayment;
    let length: PlanLength;
    if (r.byAmount) {
      const lowest = Math.max(1, r.minimumMonthly, Math.ceil(rest / r.maxMonths));
      const monthly = lowest + Math.floor(r.pick * Math.max(0, rest - lowest));
      length = { mode: 'amount', monthlyAmount: cents(monthly) };
    } else {
      const byMinimum = r.minimumMonthly === 0 ? rest : Math.floor(rest / r.minimumMonthly);
      const most = Math.max(1, Math.min(r.maxMonths, rest, byMinimum));
      length = { mode: 'months', months: 1 + Math.floor(r.pick * (most - 1)) };
    }
    return {
      balance: cents(r.balance),
      downPayment: cents(downPayment),
      // A down payment is due on the start date, so the first monthly one must come later.
      startDate: addDays(r.firstDueDate, -(downPayment > 0 ? Math.max(1, r.wait) : r.wait)),
      firstDueDate: r.firstDueDate,
      length,
      minimumMonthly: cents(r.minimumMonthly),
      maxMonths: r.maxMonths,
    };
  });

const FIELDS = ['balance', 'downPayment', 'firstDueDate', 'monthlyAmount', 'months'];

/** Every rule a successful schedule must satisfy, checked together. */
function expectWellFormed(terms: PlanTerms): void {
  const result = buildSchedule(terms);
  if (!result.ok) throw new Error(`refused valid terms: ${result.message}`);
  const list = result.installments;
  expect(sumCents(list.map((i) => i.amount))).toBe(terms.balance);
  for (const inst of list) {
    expect(Number.isSafeInteger(inst.amount)).toBe(true);
    expect(inst.amount).toBeGreaterThan(0);
  }
  for (let i = 1; i < list.length; i++) {
    expect(daysBetween(list[i - 1]!.dueDate, list[i]!.dueDate)).toBeGreaterThan(0);
  }
  const down = list.filter((i) => i.number === 0);
  const monthly = list.filter((i) => i.number > 0);
  if (terms.downPayment > 0) {
    expect(down).toEqual([{ number: 0, dueDate: terms.startDate, amount: terms.downPayment }]);
  } else {
    expect(down).toEqual([]);
  }
  expect(monthly.length).toBeLessThanOrEqual(terms.maxMonths);
  monthly.forEach((inst, i) => {
    expect(inst.number).toBe(i + 1);
    expect(inst.dueDate).toBe(addMonths(terms.firstDueDate, i));
  });
  const amounts = monthly.map((i) => i.amount);
  if (terms.length.mode === 'amount') {
    const m = terms.length.monthlyAmount;
    amounts.slice(0, -1).forEach((a) => expect(a).toBe(m));
    expect(amounts.at(-1)).toBeLessThanOrEqual(m);
  } else {
    expect(amounts).toHaveLength(terms.length.months);
    for (let i = 1; i < amounts.length; i++) {
      expect(amounts[i - 1]! - amounts[i]!).toBeGreaterThanOrEqual(0);
      expect(amounts[0]! - amounts[i]!).toBeLessThanOrEqual(1);
    }
    if (amounts.length > 1) {
      for (const a of amounts) expect(a).toBeGreaterThanOrEqual(terms.minimumMonthly);
    }
  }
}

describe('buildSchedule properties', () => {
  it('accepts well-formed terms and never creates or loses a cent', () => {
    fc.assert(fc.property(validTermsArb, expectWellFormed), { numRuns: 500 });
  });

  it('either builds a well-formed schedule or refuses with a field and a message', () => {
    let built = 0;
    fc.assert(
      fc.property(anyTermsArb, (terms) => {
        const result = buildSchedule(terms);
        if (result.ok) {
          built += 1;
          expectWellFormed(terms);
        } else {
          expect(FIELDS).toContain(result.field);
          expect(result.message.length).toBeGreaterThan(20);
          expect(result.message).toMatch(/[.!]$/);
        }
      }),
      { numRuns: 1000 },
    );
    expect(built).toBeGreaterThan(0);
  });

  it('suggests a monthly amount, when too long, that is then accepted', () => {
    fc.assert(
      fc.property(validTermsArb, fc.integer({ min: 1, max: 50 }), (terms, cut) => {
        const rest = terms.balance - terms.downPayment;
        const monthly = cents(
          Math.max(1, terms.minimumMonthly, Math.floor(rest / (terms.maxMonths + cut))),
        );
        const result = buildSchedule({
          ...terms,
          length: { mode: 'amount', monthlyAmount: monthly },
        });
        if (result.ok) return;
        const raise = /at least (\$[\d,]+\.\d\d)/.exec(result.message);
        if (!raise) return;
        const suggested = cents(Number(raise[1]!.replace(/[$,.]/g, '')));
        expectWellFormed({ ...terms, length: { mode: 'amount', monthlyAmount: suggested } });
      }),
    );
  });

  it('suggests a number of months, when the split is too small, that is then accepted', () => {
    fc.assert(
      fc.property(validTermsArb, fc.integer({ min: 2, max: 72 }), (terms, months) => {
        const result = buildSchedule({ ...terms, length: { mode: 'months', months } });
        if (result.ok) return;
        const most = /at most (\d+) months?\.$/.exec(result.message);
        if (!most) return;
        expectWellFormed({ ...terms, length: { mode: 'months', months: Number(most[1]) } });
      }),
    );
  });
});
