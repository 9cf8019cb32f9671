import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DocumentKind } from '../../shared/api/documents';
import type { IsoDate } from '../../shared/dates/iso-date';

/**
 * The folder every database in a folder shared before each had its own. Documents filed
 * there keep being read from it (their rows say so); nothing new is filed there.
 */
export const SHARED_DOCUMENTS_FOLDER = 'documents';

/**
 * The name of this database's own documents folder, beside the database file and named
 * after it as SQLite names its `-wal` file: `claimdesk.sqlite-documents`. Two databases
 * in one folder have different file names, so they never share a documents folder.
 */
export function documentsFolderName(databasePath: string): string {
  return `${path.basename(databasePath)}-documents`;
}

/** Filed PDFs of this database, by year and month. */
export function documentsDir(databasePath: string): string {
  return path.join(path.dirname(databasePath), documentsFolderName(databasePath));
}

/**
 * Where a PDF waits between rendering and filing. It is inside the documents folder so
 * that moving it into place is a rename on the same disk.
 */
export function stagingDir(databasePath: string): string {
  return path.join(documentsDir(databasePath), '.staging');
}

/** Where files found with no document are moved at open, for a supervisor to look at. */
export const SET_ASIDE_FOLDER = 'set-aside (not filed)';

export function setAsideDir(databasePath: string): string {
  return path.join(documentsDir(databasePath), SET_ASIDE_FOLDER);
}

/**
 * The stored name, relative to the documents folder: `2026/03/42-appeal-3f9a0c51d2e7.pdf`.
 * The random part keeps a name from ever being taken twice, even when an id comes back
 * (a crash before commit, or an older copy of the database restored beside the folder).
 */
export function filedName(
  documentId: number,
  kind: DocumentKind,
  date: IsoDate,
  unique: string = randomBytes(6).toString('hex'),
): string {
  const [year, month] = [date.slice(0, 4), date.slice(5, 7)];
  return `${year}/${month}/${documentId}-${kind.replace('_', '-')}-${unique}.pdf`;
}

/** A folder a document row may name: this kind of folder beside the database, nothing else. */
function isDocumentsFolder(folder: string): boolean {
  return (
    (folder === SHARED_DOCUMENTS_FOLDER || folder.endsWith('-documents')) &&
    path.basename(folder) === folder &&
    !folder.startsWith('.')
  );
}

/**
 * The absolute path of a document as its row records it: `folder` beside the database
 * file, then the stored name. Null when either would lead anywhere else.
 */
export function recordedPath(
  databasePath: string,
  folder: string,
  fileName: string,
): string | null {
  if (!isDocumentsFolder(folder)) return null;
  const root = path.resolve(path.dirname(databasePath), folder);
  const full = path.resolve(root, fileName);
  return full.startsWith(root + path.sep) ? full : null;
}

/** The absolute path of a document filed in this database's own folder. */
export function filedPath(databasePath: string, fileName: string): string | null {
  return recordedPath(databasePath, documentsFolderName(databasePath), fileName);
}

/** The name offered when a person saves a copy: `appeal-A10400123-2026-03-16.pdf`. */
export function saveAsName(what: string, accountNumber: string | null, date: IsoDate): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  return [safe(what), accountNumber === null ? null : safe(accountNumber), date]
    .filter((p) => p !== null)
    .join('-')
    .concat('.pdf');
}
