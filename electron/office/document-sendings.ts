import type { Db, ReadDb } from '../db/open';
import { oneOrThrow, run } from '../db/query';
import { gidOf, requireLocalId, takeUserId } from './gids';
import type { DocumentSendingRow } from './wire-filed';

/**
 * A filed document's sent date as it travels: marked once, at one desk, and on every copy
 * after. A letter marked sent at two desks before either heard of the other went out; the
 * office keeps the first mark, and the other desk keeps its own (a sent date is recorded
 * once, migration 5's trigger), so each copy counts the letter sent.
 */
export function readDocumentSending(db: ReadDb, documentId: number): DocumentSendingRow {
  const d = oneOrThrow<{ sentDate: string | null; sentAt: string | null; sentBy: number | null }>(
    db,
    `SELECT sent_date AS sentDate, sent_at AS sentAt, sent_by AS sentBy FROM documents
      WHERE id = ?`,
    documentId,
  );
  if (d.sentDate === null || d.sentAt === null || d.sentBy === null) {
    throw new Error('The document is not marked sent.');
  }
  return {
    documentGid: gidOf(db, 'documents', documentId),
    sentDate: d.sentDate,
    sentAt: d.sentAt,
    sentBy: gidOf(db, 'users', d.sentBy),
  };
}

/**
 * Marks the document sent as another desk did, unless this copy marked it already or removed
 * it (a de-identified person's letter, whose record is kept as it was: the mark is of no use
 * there, and writing it would stop the pull). Returns the document's local id, under which
 * the sending is known here.
 */
export function takeDocumentSending(db: Db, s: DocumentSendingRow): number {
  const documentId = requireLocalId(db, 'documents', s.documentGid);
  run(
    db,
    `UPDATE documents SET sent_date = ?, sent_by = ?, sent_at = ?
      WHERE id = ? AND sent_date IS NULL AND removed_at IS NULL`,
    s.sentDate,
    takeUserId(db, s.sentBy, s.sentAt),
    s.sentAt,
    documentId,
  );
  return documentId;
}
