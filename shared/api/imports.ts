import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { claimIdField, id, none, optionalText, requiredText } from './fields';
import { long, read, write, type Created, type MethodGroup } from './method';

/** File imports (835, 277, 837), the long work they run as, and remittance exceptions. */

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
  /** The remittance as stored, for its detail view; absent from reports saved before it. */
  remittanceId?: number | null;
  /** How the payment is made up; absent from older reports and where nothing was posted. */
  tieOut?: TieOut | null;
}

/**
 * A remittance's payment (BPR02) made up from what was posted of it: claims paid, less
 * payments the payer reversed, plus or minus provider-level adjustments (PLB), plus claims
 * still in the exceptions list (waiting, or set aside). Every amount is as stored now, so
 * an exception matched later moves from `exceptions` to `claimsPaid`.
 */
export interface TieOut {
  payment: Cents;
  claimsPaid: Cents;
  /** Taken back by the payer (claim status 22), as a positive amount. */
  reversals: Cents;
  /** Net of the PLB adjustments for the facility: positive when the payer added money. */
  providerAdjustments: Cents;
  /** Claims of the remittance not posted: in the exceptions list or set aside. */
  exceptions: Cents;
  exceptionCount: number;
  /** payment − (claimsPaid − reversals + providerAdjustments + exceptions); 0 when it ties out. */
  difference: Cents;
  /** The equation in words, ending "ties out" or stating the difference. */
  line: string;
}

/** A provider-level adjustment (PLB) as posted to one of the facility's accounts. */
export interface ProviderAdjustmentView {
  id: number;
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  postingDate: IsoDate;
  reasonCode: string;
  referenceId: string | null;
  /** The facility's account it is posted to, e.g. "Interest paid by payers". */
  accountLabel: string;
  /** Money to the facility: positive when the payer paid it, negative when the payer took it. */
  amount: Cents;
  /** What happened, sign made plain: "Payer paid $12.50 interest". */
  words: string;
  claimNumber: string | null;
  accountId: number | null;
}

export interface RemittanceClaimLine {
  receiptId: number;
  claimNumber: string | null;
  accountId: number;
  accountNumber: string;
  patientName: string;
  amount: Cents;
  receivedDate: IsoDate;
}

export interface RemittanceDetail {
  id: number;
  importId: number;
  fileName: string;
  payerName: string;
  traceNumber: string;
  remitDate: IsoDate;
  paymentMethod: string | null;
  payment: Cents;
  claims: RemittanceClaimLine[];
  /** Earlier payments the payer took back in this remittance; amounts are negative. */
  reversals: RemittanceClaimLine[];
  providerAdjustments: ProviderAdjustmentView[];
  exceptions: RemittanceExceptionView[];
  tieOut: TieOut;
}

/** A remittance with its tie-out, as listed in a day's cash summary. */
export interface RemittanceTieOutRow {
  id: number;
  payerName: string;
  traceNumber: string;
  remitDate: IsoDate;
  paymentMethod: string | null;
  tieOut: TieOut;
}

export interface ClaimStatusReport {
  /** Claims (TRN under a patient or subscriber) in the file; absent from reports saved before it was counted. */
  claimsRead?: number;
  claimsUpdated: number;
  /** Of the updated, those the clearinghouse or payer rejected: each has a fix-and-resubmit follow-up. */
  rejections?: number;
  followUpsCreated: number;
  unmatched: number;
  /** Claims not applied because they failed a check or carried no status (see the warnings). */
  skipped?: number;
  /**
   * Claims this very file gave their statuses to already (imported again, here or at another
   * desk of the office, known by its SHA-256): nothing posted for them again.
   */
  alreadyRecorded?: number;
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
  /**
   * For an open exception that matched nothing when its remittance came: our claim with
   * its number, on file since, and why it was not posted by itself (payer or charge differ).
   */
  claimOnFile: { claimId: number; claimNumber: string; differences: string[] } | null;
}

/** Larger than any single day's remittance a clinic receives; beyond it, split the file. */
export const MAX_IMPORT_CHARACTERS = 50_000_000;

export const importFileInput = z.strictObject({
  fileName: requiredText('File name', 260),
  text: z
    .string({ error: 'The file content is missing.' })
    .min(1, 'The file is empty.')
    .max(MAX_IMPORT_CHARACTERS, 'The file is larger than 50 MB; split it into smaller files.'),
});

export const listImportsInput = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
});

export const importInput = z.strictObject({ importId: id('Import') });

export const remittanceInput = z.strictObject({ remittanceId: id('Remittance') });

export const listRemittanceExceptionsInput = z.strictObject({
  status: z.enum(['open', 'matched', 'set_aside']).default('open'),
  limit: z.number().int().min(1).max(500).default(200),
});

export const resolveRemittanceExceptionInput = z.strictObject({
  exceptionId: id('Exception'),
  action: z.enum(['match', 'set_aside'], 'Choose match or set aside.'),
  claimId: claimIdField().nullish(),
  note: optionalText('Note', 500),
});

export const importsMethods = {
  importFile: long<ImportReport>()(importFileInput),
  workProgress: read<WorkProgress | null>()(none),
  cancelWork: read<WorkProgress | null>()(none),
  listImports: read<ImportListItem[]>()(listImportsInput),
  getImport: read<ImportReport>()(importInput),
  getRemittance: read<RemittanceDetail>()(remittanceInput),
  listRemittanceExceptions: read<RemittanceExceptionView[]>()(listRemittanceExceptionsInput),
  resolveRemittanceException: write<Created>()(resolveRemittanceExceptionInput),
} satisfies MethodGroup;
