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

const base: PlanTerms = {
  balance: cents(120_000),
  downPayment: cents(0),
  startDate: isoDate('2026-01-15'),
  firstDueDate: isoDate('2026-01-31'),
  length: { mode: 'months', months: 12 },
  minimumMonthly: cents(2_500),
  maxMonths: 60,
};

function refusal(terms: Partial<PlanTerms>): { field: string; message: string } {
  const result = buildSchedule({ ...base, ...terms });
  if (result.ok) throw new Error('expected a refusal');
  return { field: result.field, message: result.message };
}

describe('buildSchedule examples', () => {
  it('keeps month-end due dates without drifting (Jan 31 → Feb 28 → Mar 31)', () => {
    const result = buildSchedule(base);
    if (!result.ok) throw new Error(result.message);
    expect(result.installments.map((i) => i.dueDate)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(result.installments.every((i) => i.amount === 10_000)).toBe(true);
  });

  it('lands on Feb 29 in a leap year and back on the 30th after it', () => {
    const result = buildSchedule({
      ...base,
      startDate: isoDate('2028-01-10'),
      firstDueDate: isoDate('2028-01-30'),
      length: { mode: 'months', months: 3 },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.installments.map((i) => i.dueDate)).toEqual([
      '2028-01-30',
      '2028-02-29',
      '2028-03-30',
    ]);
  });

  it('splits by months with the extra cents on the earliest installments', () => {
    const result = buildSchedule({
      ...base,
      balance: cents(10_000),
      length: { mode: 'months', months: 3 },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.installments.map((i) => i.amount)).toEqual([3_334, 3_333, 3_333]);
  });

  it('by amount repeats the monthly amount and ends with the remainder, even below the minimum', () => {
    const result = buildSchedule({
      ...base,
      balance: cents(25_000),
      downPayment: cents(5_000),
      length: { mode: 'amount', monthlyAmount: cents(7_500) },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.installments).toEqual([
      { number: 0, dueDate: '2026-01-15', amount: 5_000 },
      { number: 1, dueDate: '2026-01-31', amount: 7_500 },
      { number: 2, dueDate: '2026-02-28', amount: 7_500 },
      { number: 3, dueDate: '2026-03-31', amount: 5_000 },
    ]);
  });

  it('allows a single payment of the whole remainder below the minimum', () => {
    const result = buildSchedule({
      ...base,
      balance: cents(1_500),
      length: { mode: 'amount', monthlyAmount: cents(1_500) },
    });
    expect(result).toEqual({
      ok: true,
      installments: [{ number: 1, dueDate: '2026-01-31', amount: 1_500 }],
    });
  });

  it('accepts a first payment exactly 60 days after the start', () => {
    expect(
      buildSchedule({
        ...base,
        startDate: isoDate('2026-01-01'),
        firstDueDate: isoDate('2026-03-02'),
      }).ok,
    ).toBe(true);
  });

  it('explains each refusal with the numbers involved', () => {
    expect(refusal({ balance: cents(0) })).toEqual({
      field: 'balance',
      message: 'The balance is $0.00, so there is nothing to put on a payment plan.',
    });
    expect(refusal({ balance: cents(-4_250) })).toEqual({
      field: 'balance',
      message:
        'The account shows a credit of -$42.50, so there is nothing to put on a payment plan.',
    });
    expect(refusal({ downPayment: cents(-100) })).toEqual({
      field: 'downPayment',
      message: 'The down payment cannot be negative (-$1.00); enter $0.00 for no down payment.',
    });
    expect(refusal({ downPayment: cents(120_000) })).toEqual({
      field: 'downPayment',
      message:
        'A down payment of $1,200.00 pays the whole balance, so no payment plan is needed; post it as a payment instead.',
    });
    expect(refusal({ downPayment: cents(150_000) })).toEqual({
      field: 'downPayment',
      message: 'The down payment of $1,500.00 is more than the balance of $1,200.00.',
    });
    expect(
      refusal({ startDate: isoDate('2026-03-10'), firstDueDate: isoDate('2026-03-05') }),
    ).toEqual({
      field: 'firstDueDate',
      message: 'The first payment date 03/05/2026 is before the plan start date 03/10/2026.',
    });
    expect(
      refusal({ startDate: isoDate('2026-01-01'), firstDueDate: isoDate('2026-03-03') }),
    ).toEqual({
      field: 'firstDueDate',
      message:
        'The first payment date 03/03/2026 is 61 days after the plan starts; it must be within 60 days (by 03/02/2026).',
    });
    expect(
      refusal({
        downPayment: cents(10_000),
        startDate: isoDate('2026-01-31'),
        firstDueDate: isoDate('2026-01-31'),
      }),
    ).toEqual({
      field: 'firstDueDate',
      message:
        'The down payment is due on the start date 01/31/2026, so the first monthly payment must fall after it.',
    });
    expect(refusal({ length: { mode: 'amount', monthlyAmount: cents(2_000) } })).toEqual({
      field: 'monthlyAmount',
      message: '$20.00 a month is below the minimum of $25.00.',
    });
    expect(refusal({ length: { mode: 'amount', monthlyAmount: cents(0) } })).toEqual({
      field: 'monthlyAmount',
      message: 'Enter a monthly amount greater than $0.00.',
    });
    expect(
      refusal({
        balance: cents(146_000),
        minimumMonthly: cents(1_000),
        length: { mode: 'amount', monthlyAmount: cents(2_000) },
      }),
    ).toEqual({
      field: 'monthlyAmount',
      message:
        'At $20.00 a month that would take 73 months; the longest plan allowed is 60 — raise the monthly amount to at least $24.34.',
    });
    expect(refusal({ balance: cents(22_000), length: { mode: 'months', months: 12 } })).toEqual({
      field: 'months',
      message: '12 months would be $18.34 a month, below the minimum $25.00; at most 8 months.',
    });
    expect(refusal({ balance: cents(29_999), length: { mode: 'months', months: 12 } })).toEqual({
      field: 'months',
      message:
        '12 months would be some payments of $24.99, below the minimum $25.00; at most 11 months.',
    });
    expect(refusal({ length: { mode: 'months', months: 73 } })).toEqual({
      field: 'months',
      message: 'A 73-month plan is longer than the longest plan allowed, 60 months.',
    });
    expect(refusal({ length: { mode: 'months', months: 0 } })).toEqual({
      field: 'months',
      message: 'Enter the number of months as a whole number, 1 or more.',
    });
    expect(refusal({ length: { mode: 'months', months: 2.5 } }).field).toBe('months');
    expect(
      refusal({
        balance: cents(5),
        minimumMonthly: cents(0),
        length: { mode: 'months', months: 12 },
      }),
    ).toEqual({
      field: 'months',
      message: '$0.05 cannot be spread over 12 months; at most 5 months.',
    });
  });

  it('throws on configuration that no person typed', () => {
    expect(() => buildSchedule({ ...base, maxMonths: 0 })).toThrow(RangeError);
    expect(() => buildSchedule({ ...base, balance: 10.5 as Cents })).toThrow(RangeError);
    expect(() => buildSchedule({ ...base, startDate: '2026-02-30' as IsoDate })).toThrow(
      RangeError,
    );
  });
});
