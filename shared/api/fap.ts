import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { AccountId, DocumentId } from '../ids';
import type { Cents } from '../money/cents';
import {
  accountIdField,
  id,
  isoDateField,
  nonNegativeAmount,
  optionalText,
  requiredText,
} from './fields';
import { read, supervisor, write, type MethodGroup } from './method';

/**
 * IRS section 501(r) for a tax-exempt hospital: per episode of care (an account), the
 * first billing statement after discharge starts a 120-day notification period and a
 * 240-day application period; extraordinary collection actions (ECAs) wait for both the
 * end of the 120 days and 30 days after a written notice, and stop while a
 * financial-assistance application is pending.
 */

export const ECA_ACTION = labelled([
  ['agency_referral', 'Referral to an agency that reports to credit bureaus'],
  ['credit_report', 'Report to credit bureaus'],
  ['debt_sale', 'Sale of the debt'],
  ['legal_action', 'Legal action'],
] as const);
export type EcaAction = (typeof ECA_ACTION.keys)[number];

export const APPLICATION_STATUS = labelled([
  ['pending', 'Received, being reviewed'],
  ['incomplete', 'Incomplete: waiting for the applicant'],
  ['eligible', 'Eligible'],
  ['ineligible', 'Not eligible'],
] as const);
export type ApplicationStatus = (typeof APPLICATION_STATUS.keys)[number];

/** Days after the first post-discharge statement (26 CFR 1.501(r)-1(b)(35), (b)(3)). */
export const NOTIFICATION_DAYS = 120;
export const APPLICATION_DAYS = 240;
/** The written notice goes out at least this many days before the first ECA. */
export const NOTICE_DAYS = 30;

export interface AssistanceApplicationView {
  id: number;
  receivedOn: IsoDate;
  status: ApplicationStatus;
  /** What an incomplete application still lacks, as recorded. */
  missing: string[];
  completeBy: IsoDate | null;
  discountedAmount: Cents | null;
  decidedOn: IsoDate | null;
  note: string | null;
  /** Received within the 240-day application period (null while no statement went out). */
  withinApplicationPeriod: boolean | null;
}

export interface EcaNoticeView {
  documentId: DocumentId;
  sentOn: IsoDate;
  /** The first day the notice says an ECA may be taken. */
  deadline: IsoDate;
}

export interface ExtraordinaryActionView {
  id: number;
  action: EcaAction;
  takenOn: IsoDate;
  note: string | null;
  reversedOn: IsoDate | null;
  reversalReason: string | null;
}

export interface AssistanceTimeline {
  accountId: AccountId;
  /** Whether the office's billing rule says the facility is bound by 501(r). */
  bound: boolean;
  /** Where the episode of care ends: the discharge date, else the date of service. */
  episodeEnd: IsoDate;
  firstStatementDate: IsoDate | null;
  notificationEnds: IsoDate | null;
  applicationEnds: IsoDate | null;
  notices: EcaNoticeView[];
  applications: AssistanceApplicationView[];
  actions: ExtraordinaryActionView[];
  /** Today's answer of the ECA gate; allowedFrom is the date it opens when one is known. */
  eca: { allowed: boolean; allowedFrom: IsoDate | null; reason: string | null };
  /** Whether this user may decide applications and record ECAs. */
  canDecide: boolean;
}

const accountOnly = z.strictObject({ accountId: accountIdField() });

export const receiveApplicationInput = z.strictObject({
  accountId: accountIdField(),
  receivedOn: isoDateField('Date received'),
});

export const applicationIncompleteInput = z.strictObject({
  applicationId: id('Application'),
  missing: z
    .array(requiredText('What is missing', 200))
    .min(1, 'Say what the application is missing.')
    .max(12, 'At most 12 missing items.'),
});

export const decideApplicationInput = z.strictObject({
  applicationId: id('Application'),
  decision: z.enum(['eligible', 'ineligible'], 'Choose eligible or not eligible.'),
  /** Eligible: what the patient owes for the episode after the discount ($0.00 for free care). */
  discountedAmount: nonNegativeAmount('Amount owed after the discount'),
  /** How a refund of what was paid above the discounted amount goes out, when there is one. */
  refundMethod: z.enum(['check', 'card', 'eft'], 'Choose how the refund is paid.').nullish(),
  refundReference: optionalText('Refund reference', 60),
  note: requiredText('Reason for the decision', 500),
});

export const recordEcaInput = z.strictObject({
  accountId: accountIdField(),
  action: z.enum(ECA_ACTION.keys, 'Choose the collection action.'),
  note: requiredText('Note', 500),
});

export const fapMethods = {
  getAssistanceTimeline: read<AssistanceTimeline>()(accountOnly),
  receiveAssistanceApplication: write<AssistanceTimeline>()(receiveApplicationInput),
  markApplicationIncomplete: write<AssistanceTimeline>()(applicationIncompleteInput),
  decideAssistanceApplication: write<AssistanceTimeline>()(
    decideApplicationInput,
    supervisor('decide a financial-assistance application'),
  ),
  sendEcaNotice: write<AssistanceTimeline>()(accountOnly),
  recordExtraordinaryAction: write<AssistanceTimeline>()(
    recordEcaInput,
    supervisor('record an extraordinary collection action'),
  ),
} satisfies MethodGroup;
