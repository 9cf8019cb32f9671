import type { AccountId } from '../ids';
import { z } from 'zod';
import { AGING_BUCKET_KEYS } from '../aging/buckets';
import { labelled } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import { cents, type Cents } from '../money/cents';
import type { DocumentView } from './documents';
import { accountIdField, centsField, optionalText, requiredText } from './fields';
import { long, permitted, read, supervisor, write, type MethodGroup } from './method';

/**
 * Patient statements: a cycle by guarantor (one statement lists all their accounts with a
 * balance), the dunning stage it has reached, and the holds that keep an account out of it.
 */

/** How firm a guarantor's statements have become; never gentler while a balance stays unpaid. */
export const DUNNING_STAGE = labelled([
  ['statement', 'Statement'],
  ['second_statement', 'Second statement'],
  ['past_due', 'Past due'],
  ['final_notice', 'Final notice'],
  ['pre_collection', 'Pre-collection'],
] as const);
export type DunningStage = (typeof DUNNING_STAGE.keys)[number];

/** Why an account gets no statement in a run. */
export const STATEMENT_HOLD = labelled([
  ['not_open', 'Account not open'],
  ['agency', 'At a collection agency'],
  ['deceased', 'Patient or guarantor deceased'],
  ['bankruptcy', 'Bankruptcy'],
  ['contact_restricted', 'Contact restricted'],
  ['returned_mail', 'Mail came back'],
  ['no_address', 'No address on file'],
  ['dispute', 'Balance disputed'],
  ['assistance', 'Financial assistance application pending'],
  ['promise', 'Promise to pay open'],
  ['insurance_pending', 'Insurance pending'],
  ['credit', 'Credit balance'],
  ['no_balance', 'Nothing owed'],
  ['minimum', 'Under the statement minimum'],
  ['pre_collection', 'Final notice period over'],
] as const);
export type StatementHold = (typeof STATEMENT_HOLD.keys)[number];

/** Holds a supervisor may release for one statement; the others need their cause fixed. */
export const RELEASABLE_HOLDS: readonly StatementHold[] = [
  'dispute',
  'assistance',
  'promise',
  'insurance_pending',
  'minimum',
];

/** The holds recorded by hand (no other table knows them). */
export const COLLECTION_HOLD = labelled([
  ['dispute', 'Balance disputed'],
  ['bankruptcy', 'Bankruptcy'],
  ['assistance', 'Financial assistance application pending'],
] as const);
export type CollectionHold = (typeof COLLECTION_HOLD.keys)[number];

export interface HeldAccount {
  accountId: AccountId;
  accountNumber: string;
  hold: StatementHold;
  /** In words, for the person reading the run. */
  reason: string;
  /** Whether a supervisor may release it. */
  releasable: boolean;
}

/** One guarantor due a statement: the accounts it would list and the ones held back. */
export interface StatementCandidate {
  guarantorId: number;
  guarantorName: string;
  /** The accounts the statement would list. */
  accountIds: AccountId[];
  /** The first of them, or of the held ones when all are held. */
  accountNumber: string;
  /** What the statement would ask for: the accounts it lists (the held ones' when all are). */
  patientBalance: Cents;
  oldestOpenDate: IsoDate | null;
  lastStatementDate: IsoDate | null;
  /** The stage its next dunning statement would have; null when it would be a plan statement. */
  stage: DunningStage | null;
  /** A payment plan in good standing: a plan statement instead of a dunning one. */
  plan: boolean;
  held: HeldAccount[];
  /** Nothing would print: every account is held. */
  allHeld: boolean;
}

/**
 * A page of the guarantors due a statement. How many there are in all is a separate read
 * (countStatementCandidates): counting every guarantor of a large hospital takes far longer
 * than a page, and the page should not wait for it.
 */
export interface StatementCandidates {
  accounts: StatementCandidate[];
  /** Where the next page starts (`after`); null on the last page. */
  next: string | null;
  /** This page's guarantors by the stage of their next statement, and accounts held by reason. */
  byStage: Partial<Record<DunningStage | 'plan', number>>;
  byHold: Partial<Record<StatementHold, number>>;
}

/**
 * A statement run that finished, everything in it filed. A run is long work: the window
 * follows it with workProgress and stops it with cancelWork, and a run that did not finish
 * files nothing.
 */
export interface StatementRunResult {
  /** The combined print-ready PDF. */
  documentId: number;
  /** Statements printed (one per guarantor, a plan statement apart). */
  total: number;
  /** Accounts left out of the run, each with its reason; kept with the run. */
  skipped: { accountId: number; hold?: StatementHold; reason: string }[];
}

/** Where an account stands in the cycle, for the account screen. */
export interface AccountDunning {
  stage: DunningStage | null;
  firstStatementDate: IsoDate | null;
  lastStatementDate: IsoDate | null;
  statementsSent: number;
  holds: HeldAccount[];
  openHolds: { id: number; kind: CollectionHold; openedOn: IsoDate; note: string | null }[];
  releases: { hold: string; reason: string; releasedAt: string; releasedBy: string }[];
  /** Whether this user may release a hold (supervisors only). */
  canRelease: boolean;
}

export const accountDunningInput = z.strictObject({ accountId: accountIdField() });

export const generateStatementInput = z.strictObject({
  accountId: accountIdField(),
  /**
   * A supervisor's reason for printing despite a hold that needs one (a pending
   * assistance application, a final notice period that is over). Holds that must stop a
   * statement (deceased, no address, agency, bankruptcy, dispute) cannot be overridden.
   */
  override: optionalText('Reason for printing despite the hold', 500),
});

const candidateFilters = {
  minPatientBalance: centsField('Minimum patient balance')
    .refine((v) => v >= 0, 'Minimum patient balance cannot be negative.')
    .default(cents(0)),
  agingBucket: z.enum(AGING_BUCKET_KEYS, 'Unknown aging bucket.').nullish(),
  /** Leave out accounts that had a statement within this many days. */
  notStatedWithinDays: z.number().int().min(0).max(365).default(25),
};

export const countStatementCandidatesInput = z.strictObject(candidateFilters);

export const statementCandidatesInput = z.strictObject({
  ...candidateFilters,
  limit: z.number().int().min(1).max(5000).default(200),
  /** The `next` of the page before. */
  after: z.string().min(1).max(40).nullish(),
});

/** The most accounts one statement run takes. */
export const STATEMENT_RUN_MAX = 10_000;

export const startStatementRunInput = z.strictObject({
  accountIds: z
    .array(accountIdField())
    .min(1, 'Choose at least one account.')
    .max(STATEMENT_RUN_MAX, 'A run takes at most 10,000 accounts; split the selection.'),
});

export const releaseStatementHoldInput = z.strictObject({
  accountId: accountIdField(),
  hold: z.enum(STATEMENT_HOLD.keys, 'Unknown hold.'),
  reason: requiredText('Reason', 500),
});

export const setCollectionHoldInput = z.strictObject({
  accountId: accountIdField(),
  kind: z.enum(COLLECTION_HOLD.keys, 'Unknown hold.'),
  open: z.boolean(),
  note: requiredText('Note', 500).nullish(),
});

export const statementsMethods = {
  generateStatement: write<DocumentView>()(generateStatementInput),
  listStatementCandidates: read<StatementCandidates>()(statementCandidatesInput),
  countStatementCandidates: read<{ total: number }>()(countStatementCandidatesInput),
  startStatementRun: long<StatementRunResult>()(
    startStatementRunInput,
    permitted('run_statements'),
  ),
  getAccountDunning: read<AccountDunning>()(accountDunningInput),
  setCollectionHold: write<AccountDunning>()(setCollectionHoldInput),
  releaseStatementHold: write<AccountDunning>()(
    releaseStatementHoldInput,
    supervisor('release a statement hold'),
  ),
} satisfies MethodGroup;
