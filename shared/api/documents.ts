import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import { accountIdField, documentIdField, isoDateField, none, optionalText } from './fields';
import { read, write, type MethodGroup } from './method';

/**
 * Documents filed on an account (letters, statements): the list, the file, marking sent;
 * and the files the scan at open set aside.
 */

/** A rendered PDF handed to the window for preview or saving. */
export interface PdfFile {
  fileName: string;
  /** The PDF bytes, base64-encoded (IPC and the test bridge carry strings safely). */
  pdfBase64: string;
  pages: number;
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
  /** When its file was deleted from disk at de-identification; null while it is kept. */
  removedAt: string | null;
}

export const markDocumentSentInput = z.strictObject({
  documentId: documentIdField(),
  sentDate: isoDateField('Sent date'),
  note: optionalText('Note', 1000),
});

export const accountDocumentsInput = z.strictObject({ accountId: accountIdField() });

export const documentInput = z.strictObject({ documentId: documentIdField() });

/**
 * A file the scan at open found with no document and moved aside: a PDF a crash left
 * before its row was written ('unrecorded'), or a staged file of a process that ended
 * before filing it ('staged'). Either may hold patient data, so it is kept, not deleted.
 */
export interface SetAsideFile {
  /** Relative to the set-aside folder, with '/' between folders. */
  path: string;
  /** When the scan moved it (ISO-8601 UTC), from the folder it was moved into. */
  setAsideAt: string | null;
  why: 'unrecorded' | 'staged';
  bytes: number;
}

export interface SetAsideDocumentsView {
  /** The set-aside folder on this computer, for a supervisor to open. */
  folder: string;
  /** Every file set aside; `files` lists the newest of them. */
  total: number;
  files: SetAsideFile[];
  /** Whether this user may look after them (supervisors only). */
  canReview: boolean;
}

export const documentsMethods = {
  markDocumentSent: write<DocumentView>()(markDocumentSentInput),
  listAccountDocuments: read<DocumentView[]>()(accountDocumentsInput),
  getDocumentFile: read<PdfFile>()(documentInput),
  listSetAsideDocuments: read<SetAsideDocumentsView>()(none),
} satisfies MethodGroup;
