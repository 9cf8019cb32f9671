import type { AgingBucketKey, AgingBuckets } from '../aging/buckets';
import type {
  AccountStatus,
  ActivityKind,
  CallOutcome,
  ClaimStatus,
  Direction,
  FinancialClass,
  FollowUpKind,
  FollowUpStatus,
  LedgerKind,
  LedgerSide,
  Party,
} from '../codes/enums';
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
  balance: Cents;
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
}

export interface Created {
  id: number;
}
