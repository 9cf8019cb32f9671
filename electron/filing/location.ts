import path from 'node:path';
import type { DocumentKind } from '../../shared/api/documents';
import type { IsoDate } from '../../shared/dates/iso-date';

/** Filed PDFs live in a "documents" folder beside the database file, by year and month. */
export function documentsDir(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'documents');
}

/**
 * Where a PDF waits between rendering and filing. It is inside the documents folder so
 * that moving it into place is a rename on the same disk.
 */
export function stagingDir(databasePath: string): string {
  return path.join(documentsDir(databasePath), '.staging');
}

/** The stored name, relative to the documents folder: `2026/03/42-appeal.pdf`. */
export function filedName(documentId: number, kind: DocumentKind, date: IsoDate): string {
  return `${date.slice(0, 4)}/${date.slice(5, 7)}/${documentId}-${kind.replace('_', '-')}.pdf`;
}

/** The absolute path of a filed document, or null when the stored name leaves the folder. */
export function filedPath(databasePath: string, fileName: string): string | null {
  const root = documentsDir(databasePath);
  const full = path.resolve(root, fileName);
  return full.startsWith(root + path.sep) ? full : null;
}

/** The name offered when a person saves a copy: `appeal-A10400123-2026-03-16.pdf`. */
export function saveAsName(what: string, accountNumber: string | null, date: IsoDate): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  return [safe(what), accountNumber === null ? null : safe(accountNumber), date]
    .filter((p) => p !== null)
    .join('-')
    .concat('.pdf');
}
