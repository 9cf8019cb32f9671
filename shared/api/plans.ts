import { z } from 'zod';
import {
  PROMISE_KIND,
  type PlanStatus,
  type PromiseKind,
  type PromiseStatus,
} from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import {
  accountIdField,
  centsField,
  isoDateField,
  nonNegativeAmount,
  optionalText,
  planIdField,
  positiveAmount,
  requiredText,
} from './fields';
import { read, write, type Created, type MethodGroup } from './method';
import type { RepaymentAdvice } from '../plans/advice';

/** Payment plans, promises to pay and repayment advice from household income. */

export interface ScheduledInstallment {
  /** 0 is the down payment. */
  number: number;
  dueDate: IsoDate;
  amount: Cents;
}

export type PlanPreview =
  | {
      ok: true;
      balance: Cents;
      installments: ScheduledInstallment[];
      monthlyAmount: Cents;
      months: number;
      lastDueDate: IsoDate;
    }
  | { ok: false; field: string; message: string };

export interface InstallmentView extends ScheduledInstallment {
  paid: Cents;
  remaining: Cents;
  status: 'paid' | 'partial' | 'due' | 'late' | 'upcoming';
}

export interface PlanView {
  id: number;
  status: PlanStatus;
  delinquent: boolean;
  startDate: IsoDate;
  firstDueDate: IsoDate;
  monthlyAmount: Cents;
  downPayment: Cents;
  graceDays: number;
  includeNewCharges: boolean;
  total: Cents;
  paid: Cents;
  remaining: Cents;
  pastDue: Cents;
  nextDue: { dueDate: IsoDate; amount: Cents } | null;
  installments: InstallmentView[];
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface PromiseView {
  id: number;
  kind: PromiseKind;
  amount: Cents;
  dueDate: IsoDate;
  status: PromiseStatus;
  note: string | null;
  paidSince: Cents;
  createdBy: string;
  createdAt: string;
}

/** The advice as shared/plans/advice.ts computes it, sent to the screen as it is. */
export type RepaymentAdviceView = RepaymentAdvice;

const planLength = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('amount'), monthlyAmount: positiveAmount('Monthly amount') }),
    z.strictObject({
      mode: z.literal('months'),
      months: z
        .number({ error: 'Number of months must be a number.' })
        .int('Number of months must be a whole number.')
        .min(1, 'A plan runs at least 1 month.')
        .max(600, 'Number of months is too large.'),
    }),
  ],
  'Choose a monthly amount or a number of months.',
);

export const planTermsInput = z.strictObject({
  accountId: accountIdField(),
  downPayment: nonNegativeAmount('Down payment'),
  length: planLength,
  firstDueDate: isoDateField('First due date'),
});

export const createPlanInput = planTermsInput.extend({
  includeNewCharges: z.boolean('Say whether new charges join the plan.'),
  note: optionalText('Note', 500),
});

export const endPlanInput = z.strictObject({
  planId: planIdField(),
  status: z.enum(['broken', 'cancelled'], 'A plan is ended as broken or cancelled.'),
  reason: requiredText('Reason', 500),
});

export const recordPromiseInput = z.strictObject({
  accountId: accountIdField(),
  kind: z.enum(PROMISE_KIND.keys, 'Choose a promise to pay or a credit extension.'),
  /** A promise names its amount; an extension covers the whole patient balance. */
  amount: positiveAmount('Promised amount').nullish(),
  dueDate: isoDateField('Date'),
  note: optionalText('Note', 500),
});

export const repaymentAdviceInput = z.strictObject({
  accountId: accountIdField(),
  annualIncome: centsField('Annual household income').refine(
    (v) => v >= 0,
    'Annual household income cannot be negative.',
  ),
  householdSize: z
    .number({ error: 'Household size must be a number.' })
    .int('Household size must be a whole number.')
    .min(1, 'A household has at least 1 person.')
    .max(20, 'Household size is at most 20.'),
  region: z.enum(
    ['contiguous', 'alaska', 'hawaii'],
    'Choose the 48 states and DC, Alaska or Hawaii.',
  ),
});

export const plansMethods = {
  previewPlan: read<PlanPreview>()(planTermsInput),
  createPlan: write<Created>()(createPlanInput),
  endPlan: write<Created>()(endPlanInput),
  recordPromise: write<Created>()(recordPromiseInput),
  getRepaymentAdvice: read<RepaymentAdviceView>()(repaymentAdviceInput),
} satisfies MethodGroup;
