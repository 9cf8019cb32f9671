import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';
import type { FilledLetter } from '../documents/fill';
import { renderFilledLetter, type RenderedDocument } from '../documents/letter-layout';

/**
 * Keeps the letter exactly as it was laid out, with the document filed from it. The
 * account, the template and the user's phone may all change later; the letter that went
 * to the payer does not.
 */
export function keepLetterFacts(db: Db, documentId: number, letter: FilledLetter): void {
  run(
    db,
    `INSERT INTO document_facts (document_id, letter) VALUES (?, ?)`,
    documentId,
    JSON.stringify(letter),
  );
}

/** The filled letter a document was made from; null for documents filed before it was kept. */
export function letterFacts(db: ReadDb, documentId: number): FilledLetter | null {
  const row = one<{ letter: string }>(
    db,
    `SELECT letter FROM document_facts WHERE document_id = ?`,
    documentId,
  );
  return row ? (JSON.parse(row.letter) as FilledLetter) : null;
}

/** Lays the filed letter out again from its kept facts: the same pages, byte for byte. */
export async function reproduceLetter(
  db: ReadDb,
  documentId: number,
): Promise<RenderedDocument | null> {
  const letter = letterFacts(db, documentId);
  return letter ? renderFilledLetter(letter) : null;
}
