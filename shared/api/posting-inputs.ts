import { z } from 'zod';
import { ADJUSTMENT_CATEGORY, BATCH_SOURCE, LEDGER_SIDE, PROMISE_KIND } from '../codes/enums';
import { ZERO } from '../money/cents';
import { centsField, id, isoDateField, optionalText, requiredText } from './fields';

/** Input schemas for posting money, deposit batches, plans and promises (see contract.ts). */

const positiveAmount = (label: string) =>
  centsField(label).refine((v) => v > 0, `${label} must be more than $0.00.`);
const nonNegativeAmount = (label: string) =>
  centsField(label)
    .refine((v) => v >= 0, `${label} cannot be negative.`)
    .default(ZERO);

const batchId = id('Batch').nullish();

export const openBatchInput = z.strictObject({
  depositDate: isoDateField('Deposit date'),
  source: z.enum(BATCH_SOURCE.keys, 'Choose where the money came from.'),
  expectedTotal: positiveAmount('Expected total'),
  description: optionalText('Description', 200),
});

export const setBatchTotalInput = z.strictObject({
  batchId: id('Batch'),
  expectedTotal: positiveAmount('Expected total'),
});

export const listBatchesInput = z.strictObject({
  status: z.enum(['open', 'closed'], 'Batch status is open or closed.').nullish(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const batchInput = z.strictObject({ batchId: id('Batch') });

export const cashSummaryInput = z.strictObject({ date: isoDateField('Date') });

export const postPatientPaymentInput = z
  .strictObject({
    accountId: id('Account'),
    batchId,
    amount: positiveAmount('Payment amount'),
    method: z.enum(['cash', 'check', 'card'], 'Choose cash, check or card.'),
    checkNumber: optionalText('Check number', 30),
    reference: optionalText('Reference', 60),
    receivedDate: isoDateField('Date received'),
    /** Omitted: oldest first. Otherwise what goes to each claim; claimId null is the account. */
    allocations: z
      .array(
        z.strictObject({ claimId: id('Claim').nullable(), amount: positiveAmount('Amount') }),
        'Allocations must be a list.',
      )
      .min(1, 'Apply the payment to at least one claim, or leave it to go oldest first.')
      .max(100, 'At most 100 allocations.')
      .nullish(),
    memo: optionalText('Memo', 500),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'check' && !v.checkNumber)
      ctx.addIssue({ code: 'custom', path: ['checkNumber'], message: 'A check needs its number.' });
    if (v.method === 'card' && !v.reference)
      ctx.addIssue({
        code: 'custom',
        path: ['reference'],
        message: 'A card payment needs its authorisation or transaction reference.',
      });
  });

const adjustmentCode = z.strictObject({
  groupCode: z.enum(['CO', 'OA', 'PI', 'PR'], 'Group code is CO, OA, PI or PR.'),
  reasonCode: z
    .string({ error: 'Reason code is required.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,5}$/, 'Reason code is 1 to 5 letters or digits, e.g. 45 or B7.'),
  amount: positiveAmount('Adjustment amount'),
});

export const eobLineInput = z.strictObject({
  /** null: the amounts are for the claim as a whole. */
  claimLineId: id('Claim line').nullable(),
  paid: nonNegativeAmount('Paid amount'),
  contractual: nonNegativeAmount('Contractual adjustment'),
  deductible: nonNegativeAmount('Deductible'),
  coinsurance: nonNegativeAmount('Coinsurance'),
  copay: nonNegativeAmount('Copay'),
  otherAdjustments: z.array(adjustmentCode).max(10, 'At most 10 other adjustments.').default([]),
});

export const postInsurancePaymentInput = z.strictObject({
  accountId: id('Account'),
  claimId: id('Claim'),
  batchId,
  method: z.enum(['check', 'eft'], 'Choose check or EFT.'),
  checkNumber: requiredText('Check or EFT trace number', 50),
  eobDate: isoDateField('EOB date'),
  payerClaimNumber: optionalText('Payer claim number', 50),
  lines: z
    .array(eobLineInput, 'Lines must be a list.')
    .min(1, 'Enter at least one line from the EOB.')
    .max(999, 'At most 999 lines.'),
  /** Where the patient share goes: to the patient, or billed to the secondary payer. */
  patientShareTo: z.enum(['patient', 'secondary'], 'Choose patient or secondary payer.'),
  memo: optionalText('Memo', 500),
});

export const postAdjustmentInput = z.strictObject({
  accountId: id('Account'),
  claimId: id('Claim').nullish(),
  side: z.enum(LEDGER_SIDE.keys, 'Choose the insurance or the patient side.'),
  amount: positiveAmount('Adjustment amount'),
  reasonCode: requiredText('Adjustment reason', 30),
  memo: requiredText('Explanation', 500),
});

export const decideAdjustmentInput = z.strictObject({
  requestId: id('Request'),
  decision: z.enum(['approve', 'reject'], 'Choose approve or reject.'),
  note: optionalText('Note', 500),
});

export const listAdjustmentRequestsInput = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.number().int().min(1).max(500).default(200),
});

export const postRefundInput = z.strictObject({
  accountId: id('Account'),
  side: z.enum(LEDGER_SIDE.keys, 'Choose the insurance or the patient side.'),
  amount: positiveAmount('Refund amount'),
  method: z.enum(['check', 'card', 'eft'], 'Choose check, card or EFT.'),
  reference: requiredText('Check number or refund reference', 60),
  memo: requiredText('Reason for the refund', 500),
});

export const reversePaymentInput = z.strictObject({
  receiptId: id('Payment'),
  reason: requiredText('Reason for the reversal', 500),
});

export const reverseEntryInput = z.strictObject({
  entryId: id('Ledger entry'),
  reason: requiredText('Reason for the reversal', 500),
});

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
  accountId: id('Account'),
  downPayment: nonNegativeAmount('Down payment'),
  length: planLength,
  firstDueDate: isoDateField('First due date'),
});

export const createPlanInput = planTermsInput.extend({
  includeNewCharges: z.boolean('Say whether new charges join the plan.'),
  note: optionalText('Note', 500),
});

export const endPlanInput = z.strictObject({
  planId: id('Plan'),
  status: z.enum(['broken', 'cancelled'], 'A plan is ended as broken or cancelled.'),
  reason: requiredText('Reason', 500),
});

export const recordPromiseInput = z.strictObject({
  accountId: id('Account'),
  kind: z.enum(PROMISE_KIND.keys, 'Choose a promise to pay or a credit extension.'),
  /** A promise names its amount; an extension covers the whole patient balance. */
  amount: positiveAmount('Promised amount').nullish(),
  dueDate: isoDateField('Date'),
  note: optionalText('Note', 500),
});

export const repaymentAdviceInput = z.strictObject({
  accountId: id('Account'),
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

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

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
});

export const saveAdjustmentReasonInput = z.strictObject({
  code: z
    .string({ error: 'Code is required.' })
    .trim()
    .toUpperCase()
    .regex(
      /^[A-Z][A-Z0-9_]{1,29}$/,
      'Code is 2 to 30 letters, digits or underscores, e.g. PROMPT_PAY.',
    ),
  label: requiredText('Label', 100),
  category: z.enum(ADJUSTMENT_CATEGORY.keys, 'Choose the category the reason reports under.'),
  active: z.boolean('Say whether the reason is in use.'),
});
