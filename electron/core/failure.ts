import path from 'node:path';
import type { ApiErrorData } from '../../shared/api/errors';
import { clockTime, readLongWorkNote } from './long-work-note';

/**
 * What went wrong below the handlers, in words a person can act on. Each kind says what
 * to do; "try again" appears only where trying again can work (a busy database).
 */
export type FailureKind =
  | 'busy'
  | 'disk_full'
  | 'folder_read_only'
  | 'database_read_only'
  | 'damaged'
  | 'disk_error'
  | 'unexpected';

/** SQLite's extended code (`SQLITE_BUSY_SNAPSHOT`) or Node's (`ENOSPC`), when there is one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function startsWithAny(code: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => code === p || code.startsWith(`${p}_`));
}

export function failureKind(error: unknown): FailureKind {
  const code = errorCode(error);
  if (!code) return 'unexpected';
  if (startsWithAny(code, ['SQLITE_BUSY', 'SQLITE_LOCKED'])) return 'busy';
  if (startsWithAny(code, ['SQLITE_FULL']) || code === 'ENOSPC' || code === 'EDQUOT') {
    return 'disk_full';
  }
  if (startsWithAny(code, ['SQLITE_CORRUPT', 'SQLITE_NOTADB'])) return 'damaged';
  if (startsWithAny(code, ['SQLITE_READONLY'])) return 'database_read_only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return 'folder_read_only';
  }
  if (startsWithAny(code, ['SQLITE_IOERR', 'SQLITE_CANTOPEN']) || code === 'EIO') {
    return 'disk_error';
  }
  return 'unexpected';
}

/** The folder a file-system error was about, if it names one. */
function folderOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('path' in error)) return null;
  return typeof error.path === 'string' ? path.dirname(error.path) : null;
}

/** Who holds the database, when a long write says so: "Rita is importing x.835 (since 10:02)." */
export function whoHoldsIt(databasePath: string | undefined): string | null {
  const note = databasePath ? readLongWorkNote(databasePath) : null;
  return note ? `${note.who} is ${note.what} (since ${clockTime(note.since)}).` : null;
}

export function busyMessage(databasePath: string | undefined): string {
  const holder = whoHoldsIt(databasePath);
  if (holder) {
    return (
      `${holder} This database takes no other changes until that has finished. ` +
      'Nothing was saved. Try again when it has finished.'
    );
  }
  return (
    'Another ClaimDesk was saving to this database at the same moment. ' +
    'Nothing was saved. Please try again.'
  );
}

/**
 * Turns an error that is not an ApiError into `{ code, message }`. Messages never quote
 * the error's own text, which can hold patient data.
 */
export function describeFailure(
  error: unknown,
  where: { databasePath?: string } = {},
): ApiErrorData {
  switch (failureKind(error)) {
    case 'busy':
      return { code: 'conflict', message: busyMessage(where.databasePath) };
    case 'disk_full':
      return {
        code: 'internal',
        message:
          'The disk that holds the ClaimDesk database or its documents is full, so nothing was ' +
          'saved. Free some space on it (or ask your IT support to), then do this again.',
      };
    case 'folder_read_only': {
      const folder = folderOf(error);
      return {
        code: 'internal',
        message:
          `ClaimDesk may not write to the folder ${folder ? `"${folder}" ` : ''}where it files ` +
          'documents, so nothing was saved. Ask your IT support to give you permission to ' +
          'write there.',
      };
    }
    case 'database_read_only':
      return {
        code: 'internal',
        message:
          'The database file is read-only for you, so nothing was saved. Ask your IT support ' +
          'to give you permission to change it and its folder.',
      };
    case 'damaged':
      return {
        code: 'internal',
        message: `The database file is damaged, so nothing was saved. ${DAMAGED_ADVICE}`,
      };
    case 'disk_error':
      return {
        code: 'internal',
        message:
          'The disk that holds the database could not be read or written, so nothing was saved. ' +
          'Check that the drive is connected; if it keeps happening, ask your IT support to ' +
          'check the disk.',
      };
    case 'unexpected':
      return {
        code: 'internal',
        message:
          'ClaimDesk could not complete that. Nothing was saved. If it happens again, tell ' +
          'your IT support what you were doing when it did.',
      };
  }
}

/** What to do about a damaged database file, wherever it was found. */
export const DAMAGED_ADVICE =
  'Stop working in it: close ClaimDesk on every computer that uses this file and ask your IT ' +
  'support to restore the latest backup (the .sqlite file together with any -wal file beside it).';
