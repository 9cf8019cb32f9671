/**
 * Code tables shared by the database, the API and the screens. Each list is the single
 * source of the allowed values; labels are what a person reads.
 */
export function labelled<const K extends string>(entries: readonly (readonly [K, string])[]) {
  const keys = entries.map(([k]) => k) as unknown as readonly [K, ...K[]];
  const labels = Object.fromEntries(entries) as Record<K, string>;
  return { keys, labels };
}

export const FINANCIAL_CLASS = labelled([
  ['medicare', 'Medicare'],
  ['medicaid', 'Medicaid'],
  ['commercial', 'Commercial'],
  ['managed_care', 'Managed care'],
  ['workers_comp', "Workers' compensation"],
  ['self_pay', 'Self-pay'],
] as const);
export type FinancialClass = (typeof FINANCIAL_CLASS.keys)[number];

export const ACCOUNT_STATUS = labelled([
  ['open', 'Open'],
  ['closed', 'Closed'],
  ['bad_debt', 'Bad debt'],
  ['agency', 'At agency'],
] as const);
export type AccountStatus = (typeof ACCOUNT_STATUS.keys)[number];

export const CLAIM_STATUS = labelled([
  ['unbilled', 'Unbilled'],
  ['billed', 'Billed'],
  ['acknowledged', 'Acknowledged'],
  ['pending', 'Pending'],
  ['rejected', 'Rejected: fix and resubmit'],
  ['paid', 'Paid'],
  ['partially_paid', 'Partially paid'],
  ['denied', 'Denied'],
  ['appealed', 'Appealed'],
  ['reversed', 'Reversed'],
  ['closed', 'Closed'],
  ['voided', 'Voided'],
] as const);
export type ClaimStatus = (typeof CLAIM_STATUS.keys)[number];

export const LEDGER_KIND = labelled([
  ['charge', 'Charge'],
  ['payment', 'Payment'],
  ['adjustment', 'Adjustment'],
  ['transfer', 'Transfer'],
  ['refund', 'Refund'],
] as const);
export type LedgerKind = (typeof LEDGER_KIND.keys)[number];

export const LEDGER_SIDE = labelled([
  ['insurance', 'Insurance'],
  ['patient', 'Patient'],
] as const);
export type LedgerSide = (typeof LEDGER_SIDE.keys)[number];

export const ACTIVITY_KIND = labelled([
  ['note', 'Note'],
  ['call', 'Call'],
  ['letter', 'Letter'],
  ['visit', 'Visit'],
  ['system', 'System'],
] as const);
export type ActivityKind = (typeof ACTIVITY_KIND.keys)[number];

export const DIRECTION = labelled([
  ['outbound', 'Outbound'],
  ['inbound', 'Inbound'],
] as const);
export type Direction = (typeof DIRECTION.keys)[number];

export const PARTY = labelled([
  ['patient', 'Patient'],
  ['guarantor', 'Guarantor'],
  ['payer', 'Payer'],
  ['employer', 'Employer'],
  ['attorney', 'Attorney'],
  ['agency', 'Collection agency'],
  ['other', 'Other'],
] as const);
export type Party = (typeof PARTY.keys)[number];

export const CALL_OUTCOME = labelled([
  ['reached', 'Reached, spoke with party'],
  ['left_message', 'Left message'],
  ['no_answer', 'No answer'],
  ['busy', 'Busy'],
  ['wrong_number', 'Wrong number'],
  ['promise_to_pay', 'Promise to pay'],
  ['disputed', 'Disputed balance'],
  ['claim_in_process', 'Payer: claim in process'],
  ['claim_paid', 'Payer: claim paid'],
  ['claim_denied', 'Payer: claim denied'],
  ['info_requested', 'Payer: information requested'],
] as const);
export type CallOutcome = (typeof CALL_OUTCOME.keys)[number];

export const FOLLOW_UP_KIND = labelled([
  ['account', 'Account follow-up'],
  ['claim_status', 'Claim status'],
  ['denial', 'Denial'],
  ['callback', 'Callback'],
  ['promise', 'Promise to pay'],
  ['plan', 'Payment plan'],
  ['credit_balance', 'Credit balance'],
  ['statement', 'Statement'],
  ['probate', 'Probate claim'],
  ['skip_trace', 'Skip trace'],
  ['returned_check', 'Returned check'],
] as const);
export type FollowUpKind = (typeof FOLLOW_UP_KIND.keys)[number];

export const FOLLOW_UP_STATUS = labelled([
  ['open', 'Open'],
  ['done', 'Done'],
  ['cancelled', 'Cancelled'],
] as const);
export type FollowUpStatus = (typeof FOLLOW_UP_STATUS.keys)[number];

export const USER_ROLE = labelled([
  ['representative', 'Account representative'],
  ['supervisor', 'Supervisor'],
] as const);
export type UserRole = (typeof USER_ROLE.keys)[number];

export const BATCH_SOURCE = labelled([
  ['desk', 'Front desk'],
  ['mail', 'Mail'],
  ['lockbox', 'Lockbox'],
  ['insurer', 'Insurer (paper EOB)'],
] as const);
export type BatchSource = (typeof BATCH_SOURCE.keys)[number];

export const PAYMENT_METHOD = labelled([
  ['cash', 'Cash'],
  ['check', 'Check'],
  ['card', 'Card'],
  ['eft', 'EFT'],
] as const);
export type PaymentMethod = (typeof PAYMENT_METHOD.keys)[number];

export const RECEIPT_KIND = labelled([
  ['patient_payment', 'Patient payment'],
  ['insurance_payment', 'Insurance payment'],
  ['refund', 'Refund'],
] as const);
export type ReceiptKind = (typeof RECEIPT_KIND.keys)[number];

export const ADJUSTMENT_CATEGORY = labelled([
  ['contractual', 'Contractual'],
  ['charity', 'Charity / financial assistance'],
  ['small_balance', 'Small balance'],
  ['administrative', 'Administrative'],
  ['bad_debt', 'Bad debt'],
] as const);
export type AdjustmentCategory = (typeof ADJUSTMENT_CATEGORY.keys)[number];

export const PLAN_STATUS = labelled([
  ['active', 'Active'],
  ['paid_off', 'Paid off'],
  ['broken', 'Broken'],
  ['cancelled', 'Cancelled'],
] as const);
export type PlanStatus = (typeof PLAN_STATUS.keys)[number];

export const PROMISE_KIND = labelled([
  ['promise', 'Promise to pay'],
  ['extension', 'Credit extension'],
] as const);
export type PromiseKind = (typeof PROMISE_KIND.keys)[number];

export const PROMISE_STATUS = labelled([
  ['open', 'Open'],
  ['kept', 'Kept'],
  ['broken', 'Broken'],
  ['cancelled', 'Cancelled'],
] as const);
export type PromiseStatus = (typeof PROMISE_STATUS.keys)[number];

/** Patient responsibility on an EOB, with the CARC group/reason each one is posted under. */
export const PATIENT_SHARE = labelled([
  ['deductible', 'Deductible'],
  ['coinsurance', 'Coinsurance'],
  ['copay', 'Copay'],
] as const);
export type PatientShare = (typeof PATIENT_SHARE.keys)[number];
export const PATIENT_SHARE_CODE: Record<PatientShare, string> = {
  deductible: 'PR-1',
  coinsurance: 'PR-2',
  copay: 'PR-3',
};
