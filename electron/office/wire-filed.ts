import { z } from 'zod';
import { gid, isoDate, text } from './wire-fields';

// filed documents and scans, as they travel; wire.ts puts them in its unions

/**
 * A document filed on an account (a letter, a statement, an appeal), named with the SHA-256
 * of its PDF, whose bytes the office keeps once per hash (server/documents.ts). Where a desk
 * keeps the file, and what only it has (the template copy, the run), stay there.
 */
export const documentRow = z.strictObject({
  kind: z.enum(['appeal', 'statement', 'letter']),
  title: z.string(),
  accountGid: gid,
  claimGid: gid.nullable(),
  /**
   * The denial an appeal letter answers (server migration 24); null when it answers none, or
   * when its denial is the filing desk's own. Absent from rows sent before it travelled,
   * which must read (and digest) as they were sent.
   */
  denialGid: gid.nullable().optional(),
  templateId: text,
  documentDate: isoDate,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive(),
  bytes: z.number().int().positive(),
  warnings: z.string(),
  createdAt: z.string(),
  createdBy: gid,
});
export type DocumentRow = z.infer<typeof documentRow>;

/** A scanned letter filed on an account, named with the SHA-256 of its file as documents are. */
export const correspondenceRow = z.strictObject({
  accountGid: gid,
  type: z.enum(['payer', 'patient', 'returned_mail', 'legal']),
  originalName: z.string().min(1).max(255),
  media: z.enum(['pdf', 'png', 'jpeg', 'tiff']),
  receivedDate: isoDate,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: gid,
});
export type CorrespondenceRow = z.infer<typeof correspondenceRow>;

/**
 * When a filed document went out, marked once at one desk (server migration 27). It has no
 * table on a desktop: it is the document's sent date, noted under the document's local id
 * and named office-wide by the marking desk, as a deposit batch's closing is.
 */
export const documentSendingRow = z.strictObject({
  documentGid: gid,
  sentDate: isoDate,
  sentAt: z.string(),
  sentBy: gid,
});
export type DocumentSendingRow = z.infer<typeof documentSendingRow>;

export const documentSendingTravels = z.strictObject({
  tbl: z.literal('document_sendings'),
  gid,
  version: z.literal(1),
  row: documentSendingRow,
});
