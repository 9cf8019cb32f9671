import { z } from 'zod';
import {
  ADJUSTMENT_CATEGORY,
  LEDGER_SIDE,
  type AdjustmentCategory,
  type LedgerSide,
} from '../codes/enums';
import type { Cents } from '../money/cents';
import type { BatchSummary } from './batches';
import {
  accountIdField,
  batchIdField,
  claimIdField,
  claimLineIdField,
  id,
  isoDateField,
  ledgerEntryIdField,
  nonNegativeAmount,
  none,
  optionalText,
  positiveAmount,
  receiptIdField,
  requiredText,
} from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/** Posting money: payments, EOBs, adjustments and their reasons and approvals, refunds, reversals. */

export interface BalanceTotals {
  total: Cents;
  insurance: Cents;
  patient: Cents;
}

export interface PostingResult {
  receiptId: number | null;
  entryIds: number[];
  balance: BalanceTotals;
  batch: BatchSummary | null;
  /** One sentence for the person who posted, e.g. where the money went. */
  message: string;
  /** Set when nothing posted: the request that waits for a supervisor's approval. */
  pendingRequestId?: number;
}

export interface AdjustmentResult {
  status: 'posted' | 'pending_approval' | 'rejected';
  entryId: number | null;
  requestId: number | null;
  message: string;
}

/** What waits for a supervisor: a write-off or reversal over the day's limit, or a refund. */
export type ApprovalKind = 'write_off' | 'refund' | 'reverse_entry' | 'reverse_payment';

export interface AdjustmentRequestView {
  id: number;
  kind: ApprovalKind;
  accountId: number;
  accountNumber: string;
  patientName: string;
  claimNumber: string | null;
  side: LedgerSide | null;
  amount: Cents;
  /** The write-off reason's code; null for refunds and reversals. */
  reasonCode: string | null;
  /** What is asked, as a person reads it: the write-off reason, "Refund by check 1042". */
  reasonLabel: string;
  /** Why the requester asks (their explanation, or the reversal's reason). */
  memo: string | null;
  status: 'pending' | 'approved' | 'rejected';
  requestedById: number;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface AdjustmentReasonsView {
  reasons: AdjustmentReason[];
  /** Whether this user may add, rename or retire reasons (supervisors only). */
  canChange: boolean;
}

export interface AdjustmentReason {
  code: string;
  label: string;
  category: AdjustmentCategory;
  active: boolean;
}

const batchId = batchIdField().nullish();

/** A patient payment's fields, wherever it is posted from. */
const patientPaymentFields = {
  accountId: accountIdField(),
  amount: positiveAmount('Payment amount'),
  method: z.enum(['cash', 'check', 'card'], 'Choose cash, check or card.'),
  checkNumber: optionalText('Check number', 30),
  reference: optionalText('Reference', 60),
  receivedDate: isoDateField('Date received'),
  /** Omitted: oldest first. Otherwise what goes to each claim; claimId null is the account. */
  allocations: z
    .array(
      z.strictObject({ claimId: claimIdField().nullable(), amount: positiveAmount('Amount') }),
      'Allocations must be a list.',
    )
    .min(1, 'Apply the payment to at least one claim, or leave it to go oldest first.')
    .max(100, 'At most 100 allocations.')
    .nullish(),
  memo: optionalText('Memo', 500),
};

function methodDetails(
  v: { method: string; checkNumber?: string | null; reference?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (v.method === 'check' && !v.checkNumber)
    ctx.addIssue({ code: 'custom', path: ['checkNumber'], message: 'A check needs its number.' });
  if (v.method === 'card' && !v.reference)
    ctx.addIssue({
      code: 'custom',
      path: ['reference'],
      message: 'A card payment needs its authorisation or transaction reference.',
    });
}

export const postPatientPaymentInput = z
  .strictObject({ ...patientPaymentFields, batchId })
  .superRefine(methodDetails);

/**
 * A patient payment taken at the account: it goes into today's open batch for patients'
 * money, or a front-desk batch opened for today in the same request, so a refused
 * payment leaves no batch behind.
 */
export const takePaymentInput = z.strictObject(patientPaymentFields).superRefine(methodDetails);

export interface TakePaymentResult extends PostingResult {
  batch: BatchSummary;
  /** True when no batch was open for today and this payment opened one. */
  batchOpened: boolean;
}

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
  claimLineId: claimLineIdField().nullable(),
  paid: nonNegativeAmount('Paid amount'),
  contractual: nonNegativeAmount('Contractual adjustment'),
  deductible: nonNegativeAmount('Deductible'),
  coinsurance: nonNegativeAmount('Coinsurance'),
  copay: nonNegativeAmount('Copay'),
  otherAdjustments: z.array(adjustmentCode).max(10, 'At most 10 other adjustments.').default([]),
});

export const postInsurancePaymentInput = z.strictObject({
  accountId: accountIdField(),
  claimId: claimIdField(),
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
  accountId: accountIdField(),
  claimId: claimIdField().nullish(),
  side: z.enum(LEDGER_SIDE.keys, 'Choose the insurance or the patient side.'),
  amount: positiveAmount('Adjustment amount'),
  reasonCode: requiredText('Adjustment reason', 30),
  memo: requiredText('Explanation', 500),
});

export const decideAdjustmentInput = z
  .strictObject({
    requestId: id('Request'),
    decision: z.enum(['approve', 'reject'], 'Choose approve or refuse.'),
    note: optionalText('Reason', 500),
  })
  .superRefine((v, ctx) => {
    // the history says why something asked for did not happen
    if (v.decision === 'reject' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why it is refused.' });
  });

export const listAdjustmentRequestsInput = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.number().int().min(1).max(500).default(200),
});

export const postRefundInput = z.strictObject({
  accountId: accountIdField(),
  side: z.enum(LEDGER_SIDE.keys, 'Choose the insurance or the patient side.'),
  amount: positiveAmount('Refund amount'),
  method: z.enum(['check', 'card', 'eft'], 'Choose check, card or EFT.'),
  reference: requiredText('Check number or refund reference', 60),
  memo: requiredText('Reason for the refund', 500),
});

export const reversePaymentInput = z.strictObject({
  receiptId: receiptIdField(),
  reason: requiredText('Reason for the reversal', 500),
});

export const reverseEntryInput = z.strictObject({
  entryId: ledgerEntryIdField(),
  reason: requiredText('Reason for the reversal', 500),
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

export const postingMethods = {
  listAdjustmentReasons: read<AdjustmentReasonsView>()(none),
  saveAdjustmentReason: write<AdjustmentReasonsView>()(
    saveAdjustmentReasonInput,
    supervisor('change the list of adjustment reasons'),
  ),
  postPatientPayment: write<PostingResult>()(postPatientPaymentInput),
  takePayment: write<TakePaymentResult>()(takePaymentInput),
  postInsurancePayment: write<PostingResult>()(postInsurancePaymentInput),
  postAdjustment: write<AdjustmentResult>()(postAdjustmentInput),
  listAdjustmentRequests: read<AdjustmentRequestView[]>()(listAdjustmentRequestsInput),
  decideAdjustment: write<AdjustmentResult>()(
    decideAdjustmentInput,
    supervisor('approve or refuse a request waiting for approval'),
  ),
  postRefund: write<PostingResult>()(postRefundInput),
  reversePayment: write<PostingResult>()(reversePaymentInput),
  reverseEntry: write<PostingResult>()(reverseEntryInput),
} satisfies MethodGroup;
