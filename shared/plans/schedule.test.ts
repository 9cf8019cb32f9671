import { describe, expect, it } from 'vitest';
import { cents, type Cents } from '../money/cents';
import { isoDate, type IsoDate } from '../dates/iso-date';
import { buildSchedule, type PlanTerms } from './schedule';

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
