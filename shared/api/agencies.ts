import { z } from 'zod';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { AccountId } from '../ids';
import type { Cents } from '../money/cents';
import { DUNNING_STAGE, type DunningStage } from './statements';
import { accountIdField, centsField, id, optionalText, requiredText, whole } from './fields';
import type { Created } from './method';
import { read, supervisor, write, type MethodGroup } from './method';

/** Collection agencies: who they are, the accounts placed with them and recalled, their payments. */

/**
 * Every column a placement file may have. The list is closed: an agency's layout picks from
 * it, so a diagnosis or procedure code, or a Social Security number, can never be sent.
 */
export const PLACEMENT_COLUMN = labelled([
  ['account', 'Account'],
  ['guarantor_name', 'Guarantor name'],
  ['address', 'Address'],
  ['phone', 'Phone'],
  ['date_of_birth', 'Date of birth'],
  ['balance', 'Balance'],
  ['service_dates', 'Dates of service'],
  ['last_payment', 'Last payment'],
] as const);
export type PlacementColumn = (typeof PLACEMENT_COLUMN.keys)[number];

/**
 * Gross: the account is credited all the patient paid the agency (what the agency sent as a
 * payment, its commission as a separate adjustment). Net: only what the agency sent.
 */
export const REMITTANCE = labelled([
  ['gross', 'Gross (payment plus commission adjustment)'],
  ['net', 'Net (what the agency sends)'],
] as const);
export type Remittance = (typeof REMITTANCE.keys)[number];

export interface Agency {
  id: number;
  name: string;
  columns: PlacementColumn[];
  /** Basis points: 2500 is 25%. */
  commissionBps: number;
  remittance: Remittance;
  contact: string | null;
  active: boolean;
  /** Accounts at the agency now, and what they owed when placed. */
  placedNow: number;
  placedBalance: Cents;
}

export interface AgencyPlacementRow {
  placementId: number;
  accountId: AccountId;
  accountNumber: string;
  guarantorName: string;
  placedOn: IsoDate;
  balancePlaced: Cents;
  balanceNow: Cents;
  /** What the agency's payment files credited to the account (gross). */
  collected: Cents;
  recalledOn: IsoDate | null;
  recallReason: string | null;
}

export interface AgencyBatchRow {
  batchId: number;
  placedOn: IsoDate;
  accountCount: number;
  balance: Cents;
}

export interface AgencyPaymentFileRow {
  fileId: number;
  fileName: string;
  importedAt: string;
  rowCount: number;
  gross: Cents;
  commission: Cents;
}

export interface AgencyDetail {
  agency: Agency;
  placements: AgencyPlacementRow[];
  batches: AgencyBatchRow[];
  paymentFiles: AgencyPaymentFileRow[];
}

export interface PlacementCandidate {
  accountId: AccountId;
  accountNumber: string;
  guarantorName: string;
  stage: DunningStage;
  finalNoticeDate: IsoDate | null;
  balance: Cents;
}

export interface PlacementExcluded {
  accountId: AccountId;
  accountNumber: string;
  reason: string;
}

export interface PlacementPreview {
  eligible: PlacementCandidate[];
  excluded: PlacementExcluded[];
  eligibleBalance: Cents;
  /** Excluded accounts beyond those listed. */
  excludedNotListed: number;
}

/** A file handed to the person to save (the placement file, CSV). */
export interface AgencyFile {
  fileName: string;
  text: string;
}

export interface PlacementResult {
  batchId: number;
  accountIds: AccountId[];
  balance: Cents;
  file: AgencyFile;
  message: string;
}

export interface RecallResult {
  accountIds: AccountId[];
  message: string;
}

export interface AgencyPaymentsResult {
  fileId: number | null;
  posted: number;
  /** Rows whose reference was posted before (by this file or another). */
  alreadyPosted: number;
  gross: Cents;
  commission: Cents;
  accountIds: AccountId[];
  message: string;
}

const agencyIdField = () => id('Agency');

const columnsField = z
  .array(z.enum(PLACEMENT_COLUMN.keys, 'Choose columns from the list.'))
  .min(1, 'Choose at least one column for the placement file.')
  .refine((c) => new Set(c).size === c.length, 'Each column may be chosen once.')
  .refine((c) => c.includes('account'), 'The placement file needs the account number.');

export const saveAgencyInput = z.strictObject({
  /** null or absent: a new agency. */
  agencyId: agencyIdField().nullish(),
  name: requiredText('Name', 120),
  columns: columnsField,
  commissionBps: whole('Commission', 0, 10_000),
  remittance: z.enum(REMITTANCE.keys, 'Choose gross or net remittance.'),
  contact: optionalText('Contact', 400),
  active: z.boolean().default(true),
});

export const placementRuleInput = z.strictObject({
  agencyId: agencyIdField(),
  minStage: z.enum(DUNNING_STAGE.keys, 'Choose a dunning stage.').default('pre_collection'),
  minDaysSinceFinalNotice: whole('Days since the final notice', 0, 3650).default(0),
  minBalance: centsField('Lowest balance').default(0 as Cents),
  maxBalance: centsField('Highest balance').nullish(),
  noHolds: z.boolean().default(true),
});

const fileText = z
  .string({ error: 'The file is empty.' })
  .min(1, 'The file is empty.')
  .max(20_000_000, 'The file is larger than 20 MB.');

export const agenciesMethods = {
  listAgencies: read<{ agencies: Agency[]; canChange: boolean }>()(z.strictObject({})),
  getAgency: read<AgencyDetail>()(z.strictObject({ agencyId: agencyIdField() })),
  saveAgency: write<Created>()(saveAgencyInput, supervisor('maintain collection agencies')),
  previewPlacement: read<PlacementPreview>()(
    placementRuleInput,
    supervisor('choose accounts for agency placement'),
  ),
  placeAccounts: write<PlacementResult>()(
    z.strictObject({
      agencyId: agencyIdField(),
      accountIds: z
        .array(accountIdField())
        .min(1, 'Choose at least one account to place.')
        .max(5000, 'At most 5,000 accounts at a time.'),
    }),
    supervisor('place accounts with a collection agency'),
  ),
  getPlacementFile: read<AgencyFile>()(
    z.strictObject({ batchId: id('Placement') }),
    supervisor('download placement files'),
  ),
  recallAccounts: write<RecallResult>()(
    z.strictObject({
      accountIds: z.array(accountIdField()).min(1, 'Choose an account to recall.').max(5000),
      reason: requiredText('Reason for the recall', 300),
    }),
  ),
  importRecallFile: write<RecallResult>()(
    z.strictObject({
      agencyId: agencyIdField(),
      fileName: requiredText('File name', 260),
      text: fileText,
      reason: requiredText('Reason for the recall', 300),
    }),
  ),
  importAgencyPayments: write<AgencyPaymentsResult>()(
    z.strictObject({
      agencyId: agencyIdField(),
      fileName: requiredText('File name', 260),
      text: fileText,
    }),
  ),
} satisfies MethodGroup;
