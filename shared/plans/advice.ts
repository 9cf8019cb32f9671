/**
 * Repayment advice for a representative setting up a plan: where the household sits
 * against the federal poverty guideline, whether to offer financial assistance
 * screening, and a monthly amount and length the household can likely keep up with.
 */
import { cents, type Cents } from '../money/cents';
import { formatCents } from '../money/format';
import {
  CURRENT_POVERTY_GUIDELINES,
  MAX_HOUSEHOLD_SIZE,
  povertyGuideline,
  type GuidelineRegion,
  type PovertyGuidelineTable,
} from './poverty-guidelines';

export type { GuidelineRegion } from './poverty-guidelines';

export interface AdviceInput {
  annualIncome: Cents;
  householdSize: number;
  region: GuidelineRegion;
  balance: Cents;
  /** Below this percent of the guideline, offer assistance screening; e.g. 250. */
  assistanceThresholdPercent: number;
  /** Share of monthly income a plan may take, e.g. 5; up to two decimals (2.5). */
  incomeSharePercent: number;
  minimumMonthly: Cents;
  maxMonths: number;
  /** Defaults to the current table; passing one keeps old advice reproducible. */
  guidelines?: PovertyGuidelineTable;
}

export interface RepaymentAdvice {
  guidelineYear: number;
  guideline: Cents;
  /** Whole percent, rounded down. */
  percentOfPoverty: number;
  suggestAssistanceScreening: boolean;
  affordableMonthly: Cents;
  suggestedMonths: number | null;
  /**
   * The monthly amount behind `suggestedMonths`: the larger of the affordable amount and
   * the minimum, but never more than the balance. A by-amount plan at this figure has
   * exactly `suggestedMonths` installments.
   */
  suggestedMonthly: Cents | null;
  message: string;
}

export interface AdviceProblem {
  field: keyof AdviceInput;
  message: string;
}

/** Percentages travel as hundredths of a percent so every step stays in whole numbers. */
function hundredths(percent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0) return null;
  const scaled = Math.round(percent * 100);
  return Math.abs(scaled - percent * 100) < 1e-6 ? scaled : null;
}

/** Problems a representative can fix, phrased for them; null when the input is usable. */
export function checkAdviceInput(input: AdviceInput): AdviceProblem | null {
  const { annualIncome, householdSize, balance, minimumMonthly, maxMonths } = input;
  if (!Number.isInteger(householdSize) || householdSize < 1 || householdSize > MAX_HOUSEHOLD_SIZE) {
    return {
      field: 'householdSize',
      message: `Household size must be a whole number of people from 1 to ${MAX_HOUSEHOLD_SIZE}.`,
    };
  }
  if (!Number.isSafeInteger(annualIncome) || annualIncome < 0) {
    return { field: 'annualIncome', message: 'Annual household income must be $0.00 or more.' };
  }
  if (!Number.isSafeInteger(balance) || balance <= 0) {
    return {
      field: 'balance',
      message: 'There is no balance to plan for; the balance must be more than $0.00.',
    };
  }
  const share = hundredths(input.incomeSharePercent);
  if (share === null || share === 0 || share > 100_00) {
    return {
      field: 'incomeSharePercent',
      message:
        'The share of income for a plan must be a percent above 0 and at most 100, with at most two decimals.',
    };
  }
  if (hundredths(input.assistanceThresholdPercent) === null) {
    return {
      field: 'assistanceThresholdPercent',
      message:
        'The assistance threshold must be a percent of the poverty guideline, 0 or more, with at most two decimals.',
    };
  }
  if (!Number.isSafeInteger(minimumMonthly) || minimumMonthly < 0) {
    return {
      field: 'minimumMonthly',
      message: 'The minimum monthly payment must be $0.00 or more.',
    };
  }
  if (!Number.isInteger(maxMonths) || maxMonths < 1) {
    return {
      field: 'maxMonths',
      message: 'The longest plan must be a whole number of months, 1 or more.',
    };
  }
  return null;
}

function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}

function percentText(percent: number): string {
  return `${percent}%`;
}

/**
 * Throws a RangeError carrying the `checkAdviceInput` message when the input is not
 * usable; screens call `checkAdviceInput` first to show it beside the field.
 */
export function repaymentAdvice(input: AdviceInput): RepaymentAdvice {
  const problem = checkAdviceInput(input);
  if (problem) throw new RangeError(problem.message);

  const table = input.guidelines ?? CURRENT_POVERTY_GUIDELINES;
  const { annualIncome, householdSize, region, balance, minimumMonthly, maxMonths } = input;
  const guideline = povertyGuideline(region, householdSize, table);
  const income = BigInt(annualIncome);
  const shareH = BigInt(hundredths(input.incomeSharePercent) ?? 0);
  const thresholdH = BigInt(hundredths(input.assistanceThresholdPercent) ?? 0);

  // BigInt: income in cents times 10,000 can pass Number's exact-integer range.
  const percentOfPoverty = Number((income * 100n) / BigInt(guideline));
  const suggestAssistanceScreening = income * 100n * 100n < thresholdH * BigInt(guideline);
  const affordableMonthly = cents(Number((income * shareH) / (100n * 100n * 12n)));

  const where = region === 'contiguous' ? '' : ` in ${region === 'alaska' ? 'Alaska' : 'Hawaii'}`;
  const threshold = percentText(input.assistanceThresholdPercent);
  const standing =
    `Household income is ${percentText(percentOfPoverty)} of the ${table.year} federal poverty guideline ` +
    `(${formatCents(guideline)}) for ${people(householdSize)}${where}` +
    (suggestAssistanceScreening
      ? ` — below ${threshold}: offer financial assistance screening.`
      : ` — not below the ${threshold} assistance threshold.`);

  const share = `${percentText(input.incomeSharePercent)} of monthly income`;
  const rate = Math.max(affordableMonthly, minimumMonthly);
  const common = {
    guidelineYear: table.year,
    guideline,
    percentOfPoverty,
    suggestAssistanceScreening,
    affordableMonthly,
  };

  if (rate === 0) {
    return {
      ...common,
      suggestedMonths: null,
      suggestedMonthly: null,
      message: `${standing} With no income and no minimum payment there is no monthly amount to suggest; offer financial assistance screening.`,
    };
  }

  const affordability =
    affordableMonthly < minimumMonthly
      ? `${share} is ${formatCents(affordableMonthly)}, less than the ${formatCents(minimumMonthly)} minimum payment, so the suggestion uses the minimum.`
      : `${share} is ${formatCents(affordableMonthly)}.`;

  const months = Math.ceil(balance / rate);
  if (months > maxMonths) {
    const needed = cents(Math.ceil(balance / maxMonths));
    return {
      ...common,
      suggestedMonths: null,
      suggestedMonthly: null,
      message:
        `${standing} ${affordability} At ${formatCents(cents(rate))} a month the balance of ${formatCents(balance)} ` +
        `would take ${months} months, longer than the ${maxMonths}-month limit (a ${maxMonths}-month plan needs ` +
        `${formatCents(needed)} a month): offer financial assistance screening before setting up a plan.`,
    };
  }

  const suggestedMonthly = cents(Math.min(rate, balance));
  const last = balance - suggestedMonthly * (months - 1);
  const plan =
    months === 1
      ? `The balance of ${formatCents(balance)} can be paid in one payment.`
      : `Suggested plan: ${formatCents(suggestedMonthly)} a month for ${months} months` +
        (last === suggestedMonthly ? '' : ` (the last payment ${formatCents(cents(last))})`) +
        ` to pay ${formatCents(balance)}.`;
  return {
    ...common,
    suggestedMonths: months,
    suggestedMonthly,
    message: `${standing} ${affordability} ${plan}`,
  };
}
