import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';

/** What the document methods return (see document-inputs.ts and contract.ts). */

export type TemplateKindName =
  'appeal' | 'medicare-redetermination' | 'corrected-claim' | 'patient-letter' | 'statement';

/**
 * A template "slot" is a shipped template (its file name). The version in use for a slot
 * is the shipped text or one supervisor copy of it.
 */
export interface TemplateSummary {
  templateId: string;
  kind: TemplateKindName;
  title: string;
  description: string;
  /** Denial categories it fits, as the templates name them (medical-necessity...). */
  categories: string[];
  level: 1 | 2 | null;
  /** The copy in use for this slot, or null when the shipped text is in use. */
  copyInUse: number | null;
  copies: TemplateCopySummary[];
}

export interface TemplateCopySummary {
  copyId: number;
  templateId: string;
  name: string;
  valid: boolean;
  inUse: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface TemplateProblem {
  line: number;
  message: string;
}

export interface TemplateSource {
  templateId: string;
  copyId: number | null;
  name: string;
  text: string;
  /** Validation errors; a template with errors cannot be put in use. */
  errors: TemplateProblem[];
  /** Shipped texts are read-only; copies are edited. */
  editable: boolean;
  inUse: boolean;
  /** Whether this user may copy, edit and choose templates (supervisors only). */
  canChange: boolean;
}

/** A rendered PDF handed to the window for preview or saving. */
export interface PdfFile {
  fileName: string;
  /** The PDF bytes, base64-encoded (IPC and the test bridge carry strings safely). */
  pdfBase64: string;
  pages: number;
  warnings: string[];
}

export interface TemplatePreview {
  errors: TemplateProblem[];
  /** Null when the text has errors. */
  pdf: PdfFile | null;
}

/** A placeholder the letter uses and what it got; value null = no data, printed as [LABEL]. */
export interface DraftField {
  key: string;
  label: string;
  value: string | null;
  required: boolean;
}

/** A body block; paragraphs and headings can be edited before generating. */
export type DraftBlock =
  | { index: number; type: 'paragraph' | 'heading'; text: string }
  | { index: number; type: 'list'; items: string[] }
  | { index: number; type: 'table'; caption: string };

export interface AppealDraft {
  denialId: number;
  claimId: number;
  accountId: number;
  /** The template chosen for the denial's category and level, unless the caller chose one. */
  templateId: string;
  suggestedTemplateId: string | null;
  /** Templates a representative may choose instead (appeal letters, corrected claim...). */
  templates: TemplateSummary[];
  subject: string;
  recipient: string[];
  fields: DraftField[];
  blocks: DraftBlock[];
  suggestedEnclosures: string[];
  warnings: string[];
}

export type DocumentKind = 'appeal' | 'statement' | 'letter' | 'statement_run';

export interface DocumentView {
  documentId: number;
  kind: DocumentKind;
  title: string;
  accountId: number | null;
  claimId: number | null;
  denialId: number | null;
  templateId: string | null;
  pages: number;
  createdAt: string;
  createdBy: string;
  sentDate: IsoDate | null;
  sentBy: string | null;
  warnings: string[];
}

export interface StatementCandidate {
  accountId: number;
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
