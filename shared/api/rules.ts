import { z } from 'zod';
import type { Cents } from '../money/cents';
import { centsField, none, positiveAmount, whole } from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** The office's billing rules: approval limit, plan terms, grace days, assistance threshold. */

export interface BillingRules {
  /** Write-offs above this wait for a supervisor. */
  writeOffApprovalLimit: Cents;
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
  /** Minutes without a person's input before the window locks and hides patient data. */
  idleLockMinutes: number;
}

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
  planMinimumMonthly: positiveAmount('Minimum monthly amount').optional(),
  planMaxMonths: whole('Longest plan', 1, 120).optional(),
  planGraceDays: whole('Plan grace days', 0, 60).optional(),
  promiseGraceDays: whole('Promise grace days', 0, 30).optional(),
  assistanceThresholdPercent: whole('Assistance threshold', 100, 600).optional(),
  incomeSharePercent: whole('Share of income', 1, 50).optional(),
  appealFollowUpDays: whole('Days to follow up on an appeal', 1, 180).optional(),
  idleLockMinutes: whole('Minutes before the window locks', 1, 240).optional(),
});

export const rulesMethods = {
  getBillingRules: read<BillingRulesView>()(none),
  saveBillingRules: write<BillingRulesView>()(
    saveBillingRulesInput,
    supervisor("change the office's billing rules"),
  ),
} satisfies MethodGroup;
