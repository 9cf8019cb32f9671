import fs from 'node:fs';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { CorrespondenceFile, CorrespondenceView } from '../../shared/api/correspondence';
import { conflict, notFound } from '../../shared/api/errors';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { requireAccount } from '../accounts/lookup';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { recordedPath } from '../filing/location';
import { isSealed, unsealDocument, DocumentKeyError } from '../filing/sealed';
import { sha256 } from '../filing/store';
import { extensionFor } from './file-type';

const VIEW_SQL = `SELECT c.id AS correspondenceId, c.account_id AS accountId, c.type,
    c.original_name AS originalName, c.media, c.received_date AS receivedDate, c.bytes,
    c.sha256, c.created_at AS createdAt, u.display_name AS createdBy, c.removed_at AS removedAt
  FROM correspondence c JOIN users u ON u.id = c.created_by`;

export function correspondenceView(db: ReadDb, id: number): CorrespondenceView {
  const row = one<CorrespondenceView>(db, `${VIEW_SQL} WHERE c.id = ?`, id);
  if (!row) throw notFound('The correspondence');
  return row;
}

/** The account's filed correspondence, newest received first. */
export function listAccountCorrespondence(
  ctx: ReadCtx,
  input: ParsedInputOf<'listAccountCorrespondence'>,
): CorrespondenceView[] {
  requireAccount(ctx.db, input.accountId);
  return all<CorrespondenceView>(
    ctx.db,
    `${VIEW_SQL} WHERE c.account_id = ? ORDER BY c.received_date DESC, c.id DESC`,
    input.accountId,
  );
}

interface Filed {
  accountNumber: string;
  receivedDate: IsoDate;
  media: CorrespondenceView['media'];
  type: string;
  folder: string;
  fileName: string;
  sha256: string;
  removedAt: string | null;
}

/**
 * A filed scan's bytes, to show or save. They must be exactly those filed: a missing file or
 * one that changed since is refused, never shown as if it were the record; one deleted at
 * de-identification says so.
 */
export function getCorrespondenceFile(
  ctx: ReadCtx,
  input: ParsedInputOf<'getCorrespondenceFile'>,
): CorrespondenceFile {
  const c = one<Filed>(
    ctx.db,
    `SELECT a.account_number AS accountNumber, c.received_date AS receivedDate, c.media, c.type,
        c.folder, c.file_name AS fileName, c.sha256, c.removed_at AS removedAt
      FROM correspondence c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?`,
    input.correspondenceId,
  );
  if (!c) throw notFound('The correspondence');
  const what = `The scan received ${formatUsDate(c.receivedDate)}`;
  if (c.removedAt) {
    throw conflict(
      `${what} was deleted from disk when the person it names was de-identified; its fingerprint stays on the account.`,
    );
  }
  const full = recordedPath(ctx.databasePath, c.folder, c.fileName);
  let data: Buffer | null = null;
  if (full) {
    try {
      data = fs.readFileSync(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (!data) {
    throw conflict(
      `${what} is missing from the documents folder beside the database (${c.folder}/${c.fileName}). Restore the folder from a backup, or file the scan again.`,
    );
  }
  // sealed at rest: filed while the database was encrypted, or sealed when it was encrypted
  if (isSealed(data)) data = unsealScan(data, ctx, what);
  if (sha256(data) !== c.sha256) {
    throw conflict(
      `${what} has changed since it was filed, so it is not the record any more and will not be shown. Restore ${c.folder}/${c.fileName} from a backup.`,
    );
  }
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  return {
    fileName: `${safe(c.type)}-${safe(c.accountNumber)}-${c.receivedDate}.${extensionFor(c.media)}`,
    media: c.media,
    dataBase64: data.toString('base64'),
  };
}

function unsealScan(data: Buffer, ctx: ReadCtx, what: string): Buffer {
  try {
    return unsealDocument(data, ctx.databaseKey);
  } catch (error) {
    if (!(error instanceof DocumentKeyError)) throw error;
    throw conflict(
      `${what} is sealed with a key this database does not hold, so it cannot be shown.`,
    );
  }
}
