import { z } from 'zod';
import type { Cents } from '../money/cents';
import { centsField, MAX_CENTS, none, whole } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** The office's billing rules: approval limit, plan terms, grace days, assistance threshold. */

export interface BillingRules {
  /** Write-offs on one account in one day above this wait for a supervisor. */
  writeOffApprovalLimit: Cents;
  /** Reversals (of charges, payments, adjustments) on one account in one day above this wait. */
  reversalApprovalLimit: Cents;
  planMinimumMonthly: Cents;
  planMaxMonths: number;
  /** Days after an installment's due date before the plan counts as delinquent. */
  planGraceDays: number;
  /** Days after a promise's date before it counts as broken. */
  promiseGraceDays: number;
  /** Below this percent of the poverty guideline, suggest financial assistance screening. */
  assistanceThresholdPercent: number;
  /** The share of monthly household income a plan may take. */
  incomeSharePercent: number;
  /** Days after an appeal or corrected claim is sent before checking on it. */
  appealFollowUpDays: number;
  /** Days between two statements to one guarantor; the second statement goes out after this. */
  statementCycleDays: number;
  /** Days after the first statement of an unpaid balance when statements say "past due". */
  pastDueDays: number;
  /** Days after the first statement when the final notice goes out. */
  finalNoticeDays: number;
  /** Days a final notice gives before the account may be referred (at least 30). */
  referralNoticeDays: number;
  /** A guarantor owing less than this gets no statement. */
  statementMinimum: Cents;
  /** Minutes without a person's input before the window locks and hides patient data. */
  idleLockMinutes: number;
  /** Days after a death within which a claim against the estate must be filed. */
  probateClaimDays: number;
  /** Calls to a patient start no earlier than this hour of their local day (0-23). */
  callingHoursStart: number;
  /** ...and end before this hour (1-24): 21 means the last call starts before 9 p.m. */
  callingHoursEnd: number;
  /** Outbound calls about one account in any seven days before the next one warns. */
  weeklyCallAttempts: number;
  /** Charged to the patient when their check comes back; 0 when the office charges none. */
  returnedCheckFee: Cents;
  /** Years after the last posting (or the death, if later) before a deceased person may be de-identified. */
  retentionYears: number;
  /**
   * 1 when the facility is a tax-exempt hospital bound by IRS section 501(r): extraordinary
   * collection actions wait for its notification periods and assistance applications.
   */
  bound501r: number;
}

/** Each rule as Settings names it, and in the office's not-synced list. */
export const RULE_LABELS: Record<keyof BillingRules, string> = {
  writeOffApprovalLimit: 'Write-off approval limit',
  reversalApprovalLimit: 'Reversal approval limit',
  planMinimumMonthly: 'Smallest monthly plan payment',
  planMaxMonths: 'Longest payment plan (months)',
  planGraceDays: 'Plan grace days',
  promiseGraceDays: 'Promise grace days',
  appealFollowUpDays: 'Days to follow up on an appeal',
  assistanceThresholdPercent: 'Financial assistance threshold (%)',
  incomeSharePercent: 'Share of income for a plan (%)',
  statementCycleDays: 'Statement cycle (days)',
  pastDueDays: 'Days to past due',
  finalNoticeDays: 'Days to final notice',
  referralNoticeDays: 'Days a final notice gives',
  statementMinimum: 'Smallest balance stated',
  idleLockMinutes: 'Minutes before the window locks',
  probateClaimDays: 'Days to file a probate claim',
  callingHoursStart: 'Calling hours start (hour, 0-23)',
  callingHoursEnd: 'Calling hours end (hour, 1-24)',
  weeklyCallAttempts: 'Call attempts in seven days',
  returnedCheckFee: 'Returned check fee',
  retentionYears: 'Years records are kept',
  bound501r: 'Bound by IRS section 501(r) (1 yes, 0 no)',
};

/** The rules that are amounts of money, in cents. */
export const MONEY_RULES: ReadonlySet<keyof BillingRules> = new Set([
  'writeOffApprovalLimit',
  'reversalApprovalLimit',
  'planMinimumMonthly',
  'statementMinimum',
  'returnedCheckFee',
]);

export interface BillingRulesView {
  rules: BillingRules;
  /** Whether this user may change them (supervisors only). */
  canChange: boolean;
  /** The latest change to any rule; null while every rule is at its default. */
  lastChange: { at: string; byName: string } | null;
}

/**
 * The lowest and highest value of each rule Settings takes, in cents for the money rules. The
 * input below is built from them, and so are the server's (server migration 25), so a value
 * no screen could set is held off the office's server too.
 */
export const RULE_BOUNDS: Record<keyof BillingRules, readonly [min: number, max: number]> = {
  writeOffApprovalLimit: [0, MAX_CENTS],
  reversalApprovalLimit: [0, MAX_CENTS],
  planMinimumMonthly: [1, MAX_CENTS],
  planMaxMonths: [1, 120],
  planGraceDays: [0, 60],
  promiseGraceDays: [0, 30],
  assistanceThresholdPercent: [100, 600],
  incomeSharePercent: [1, 50],
  appealFollowUpDays: [1, 180],
  statementCycleDays: [14, 60],
  pastDueDays: [14, 180],
  finalNoticeDays: [30, 365],
  referralNoticeDays: [30, 120],
  statementMinimum: [0, MAX_CENTS],
  idleLockMinutes: [1, 240],
  probateClaimDays: [30, 730],
  callingHoursStart: [0, 23],
  callingHoursEnd: [1, 24],
  weeklyCallAttempts: [1, 50],
  returnedCheckFee: [0, 10_000],
  retentionYears: [1, 30],
  bound501r: [0, 1],
};

/** A money rule: whole cents within its bounds, worded as Settings words it. */
const amount = (key: keyof BillingRules, label: string, outside: string) => {
  const [min, max] = RULE_BOUNDS[key];
  // beyond any amount at all is the amount field's to word
  return centsField(label).refine((v) => v > MAX_CENTS || (v >= min && v <= max), outside);
};

/** A rule that is a count (months, days, percent, hours): a whole number within its bounds. */
const count = (key: keyof BillingRules, label: string) => whole(label, ...RULE_BOUNDS[key]);

export const saveBillingRulesInput = z.strictObject({
  writeOffApprovalLimit: amount(
    'writeOffApprovalLimit',
    'Approval limit',
    'Approval limit cannot be negative.',
  ).optional(),
  reversalApprovalLimit: amount(
    'reversalApprovalLimit',
    'Reversal approval limit',
    'Reversal approval limit cannot be negative.',
  ).optional(),
  planMinimumMonthly: amount(
    'planMinimumMonthly',
    'Minimum monthly amount',
    'Minimum monthly amount must be more than $0.00.',
  ).optional(),
  planMaxMonths: count('planMaxMonths', 'Longest plan').optional(),
  planGraceDays: count('planGraceDays', 'Plan grace days').optional(),
  promiseGraceDays: count('promiseGraceDays', 'Promise grace days').optional(),
  assistanceThresholdPercent: count(
    'assistanceThresholdPercent',
    'Assistance threshold',
  ).optional(),
  incomeSharePercent: count('incomeSharePercent', 'Share of income').optional(),
  appealFollowUpDays: count('appealFollowUpDays', 'Days to follow up on an appeal').optional(),
  statementCycleDays: count('statementCycleDays', 'Statement cycle').optional(),
  pastDueDays: count('pastDueDays', 'Days to past due').optional(),
  finalNoticeDays: count('finalNoticeDays', 'Days to final notice').optional(),
  referralNoticeDays: count('referralNoticeDays', 'Days a final notice gives').optional(),
  statementMinimum: amount(
    'statementMinimum',
    'Smallest balance stated',
    'Smallest balance stated cannot be negative.',
  ).optional(),
  idleLockMinutes: count('idleLockMinutes', 'Minutes before the window locks').optional(),
  probateClaimDays: count('probateClaimDays', 'Days to file a probate claim').optional(),
  callingHoursStart: count('callingHoursStart', 'Calling hours start').optional(),
  callingHoursEnd: count('callingHoursEnd', 'Calling hours end').optional(),
  weeklyCallAttempts: count('weeklyCallAttempts', 'Call attempts in seven days').optional(),
  returnedCheckFee: amount(
    'returnedCheckFee',
    'Returned check fee',
    'Returned check fee is from 0.00 to 100.00.',
  ).optional(),
  retentionYears: count('retentionYears', 'Years records are kept').optional(),
  bound501r: count('bound501r', 'Bound by section 501(r)').optional(),
});

/** An hour of the day as Settings' calling hours are kept (a whole hour, 0-24), as 08:00. */
const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * Why calling hours that start at `start` and end at `end` cannot be the office's, or
 * undefined when they can: calls start no earlier than the start and end before the end, so
 * a start not before the end leaves no hour to call in.
 */
export function callingHoursProblem(start: number, end: number): string | undefined {
  if (start < end) return undefined;
  return `Calling hours must start before they end: ${clock(start)} is not before ${clock(end)}.`;
}

export const rulesMethods = {
  getBillingRules: read<BillingRulesView>()(none),
  saveBillingRules: write<BillingRulesView>()(
    saveBillingRulesInput,
    supervisor("change the office's billing rules"),
  ),
} satisfies MethodGroup;
