import { z } from 'zod';
import type { AgingBuckets } from '../aging/buckets';
import {
  CALL_OUTCOME,
  DIRECTION,
  FOLLOW_UP_KIND,
  PARTY,
  type AccountStatus,
  type ActivityKind,
  type CallOutcome,
  type ClaimStatus,
  type Direction,
  type FinancialClass,
  type FollowUpKind,
  type FollowUpStatus,
  type LedgerKind,
  type LedgerSide,
  type Party,
} from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import type { DenialView } from './denials';
import {
  accountIdField,
  claimIdField,
  followUpIdField,
  isoDateField,
  positiveAmount,
  optionalText,
  personIdField,
  requiredText,
  usStateField,
  userIdField,
  zipField,
} from './fields';
import { read, write, type Created, type MethodGroup } from './method';
import type { PlanView, PromiseView } from './plans';
import type { AdjustmentRequestView } from './posting';
import type { Priority } from './queue';

/** One account as a representative works it: the view, its notes and calls, follow-ups and addresses. */

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
  /** ICD-10-CM codes from the claim file, principal first; none for claims made by hand. */
  diagnosisCodes: string[];
  /** The claim-level providers the claim file named. */
  providers: ClaimProviderView[];
}

export interface ClaimProviderView {
  role: 'attending' | 'operating' | 'rendering' | 'referring';
  name: string;
  npi: string | null;
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
  /** For a call with the patient or guarantor: their local time, and warnings confirmed. */
  callTime: { localTime: string | null; warnings: string[] } | null;
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

const addActivityInput = z
  .strictObject({
    accountId: accountIdField(),
    claimId: claimIdField().nullish(),
    kind: z.enum(['note', 'call', 'letter', 'visit'], 'Choose what kind of activity this is.'),
    direction: z.enum(DIRECTION.keys, 'Choose inbound or outbound.').nullish(),
    party: z.enum(PARTY.keys, 'Choose who the contact was with.').nullish(),
    outcome: z.enum(CALL_OUTCOME.keys, 'Choose the outcome of the call.').nullish(),
    text: requiredText('Note text', 4000),
    /** A call with the outcome "Promise to pay" records the promise: what and by when. */
    promiseAmount: positiveAmount('Promised amount').nullish(),
    promiseDate: isoDateField('Will pay by').nullish(),
    /** Log a call the contact rules warn about (outside calling hours, too many attempts...). */
    confirmContactWarnings: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'call') return;
    for (const field of ['direction', 'party', 'outcome'] as const) {
      if (value[field] == null) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `A call needs its ${field === 'party' ? 'party' : field}.`,
        });
      }
    }
    if (value.outcome !== 'promise_to_pay') return;
    if (value.promiseAmount == null)
      ctx.addIssue({
        code: 'custom',
        path: ['promiseAmount'],
        message: 'A promise to pay needs its amount.',
      });
    if (value.promiseDate == null)
      ctx.addIssue({
        code: 'custom',
        path: ['promiseDate'],
        message: 'A promise to pay needs the date it will be paid by.',
      });
  });

export const accountsMethods = {
  getAccount: read<AccountView>()(z.strictObject({ accountId: accountIdField() })),
  addActivity: write<Created>()(addActivityInput),
  setFollowUp: write<Created>()(
    z.strictObject({
      accountId: accountIdField(),
      claimId: claimIdField().nullish(),
      kind: z.enum(FOLLOW_UP_KIND.keys, 'Unknown follow-up kind.').default('account'),
      dueDate: isoDateField('Follow-up date'),
      ownerId: userIdField('Owner').nullish(),
      reason: optionalText('Reason', 500),
    }),
  ),
  completeFollowUp: write<Created>()(
    z.strictObject({
      followUpId: followUpIdField(),
      note: optionalText('Note', 4000),
    }),
  ),
  changeAddress: write<Created>()(
    z.strictObject({
      accountId: accountIdField(),
      personId: personIdField(),
      line1: requiredText('Street address', 100),
      line2: optionalText('Address line 2', 100),
      city: requiredText('City', 60),
      state: usStateField(),
      zip: zipField(),
      effectiveDate: isoDateField('Effective date'),
      reason: optionalText('Reason', 200),
    }),
  ),
} satisfies MethodGroup;
