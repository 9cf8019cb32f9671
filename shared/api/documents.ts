import { z } from 'zod';
import type { IsoDate } from '../dates/iso-date';
import { id, isoDateField, optionalText } from './fields';
import { read, write, type MethodGroup } from './method';

/** Documents filed on an account (letters, statements): the list, the file, marking sent. */

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
}

export const markDocumentSentInput = z.strictObject({
  documentId: id('Document'),
  sentDate: isoDateField('Sent date'),
  note: optionalText('Note', 1000),
});

export const accountDocumentsInput = z.strictObject({ accountId: id('Account') });

export const documentInput = z.strictObject({ documentId: id('Document') });

export const documentsMethods = {
  markDocumentSent: write<DocumentView>()(markDocumentSentInput),
  listAccountDocuments: read<DocumentView[]>()(accountDocumentsInput),
  getDocumentFile: read<PdfFile>()(documentInput),
} satisfies MethodGroup;
