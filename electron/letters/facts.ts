import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict } from '../../shared/api/errors';
import type { ReproducedLetter } from '../../shared/api/letters';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { ReadCtx } from '../core/context';
import type { Db, ReadDb } from '../db/open';
import { filedDocument } from '../filing/list';
import { saveAsName } from '../filing/location';
import { pdfFile } from '../filing/pdf-file';
import { sha256 } from '../filing/store';
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

/**
 * The read behind "Reproduce": the filed letter laid out again from its kept facts, with
 * both fingerprints, so anyone can check that the record on file is what the facts print
 * (and so what was sent). A document without kept facts cannot be reproduced and says why.
 */
export async function reproduceFiledLetter(
  ctx: ReadCtx,
  input: ParsedInputOf<'reproduceLetter'>,
): Promise<ReproducedLetter> {
  const doc = filedDocument(ctx.db, input.documentId);
  const again = await reproduceLetter(ctx.db, doc.id);
  if (!again) {
    throw conflict(
      `"${doc.title}" of ${formatUsDate(doc.documentDate)} cannot be reproduced: only appeal letters filed since ClaimDesk keeps the facts each letter printed can be.`,
    );
  }
  const fingerprint = sha256(again.pdf);
  return {
    ...pdfFile(
      saveAsName(`${doc.templateId ?? doc.kind}-reproduced`, doc.accountNumber, doc.documentDate),
      again.pdf,
      again.pageCount,
      again.warnings,
    ),
    sha256: fingerprint,
    filedSha256: doc.sha256,
    identical: fingerprint === doc.sha256,
  };
}
