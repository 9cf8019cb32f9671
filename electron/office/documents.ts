import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { formatUsDate, isoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { documentsDir, documentsFolderName, recordedPath, stagingDir } from '../filing/location';
import { DocumentKeyError, sealDocument, unsealDocument } from '../filing/sealed';
import { stagedFileName } from '../filing/staging';
import { localIdOf } from './gids';
import { referencesOf } from './records';
import { getDocumentFileBytes, hasDocumentFile, putDocumentFile } from './server/documents';
import { extensionFor } from '../correspondence/file-type';
import { serverRow, type ServerRow } from './wire';
import type { CorrespondenceRow, DocumentRow } from './wire-filed';

/**
 * A filed document's file (a generated letter's, or a scan's) travels by content hash: the filing desktop sends the PDF (plain:
 * a sealed file is unsealed for sending, TLS protects it on the way) before the entry that
 * carries its row, and the server keeps each hash once. A desktop pulling the row fetches
 * the bytes in the sync worker, before the local transaction that takes the row, checks
 * them against the row's SHA-256 and writes them where filing would, sealed when its own
 * database is encrypted. So a pulled document opens offline, its fingerprint checked at
 * every opening as any filed document's is, and no screen ever waits on the server.
 */

const hashOf = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** A document or a scan as it travels: what its file is checked and placed by. */
export type FiledChange =
  | { tbl: 'documents'; gid: string; row: DocumentRow & Purged }
  | { tbl: 'correspondence'; gid: string; row: CorrespondenceRow & Purged };

/** Set on a pulled row whose person the office de-identified: its file is gone there. */
interface Purged {
  removedAt?: string | undefined;
}

/** Whether the office removed this document's file with its person (server migration 17). */
export const removedAtOffice = (c: FiledChange): boolean => c.row.removedAt !== undefined;

/** How a person knows it; a scan's name is left out, since it may name the patient. */
const what = (c: FiledChange) =>
  c.tbl === 'documents'
    ? `"${c.row.title}" of ${formatUsDate(isoDate(c.row.documentDate))}`
    : `the scan received ${formatUsDate(isoDate(c.row.receivedDate))}`;

/** The file of a document to send could not be read as it was filed. */
export class DocumentFileUnsent extends Error {
  constructor(c: FiledChange, why: string) {
    super(
      `The file of ${what(c)} ${why}, so it was not sent to the office and this desktop's work waits. Restore the documents folder beside the database from a backup.`,
    );
    this.name = 'DocumentFileUnsent';
  }
}

/** The office's file of a document does not match the document's fingerprint. */
export class DocumentFileRefused extends Error {
  constructor(c: FiledChange) {
    super(
      `The file of ${what(c)} on the office server has changed since it was filed, so it is not the record any more and was not taken. Nothing more is taken from the office until the file is restored on the server from a backup.`,
    );
    this.name = 'DocumentFileRefused';
  }
}

const filedOf = (rows: readonly (ServerRow | { tbl: string })[]) =>
  rows.filter((r): r is FiledChange => r.tbl === 'documents' || r.tbl === 'correspondence');

/**
 * Sends the files of the documents an outbox entry carries, before the entry: the server
 * refuses a document whose file it does not hold. A file the office has is not sent again.
 */
export async function sendDocumentFiles(
  pool: pg.Pool,
  ctx: Ctx,
  changes: readonly { tbl: string }[],
): Promise<void> {
  for (const c of filedOf(changes)) {
    if (await hasDocumentFile(pool, c.row.sha256)) continue;
    await putDocumentFile(pool, c.row.sha256, await filedBytes(ctx, c));
  }
}

/** The PDF as it was filed here, checked against its fingerprint. */
async function filedBytes(ctx: Ctx, c: FiledChange): Promise<Buffer> {
  const localId = localIdOf(ctx.db, c.tbl, c.gid);
  const place =
    localId === undefined
      ? undefined
      : one<{ folder: string; fileName: string }>(
          ctx.db,
          `SELECT folder, file_name AS fileName FROM ${c.tbl} WHERE id = ?`,
          localId,
        );
  const file = place && recordedPath(ctx.databasePath, place.folder, place.fileName);
  if (!file) throw new DocumentFileUnsent(c, 'is not where its record says');
  let pdf: Buffer;
  try {
    pdf = unsealDocument(await readFile(file), ctx.databaseKey);
  } catch (error) {
    if (error instanceof DocumentKeyError) {
      throw new DocumentFileUnsent(c, 'does not open with this database’s key');
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DocumentFileUnsent(c, 'is missing from the documents folder');
    }
    throw error;
  }
  if (hashOf(pdf) !== c.row.sha256) {
    throw new DocumentFileUnsent(c, 'has changed since it was filed');
  }
  return pdf;
}

/**
 * Where a pulled document is kept: this database's documents folder, in filing's year/month
 * layout, named after its office-wide id (unique across the office), so the pull that
 * places the file and the transaction that writes the row agree without passing anything.
 */
export function pulledDocumentPlace(
  databasePath: string,
  c: FiledChange,
): { folder: string; fileName: string } {
  const date = c.tbl === 'documents' ? c.row.documentDate : c.row.receivedDate;
  const [year, month] = [date.slice(0, 4), date.slice(5, 7)];
  const [kind, extension] =
    c.tbl === 'documents' ? [c.row.kind, 'pdf'] : ['correspondence', extensionFor(c.row.media)];
  return {
    folder: documentsFolderName(databasePath),
    fileName: `${year}/${month}/office-${kind}-${hashOf(c.gid).slice(0, 16)}.${extension}`,
  };
}

/**
 * Whether a pulled document's file is in its place. A document whose file is not (it waited
 * in sync_held and was freed by a refusal, between pulls) waits on: the next pull fetches
 * its file, so a document is never written without its file, unless it arrives removed.
 */
export function pulledFilePlaced(db: ReadDb, c: FiledChange): boolean {
  // arrives removed, as it would be here: there is no file to place
  if (removedAtOffice(c)) return true;
  const { folder, fileName } = pulledDocumentPlace(db.name, c);
  return fs.existsSync(path.join(path.dirname(db.name), folder, fileName));
}

/**
 * The documents waiting in sync_held that this copy could take now (what they name is here,
 * and no scan of theirs is filed on the account here already), whose files the next pull
 * places. One that still waits is left alone: its file, placed with no row to name it, would
 * be set aside at every start and fetched again.
 */
export function heldDocuments(db: ReadDb): ServerRow[] {
  return all<{ tbl: string; gid: string; version: number; row: string }>(
    db,
    `SELECT tbl, gid, version, row FROM sync_held WHERE tbl IN ('documents', 'correspondence')`,
  )
    .map((r) => serverRow.parse({ ...r, row: JSON.parse(r.row) }))
    .filter(
      (r) =>
        referencesOf(r).every(
          ([tbl, gid]) =>
            (tbl === 'users' || localIdOf(db, tbl, gid) !== undefined) &&
            !one(db, `SELECT 1 AS n FROM sync_held WHERE tbl = ? AND gid = ?`, tbl, gid),
        ) && !filedHereAlready(db, r),
    );
}

/**
 * A scan this copy already has on the account: the office's row of it cannot be placed here
 * (one scan is one row per account), so its file is not fetched.
 */
function filedHereAlready(db: ReadDb, r: FiledChange | ServerRow): boolean {
  if (r.tbl !== 'correspondence') return false;
  const accountId = localIdOf(db, 'accounts', r.row.accountGid);
  return (
    accountId !== undefined &&
    one(
      db,
      `SELECT 1 AS n FROM correspondence WHERE account_id = ? AND sha256 = ?`,
      accountId,
      r.row.sha256,
    ) !== undefined
  );
}

/**
 * Fetches and places the files of the documents in a pulled page (and those waiting in
 * sync_held) that this copy does not have yet, before the page's local transaction: each
 * checked against its row's SHA-256, written under a staged name and renamed into place. Returns the files placed, for the
 * caller to remove should the transaction fail (a crash in between leaves files no row
 * names, which the scan at open sets aside). A file that does not match is refused: what
 * this call placed is removed and the pull stops, its cursor where it was.
 */
export async function placeDocumentFiles(
  pool: pg.Pool,
  ctx: Ctx,
  rows: readonly ServerRow[],
): Promise<string[]> {
  const placed: string[] = [];
  const fetched = new Map<string, Buffer>();
  try {
    for (const r of filedOf(rows)) {
      if (localIdOf(ctx.db, r.tbl, r.gid) !== undefined || filedHereAlready(ctx.db, r)) continue;
      if (removedAtOffice(r)) continue;
      const { fileName } = pulledDocumentPlace(ctx.databasePath, r);
      // placed whole by an earlier pull whose row still waits
      if (fs.existsSync(path.join(documentsDir(ctx.databasePath), fileName))) continue;
      let pdf = fetched.get(r.row.sha256);
      if (!pdf) {
        pdf = await getDocumentFileBytes(pool, r.row.sha256);
        if (!pdf || hashOf(pdf) !== r.row.sha256) throw new DocumentFileRefused(r);
        fetched.set(r.row.sha256, pdf);
      }
      // sealed at rest where this database is encrypted, as filing here would have
      placed.push(placeFile(ctx, fileName, sealDocument(pdf, ctx.databaseKey)));
    }
    return placed;
  } catch (error) {
    removeFiles(placed);
    throw error;
  }
}

function placeFile(ctx: Ctx, fileName: string, bytes: Buffer): string {
  const staging = stagingDir(ctx.databasePath);
  const staged = path.join(staging, stagedFileName());
  const target = path.join(documentsDir(ctx.databasePath), fileName);
  fs.mkdirSync(staging, { recursive: true });
  try {
    fs.writeFileSync(staged, bytes, { flag: 'wx' });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(staged, target);
  } catch (error) {
    fs.rmSync(staged, { force: true });
    throw error;
  }
  return target;
}

export function removeFiles(files: readonly string[]): void {
  for (const file of files) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // a file no row names is set aside by the scan at the next open
    }
  }
}
