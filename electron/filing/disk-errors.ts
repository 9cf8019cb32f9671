import { ApiError, conflict } from '../../shared/api/errors';
import { failureKind } from '../core/failure';

/**
 * A file-system failure while filing, said so a person can act on it: trying again does
 * not help with a full disk or a folder they may not write to. Anything else is returned
 * as it was. Every caller has already taken back what it wrote, hence "nothing was filed".
 */
export function filingError(error: unknown, folder: string): unknown {
  if (error instanceof ApiError || !(error instanceof Error)) return error;
  const kind = failureKind(error);
  if (kind === 'disk_full') {
    return conflict(
      `The disk that holds the documents folder is full, so nothing was filed. Free some space on it (or ask your IT staff to), then do this again. The folder: ${folder}`,
    );
  }
  if (kind === 'folder_read_only') {
    return conflict(
      `ClaimDesk may not write to the documents folder (it is read-only for you), so nothing was filed. Ask your IT staff to let you write to it, then do this again. The folder: ${folder}`,
    );
  }
  return error;
}
