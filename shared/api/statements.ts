import type { AccountId } from '../ids';
import { z } from 'zod';
import { AGING_BUCKET_KEYS } from '../aging/buckets';
import type { IsoDate } from '../dates/iso-date';
import { cents, type Cents } from '../money/cents';
import type { DocumentView } from './documents';
import { accountIdField, centsField } from './fields';
import { long, permitted, read, write, type MethodGroup } from './method';

/** Patient statements: one account's, or a run over a selection as one print-ready PDF. */

export interface StatementCandidate {
  accountId: AccountId;
  accountNumber: string;
  guarantorName: string;
  patientBalance: Cents;
  oldestOpenDate: IsoDate | null;
  lastStatementDate: IsoDate | null;
}

export interface StatementCandidates {
  accounts: StatementCandidate[];
  total: number;
}

/**
 * A statement run that finished, everything in it filed. A run is long work: the window
 * follows it with workProgress and stops it with cancelWork, and a run that did not finish
 * files nothing.
 */
export interface StatementRunResult {
  /** The combined print-ready PDF. */
  documentId: number;
  /** Accounts printed. */
  total: number;
  /** Accounts left out of the run, each with its reason. */
  skipped: { accountId: number; reason: string }[];
}

export const generateStatementInput = z.strictObject({ accountId: accountIdField() });

export const statementCandidatesInput = z.strictObject({
  minPatientBalance: centsField('Minimum patient balance')
    .refine((v) => v >= 0, 'Minimum patient balance cannot be negative.')
    .default(cents(0)),
  agingBucket: z.enum(AGING_BUCKET_KEYS, 'Unknown aging bucket.').nullish(),
  /** Leave out accounts that had a statement within this many days. */
  notStatedWithinDays: z.number().int().min(0).max(365).default(25),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const startStatementRunInput = z.strictObject({
  accountIds: z
    .array(accountIdField())
    .min(1, 'Choose at least one account.')
    .max(5000, 'A run takes at most 5,000 accounts; split the selection.'),
});

export const statementsMethods = {
  generateStatement: write<DocumentView>()(generateStatementInput),
  listStatementCandidates: read<StatementCandidates>()(statementCandidatesInput),
  startStatementRun: long<StatementRunResult>()(
    startStatementRunInput,
    permitted('run_statements'),
  ),
} satisfies MethodGroup;
