import type { AgingBucketKey, AgingBuckets } from '../aging/buckets';
import type {
  AccountStatus,
  ActivityKind,
  AdjustmentCategory,
  BatchSource,
  CallOutcome,
  ClaimStatus,
  Direction,
  FinancialClass,
  FollowUpKind,
  FollowUpStatus,
  LedgerKind,
  LedgerSide,
  Party,
  PaymentMethod,
  PlanStatus,
  PromiseKind,
  PromiseStatus,
  ReceiptKind,
} from '../codes/enums';
import type {
  AppealLevel,
  DenialAction,
  DenialCategory,
  DenialResolution,
  DenialState,
} from '../codes/denials';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';

/** What each API method returns. Inputs are the zod schemas in contract.ts. */

export interface UserRef {
  id: number;
  displayName: string;
}

export interface AppInfo {
  today: IsoDate;
  user: UserRef;
  accountCount: number;
  databasePath: string;
  version: string;
}

export interface DemoLoadResult {
  patients: number;
  accounts: number;
  claims: number;
  ledgerEntries: number;
}

export type Priority = 'high' | 'medium' | 'low';

export interface QueueRow {
  followUpId: number;
  kind: FollowUpKind;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
  daysToDeadline: number | null;
  priority: Priority;
  reason: string | null;
  accountId: number;
  accountNumber: string;
  patientName: string;
  financialClass: FinancialClass;
  claimId: number | null;
  claimNumber: string | null;
  claimStatus: ClaimStatus | null;
  payerName: string | null;
  denialCodes: string[];
  balance: Cents;
  insuranceBalance: Cents;
  patientBalance: Cents;
  ageDays: number;
  agingBucket: AgingBucketKey;
  ownerName: string | null;
}

export interface QueueList {
  today: IsoDate;
  total: number;
  rows: QueueRow[];
}

export interface QueueOptions {
  payers: { id: number; name: string }[];
  owners: UserRef[];
}

export type SearchMatch =
  'account_number' | 'claim_number' | 'payer_claim_number' | 'name' | 'date_of_birth' | 'phone';

export interface SearchResult {
  accountId: number;
  accountNumber: string;
  claimNumber: string | null;
  patientName: string;
  dateOfBirth: IsoDate | null;
  phone: string | null;
  serviceDate: IsoDate;
  status: AccountStatus;
  balance: Cents;
  matchedOn: SearchMatch;
}

export interface SearchResults {
  /** How the query was read, e.g. "date of birth 03/07/1961". */
  interpretedAs: string;
  results: SearchResult[];
  truncated: boolean;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface AddressRecord extends Address {
  id: number;
  effectiveDate: IsoDate;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
}

export interface PersonView {
  id: number;
  firstName: string;
  middleName: string | null;
  lastName: string;
  fullName: string;
  dateOfBirth: IsoDate | null;
  sex: string | null;
  phone: string | null;
  returnedMail: boolean;
  deceasedDate: IsoDate | null;
  address: AddressRecord | null;
  addressHistory: AddressRecord[];
}

export interface CoverageView {
  id: number;
  priority: number;
  payerId: number;
  payerName: string;
  financialClass: FinancialClass;
  memberId: string;
  groupNumber: string | null;
  appealWindowDays: number;
}

export interface AdjustmentView {
  lineNumber: number | null;
  groupCode: string;
  reasonCode: string;
  code: string;
  amount: Cents;
  description: string;
  groupDescription: string;
}

export interface RemarkView {
  lineNumber: number | null;
  code: string;
  description: string;
}

export interface ClaimLineView {
  id: number;
  lineNumber: number;
  serviceDate: IsoDate;
  revenueCode: string | null;
  procedureCode: string | null;
  modifiers: string[];
  units: number;
  charge: Cents;
}

export interface ClaimView {
  id: number;
  claimNumber: string;
  payerClaimNumber: string | null;
  payerName: string;
  coveragePriority: number | null;
  billedDate: IsoDate | null;
  remitDate: IsoDate | null;
  status: ClaimStatus;
  totalCharge: Cents;
  paid: Cents;
  /** Open on the insurance side of this claim. */
  balance: Cents;
  /** Open on the patient side of this claim (deductible, coinsurance, copay moved there). */
  patientBalance: Cents;
  lines: ClaimLineView[];
  adjustments: AdjustmentView[];
  remarks: RemarkView[];
}

export interface LedgerEntryView {
  id: number;
  postingDate: IsoDate;
  kind: LedgerKind;
  side: LedgerSide;
  amount: Cents;
  runningBalance: Cents;
  claimNumber: string | null;
  reference: string | null;
  reasonCode: string | null;
  memo: string | null;
  reversesId: number | null;
  reversedById: number | null;
  /** The payment this row is part of; such rows are reversed together, as one payment. */
  receiptId: number | null;
  createdBy: string;
}

export interface ActivityView {
  id: number;
  kind: ActivityKind;
  direction: Direction | null;
  party: Party | null;
  outcome: CallOutcome | null;
  text: string;
  claimNumber: string | null;
  userName: string;
  occurredAt: string;
}

export interface FollowUpView {
  id: number;
  kind: FollowUpKind;
  status: FollowUpStatus;
  claimId: number | null;
  claimNumber: string | null;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
  ownerId: number | null;
  ownerName: string | null;
  reason: string | null;
  priority: Priority;
  completedAt: string | null;
}

export interface BalanceView {
  total: Cents;
  insurance: Cents;
  patient: Cents;
  aging: { total: AgingBuckets; insurance: AgingBuckets; patient: AgingBuckets };
}

export interface AccountView {
  today: IsoDate;
  account: {
    id: number;
    accountNumber: string;
    status: AccountStatus;
    financialClass: FinancialClass;
    serviceDate: IsoDate;
    dischargeDate: IsoDate | null;
  };
  patient: PersonView;
  guarantor: PersonView;
  guarantorIsPatient: boolean;
  coverages: CoverageView[];
  balance: BalanceView;
  claims: ClaimView[];
  ledger: LedgerEntryView[];
  activities: ActivityView[];
  followUps: FollowUpView[];
  plans: PlanView[];
  promises: PromiseView[];
  adjustmentRequests: AdjustmentRequestView[];
  denials: DenialView[];
}

export interface Created {
  id: number;
}

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
}

export interface BillingRulesView {
  rules: BillingRules;
  /** Whether this user may change them (supervisors only). */
  canChange: boolean;
  /** The latest change to any rule; null while every rule is at its default. */
  lastChange: { at: string; byName: string } | null;
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

export interface BatchSummary {
  id: number;
  depositDate: IsoDate;
  source: BatchSource;
  description: string | null;
  expectedTotal: Cents;
  postedTotal: Cents;
  /** expected − posted: what is still to be posted (negative when too much was). */
  difference: Cents;
  receiptCount: number;
  status: 'open' | 'closed';
  createdBy: string;
  closedAt: string | null;
}

export interface ReceiptView {
  id: number;
  accountId: number;
  accountNumber: string;
  patientName: string;
  kind: ReceiptKind;
  payerName: string | null;
  method: PaymentMethod;
  checkNumber: string | null;
  reference: string | null;
  amount: Cents;
  receivedDate: IsoDate;
  memo: string | null;
  reversesId: number | null;
  reversedById: number | null;
  createdBy: string;
  createdAt: string;
}

export interface MethodTotal {
  method: PaymentMethod;
  count: number;
  total: Cents;
}

export interface BatchView {
  batch: BatchSummary;
  receipts: ReceiptView[];
  byMethod: MethodTotal[];
}

export interface CashSummary {
  date: IsoDate;
  batches: BatchSummary[];
  byMethod: MethodTotal[];
  total: Cents;
  openBatches: number;
  /** Money posted that day outside any batch. */
  unbatchedTotal: Cents;
}

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
}

export interface AdjustmentResult {
  status: 'posted' | 'pending_approval' | 'rejected';
  entryId: number | null;
  requestId: number | null;
  message: string;
}

export interface AdjustmentRequestView {
  id: number;
  accountId: number;
  accountNumber: string;
  patientName: string;
  claimNumber: string | null;
  side: LedgerSide;
  amount: Cents;
  reasonCode: string;
  reasonLabel: string;
  memo: string | null;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

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

export interface RepaymentAdviceView {
  guidelineYear: number;
  guideline: Cents;
  percentOfPoverty: number;
  suggestAssistanceScreening: boolean;
  affordableMonthly: Cents;
  suggestedMonths: number | null;
  suggestedMonthly: Cents | null;
  message: string;
}

export type ImportKind = '835' | '277' | '837' | 'csv' | 'unknown';
export type ImportStatus = 'posted' | 'partial' | 'duplicate' | 'rejected';

/** A problem found in a file, with where it is (segment id and 1-based position). */
export interface ImportProblem {
  message: string;
  segmentId: string | null;
  segmentIndex: number | null;
}

export interface RemittanceReport {
  payerName: string;
  traceNumber: string;
  paymentAmount: Cents;
  /** Set when this remittance was imported before; nothing of it was posted again. */
  duplicateOf: { importedAt: string; fileName: string } | null;
  claimsPosted: number;
  totalPaid: Cents;
  adjustments: Cents;
  patientResponsibility: Cents;
  denialsCreated: number;
  reversals: number;
  exceptions: number;
  providerAdjustments: Cents;
  failedChecks: ImportProblem[];
}

export interface ClaimStatusReport {
  claimsUpdated: number;
  followUpsCreated: number;
  unmatched: number;
}

export type ClaimFileOutcome = 'added' | 'updated' | 'voided' | 'skipped';

/** What an 837 claim file did with one of its claims. */
export interface ClaimFileClaim {
  /** CLM01 as sent. */
  patientControlNumber: string;
  claimType: 'institutional' | 'professional';
  /** CLM05-3: `1` original, `7` replacement, `8` void. */
  frequencyCode: string;
  patientName: string | null;
  payerName: string | null;
  totalCharge: Cents;
  outcome: ClaimFileOutcome;
  /** Skipped only because the same claim was imported (or voided) before. */
  alreadyImported: boolean;
  /** Our claim and account, when one was found or made. */
  claimNumber: string | null;
  accountId: number | null;
  accountNumber: string | null;
  /** Net charges posted for the claim: negative when a replacement lowered them or a void reversed them. */
  chargesPosted: Cents;
  /** What happened, or why nothing did. */
  message: string;
  /** 1-based position of the claim's CLM segment in the file. */
  segmentIndex: number | null;
  /** The checks a skipped claim failed, with where they are. */
  problems: ImportProblem[];
}

export interface ClaimFileReport {
  claimTypes: ('institutional' | 'professional')[];
  transactions: number;
  claimsRead: number;
  added: number;
  updated: number;
  voided: number;
  skipped: number;
  /** Of the skipped, those imported (or voided) before: nothing to do. */
  alreadyImported: number;
  /** Net charges posted by the whole file. */
  chargesPosted: Cents;
  accountsCreated: number;
  peopleCreated: number;
  /** Payers the file named that ClaimDesk did not have, created with these default deadlines. */
  payersCreated: {
    payerId: string;
    name: string;
    timelyFilingDays: number;
    appealWindowDays: number;
  }[];
  claims: ClaimFileClaim[];
}

/**
 * How far a long write (a large import) has got, for a progress bar that moves while
 * one file is posted.
 */
export interface WorkProgress {
  /** What is being done now, e.g. "Posting claims". */
  label: string;
  done: number;
  /** 0 while the amount of work is not known yet (the file is still being read). */
  total: number;
}

export interface ImportReport {
  importId: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  summary: string;
  /** Problems that stopped the whole file. */
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  remittances: RemittanceReport[];
  claimStatus: ClaimStatusReport | null;
  /** 837 claim files; absent from reports saved before claim files could be imported. */
  claimFile?: ClaimFileReport | null;
}

export interface ImportListItem {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  summary: string;
  importedAt: string;
  importedBy: string;
}

export interface RemittanceExceptionView {
  id: number;
  payerName: string;
  traceNumber: string;
  remitDate: IsoDate;
  patientControlNumber: string;
  payerClaimNumber: string | null;
  patientName: string | null;
  charge: Cents;
  paid: Cents;
  reason: string;
  postable: boolean;
  status: 'open' | 'matched' | 'set_aside';
  claimNumber: string | null;
  note: string | null;
}

export interface DenialView {
  id: number;
  followUpId: number;
  accountId: number;
  accountNumber: string;
  patientName: string;
  claimId: number;
  claimNumber: string;
  payerClaimNumber: string | null;
  payerName: string;
  category: DenialCategory;
  action: DenialAction;
  codes: { code: string; description: string }[];
  amount: Cents;
  remitDate: IsoDate;
  deadlineDate: IsoDate;
  daysLeft: number;
  state: DenialState;
  appealLevel: AppealLevel;
  resolution: DenialResolution | null;
  priority: Priority;
}

export interface DenialList {
  today: IsoDate;
  total: number;
  rows: DenialView[];
}
