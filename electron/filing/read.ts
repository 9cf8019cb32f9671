import { readFile } from 'node:fs/promises';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { PdfFile } from '../../shared/api/documents';
import { conflict } from '../../shared/api/errors';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { ReadCtx } from '../core/context';
import { filedDocument } from './list';
import { recordedPath, saveAsName } from './location';
import { pdfFile } from './pdf-file';
import { DocumentKeyError, unsealDocument } from './sealed';
import { sha256 } from './store';

/**
 * A filed document's PDF, to open or print again. The bytes must be exactly those filed:
 * a missing file or one that changed since is refused, never shown as if it were the
 * record.
 */
export async function getDocumentFile(
  ctx: ReadCtx,
  input: ParsedInputOf<'getDocumentFile'>,
): Promise<PdfFile> {
  const doc = filedDocument(ctx.db, input.documentId);
  const what = `"${doc.title}" of ${formatUsDate(doc.documentDate)}`;
  if (doc.removedAt) {
    throw conflict(
      `The file of ${what} was deleted from disk when the person it names was de-identified; its record and fingerprint stay on the account.`,
    );
  }
  const path = recordedPath(ctx.databasePath, doc.folder, doc.fileName);
  let pdf: Buffer | null = null;
  if (path) {
    try {
      pdf = unsealDocument(await readFile(path), ctx.databaseKey);
    } catch (error) {
      if (error instanceof DocumentKeyError) {
        throw conflict(
          `The file of ${what} does not open with this database's key: it has changed since it was filed, or it belongs to another database. Restore ${doc.folder}/${doc.fileName} from a backup, or generate the document again.`,
        );
      }
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (!pdf) {
    throw conflict(
      `The file of ${what} is missing from the documents folder beside the database (${doc.folder}/${doc.fileName}). Restore the folder from a backup, or generate the document again.`,
    );
  }
  if (sha256(pdf) !== doc.sha256) {
    throw conflict(
      `The file of ${what} has changed since it was filed, so it is not the record any more and will not be shown. Restore ${doc.folder}/${doc.fileName} from a backup, or generate the document again.`,
    );
  }
  return pdfFile(
    saveAsName(
      doc.kind === 'statement_run' ? 'statement-run' : (doc.templateId ?? doc.kind),
      doc.accountNumber,
      doc.documentDate,
    ),
    pdf,
    doc.pages,
    JSON.parse(doc.warnings) as string[],
  );
}
