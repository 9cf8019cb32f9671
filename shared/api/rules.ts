import { z } from 'zod';
import type { Cents } from '../money/cents';
import { centsField, none, positiveAmount, whole } from './fields';
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

export const saveBillingRulesInput = z.strictObject({
  writeOffApprovalLimit: centsField('Approval limit')
    .refine((v) => v >= 0, 'Approval limit cannot be negative.')
    .optional(),
  reversalApprovalLimit: centsField('Reversal approval limit')
    .refine((v) => v >= 0, 'Reversal approval limit cannot be negative.')
    .optional(),
  planMinimumMonthly: positiveAmount('Minimum monthly amount').optional(),
  planMaxMonths: whole('Longest plan', 1, 120).optional(),
  planGraceDays: whole('Plan grace days', 0, 60).optional(),
  promiseGraceDays: whole('Promise grace days', 0, 30).optional(),
  assistanceThresholdPercent: whole('Assistance threshold', 100, 600).optional(),
  incomeSharePercent: whole('Share of income', 1, 50).optional(),
  appealFollowUpDays: whole('Days to follow up on an appeal', 1, 180).optional(),
  statementCycleDays: whole('Statement cycle', 14, 60).optional(),
  pastDueDays: whole('Days to past due', 14, 180).optional(),
  finalNoticeDays: whole('Days to final notice', 30, 365).optional(),
  referralNoticeDays: whole('Days a final notice gives', 30, 120).optional(),
  statementMinimum: centsField('Smallest balance stated')
    .refine((v) => v >= 0, 'Smallest balance stated cannot be negative.')
    .optional(),
  idleLockMinutes: whole('Minutes before the window locks', 1, 240).optional(),
  probateClaimDays: whole('Days to file a probate claim', 30, 730).optional(),
  callingHoursStart: whole('Calling hours start', 0, 23).optional(),
  callingHoursEnd: whole('Calling hours end', 1, 24).optional(),
  weeklyCallAttempts: whole('Call attempts in seven days', 1, 50).optional(),
  returnedCheckFee: centsField('Returned check fee')
    .refine((v) => v >= 0 && v <= 10_000, 'Returned check fee is from 0.00 to 100.00.')
    .optional(),
  retentionYears: whole('Years records are kept', 1, 30).optional(),
  bound501r: whole('Bound by section 501(r)', 0, 1).optional(),
});

export const rulesMethods = {
  getBillingRules: read<BillingRulesView>()(none),
  saveBillingRules: write<BillingRulesView>()(
    saveBillingRulesInput,
    supervisor("change the office's billing rules"),
  ),
} satisfies MethodGroup;
