import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from '../money/cents';
import { isoDate } from '../dates/iso-date';
import { buildSchedule } from './schedule';
import { checkAdviceInput, repaymentAdvice, type AdviceInput } from './advice';
import {
  CURRENT_POVERTY_GUIDELINES,
  POVERTY_GUIDELINES_2025,
  povertyGuideline,
  type GuidelineRegion,
} from './poverty-guidelines';

const base: AdviceInput = {
  annualIncome: cents(4_797_000),
  householdSize: 3,
  region: 'contiguous',
  balance: cents(200_000),
  assistanceThresholdPercent: 250,
  incomeSharePercent: 5,
  minimumMonthly: cents(2_500),
  maxMonths: 60,
};

const regionArb = fc.constantFrom<GuidelineRegion>('contiguous', 'alaska', 'hawaii');

const inputArb: fc.Arbitrary<AdviceInput> = fc.record({
  annualIncome: fc.integer({ min: 0, max: 50_000_000 }).map(cents),
  householdSize: fc.integer({ min: 1, max: 20 }),
  region: regionArb,
  balance: fc.integer({ min: 1, max: 10_000_000 }).map(cents),
  assistanceThresholdPercent: fc.integer({ min: 0, max: 600 }),
  incomeSharePercent: fc.integer({ min: 1, max: 2_000 }).map((h) => h / 100),
  minimumMonthly: fc.integer({ min: 0, max: 10_000 }).map(cents),
  maxMonths: fc.integer({ min: 1, max: 120 }),
});

describe('poverty guidelines', () => {
  it('holds the 2025 HHS table as the current one', () => {
    expect(CURRENT_POVERTY_GUIDELINES.year).toBe(2025);
    expect(CURRENT_POVERTY_GUIDELINES).toBe(POVERTY_GUIDELINES_2025);
  });

  it('matches the published 2025 amounts', () => {
    expect(povertyGuideline('contiguous', 1)).toBe(1_565_000);
    expect(povertyGuideline('contiguous', 4)).toBe(3_215_000);
    expect(povertyGuideline('contiguous', 8)).toBe(5_415_000);
    expect(povertyGuideline('alaska', 1)).toBe(1_955_000);
    expect(povertyGuideline('alaska', 4)).toBe(4_019_000);
    expect(povertyGuideline('hawaii', 1)).toBe(1_799_000);
    expect(povertyGuideline('hawaii', 4)).toBe(3_698_000);
  });
});

describe('repaymentAdvice examples', () => {
  it('puts a household of one at exactly the guideline at 100%', () => {
    const advice = repaymentAdvice({ ...base, householdSize: 1, annualIncome: cents(1_565_000) });
    expect(advice).toMatchObject({
      guidelineYear: 2025,
      guideline: 1_565_000,
      percentOfPoverty: 100,
      suggestAssistanceScreening: true,
    });
  });

  it('explains income, screening and the suggested plan in one message', () => {
    const advice = repaymentAdvice(base);
    expect(advice).toEqual({
      guidelineYear: 2025,
      guideline: 2_665_000,
      percentOfPoverty: 180,
      suggestAssistanceScreening: true,
      affordableMonthly: 19_987,
      suggestedMonths: 11,
      suggestedMonthly: 19_987,
      message:
        'Household income is 180% of the 2025 federal poverty guideline ($26,650.00) for 3 people — below 250%: offer financial assistance screening. ' +
        '5% of monthly income is $199.87. ' +
        'Suggested plan: $199.87 a month for 11 months (the last payment $1.30) to pay $2,000.00.',
    });
  });

  it('rounds the percent down and screens only below the threshold', () => {
    const one = { ...base, householdSize: 1 };
    const justUnder = repaymentAdvice({ ...one, annualIncome: cents(3_912_499) });
    expect(justUnder.percentOfPoverty).toBe(249);
    expect(justUnder.suggestAssistanceScreening).toBe(true);
    const at = repaymentAdvice({ ...one, annualIncome: cents(3_912_500) });
    expect(at.percentOfPoverty).toBe(250);
    expect(at.suggestAssistanceScreening).toBe(false);
    expect(at.message).toContain(
      'Household income is 250% of the 2025 federal poverty guideline ($15,650.00) for 1 person — not below the 250% assistance threshold.',
    );
  });

  it('names Alaska and Hawaii and uses their own tables', () => {
    const ak = repaymentAdvice({
      ...base,
      region: 'alaska',
      householdSize: 4,
      annualIncome: cents(4_019_000),
    });
    expect(ak.percentOfPoverty).toBe(100);
    expect(ak.message).toContain('($40,190.00) for 4 people in Alaska');
    const hi = repaymentAdvice({
      ...base,
      region: 'hawaii',
      householdSize: 2,
      annualIncome: cents(4_864_000),
    });
    expect(hi.guideline).toBe(2_432_000);
    expect(hi.percentOfPoverty).toBe(200);
    expect(hi.message).toContain('in Hawaii');
  });

  it('falls back to the minimum payment when the affordable amount is lower', () => {
    const advice = repaymentAdvice({ ...base, annualIncome: cents(0), balance: cents(10_000) });
    expect(advice).toMatchObject({
      percentOfPoverty: 0,
      affordableMonthly: 0,
      suggestedMonths: 4,
      suggestedMonthly: 2_500,
    });
    expect(advice.message).toContain(
      '5% of monthly income is $0.00, less than the $25.00 minimum payment, so the suggestion uses the minimum. Suggested plan: $25.00 a month for 4 months to pay $100.00.',
    );
  });

  it('suggests no plan, and assistance, when it would run past the longest plan', () => {
    const advice = repaymentAdvice({
      ...base,
      annualIncome: cents(1_200_000),
      balance: cents(500_000),
    });
    expect(advice).toMatchObject({
      affordableMonthly: 5_000,
      suggestedMonths: null,
      suggestedMonthly: null,
    });
    expect(advice.message).toContain(
      'At $50.00 a month the balance of $5,000.00 would take 100 months, longer than the 60-month limit (a 60-month plan needs $83.34 a month): offer financial assistance screening before setting up a plan.',
    );
  });

  it('suggests one payment when the balance is under a month’s amount', () => {
    const advice = repaymentAdvice({ ...base, balance: cents(3_000) });
    expect(advice).toMatchObject({ suggestedMonths: 1, suggestedMonthly: 3_000 });
    expect(advice.message).toContain('The balance of $30.00 can be paid in one payment.');
  });

  it('handles no income and no minimum without dividing by zero', () => {
    const advice = repaymentAdvice({ ...base, annualIncome: cents(0), minimumMonthly: cents(0) });
    expect(advice.suggestedMonths).toBeNull();
    expect(advice.message).toContain('no monthly amount to suggest');
  });

  it('accepts a share with decimals, in whole-cent arithmetic', () => {
    const advice = repaymentAdvice({
      ...base,
      annualIncome: cents(6_000_000),
      incomeSharePercent: 2.5,
    });
    expect(advice.affordableMonthly).toBe(12_500);
    expect(advice.message).toContain('2.5% of monthly income is $125.00.');
  });

  it('refuses input a representative must correct, saying which field', () => {
    const problem = (change: Partial<AdviceInput>) => checkAdviceInput({ ...base, ...change });
    expect(problem({})).toBeNull();
    for (const householdSize of [0, 21, 2.5, Number.NaN]) {
      expect(problem({ householdSize })).toEqual({
        field: 'householdSize',
        message: 'Household size must be a whole number of people from 1 to 20.',
      });
    }
    expect(problem({ annualIncome: cents(-1) })).toEqual({
      field: 'annualIncome',
      message: 'Annual household income must be $0.00 or more.',
    });
    expect(problem({ balance: cents(0) })?.field).toBe('balance');
    expect(problem({ incomeSharePercent: 0 })?.field).toBe('incomeSharePercent');
    expect(problem({ incomeSharePercent: 2.555 })?.field).toBe('incomeSharePercent');
    expect(problem({ assistanceThresholdPercent: -1 })?.field).toBe('assistanceThresholdPercent');
    expect(problem({ minimumMonthly: cents(-1) })?.field).toBe('minimumMonthly');
    expect(problem({ maxMonths: 0 })?.field).toBe('maxMonths');
    expect(() => repaymentAdvice({ ...base, householdSize: 21 })).toThrow(
      'Household size must be a whole number of people from 1 to 20.',
    );
  });
});

describe('repaymentAdvice properties', () => {
  it('rounds the percent of poverty down and the affordable amount down, exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = repaymentAdvice(input);
        const income = BigInt(input.annualIncome);
        const g = BigInt(a.guideline);
        const p = BigInt(a.percentOfPoverty);
        expect(p * g <= income * 100n && income * 100n < (p + 1n) * g).toBe(true);
        const share = BigInt(Math.round(input.incomeSharePercent * 100));
        const m = BigInt(a.affordableMonthly);
        expect(m * 120_000n <= income * share && income * share < (m + 1n) * 120_000n).toBe(true);
        expect(a.suggestAssistanceScreening).toBe(
          a.percentOfPoverty < input.assistanceThresholdPercent,
        );
        expect(a.message.length).toBeGreaterThan(40);
      }),
    );
  });

  it('suggests a plan that buildSchedule accepts with exactly the suggested months', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = repaymentAdvice(input);
        if (a.suggestedMonths === null || a.suggestedMonthly === null) {
          const rate = Math.max(a.affordableMonthly, input.minimumMonthly);
          if (rate > 0) expect(Math.ceil(input.balance / rate)).toBeGreaterThan(input.maxMonths);
          return;
        }
        expect(a.suggestedMonths).toBeLessThanOrEqual(input.maxMonths);
        const schedule = buildSchedule({
          balance: input.balance,
          downPayment: cents(0),
          startDate: isoDate('2026-03-01'),
          firstDueDate: isoDate('2026-04-01'),
          length: { mode: 'amount', monthlyAmount: a.suggestedMonthly },
          minimumMonthly: input.minimumMonthly,
          maxMonths: input.maxMonths,
        });
        if (!schedule.ok) throw new Error(schedule.message);
        expect(schedule.installments).toHaveLength(a.suggestedMonths);
      }),
    );
  });
});
