import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { DatabaseKey } from '../db/cipher';
import { all } from '../db/query';
import { recordedPath } from '../filing/location';
import { DocumentKeyError, unsealDocument } from '../filing/sealed';
import { OfficeRefused } from './refused';
import {
  documentFileRemoved,
  getDocumentFileBytes,
  hasDocumentFile,
  putDocumentFile,
} from './server/documents';

/**
 * The files of the documents and scans filed before the office was made. Their rows come
 * in the office's first copy; their files go to the server by content hash when the office
 * is made (documents filed later travel with their rows, documents.ts) and are fetched by a
 * desktop that joins, into the folders the rows name beside the joined database, so every
 * document of the office opens on every desktop, its fingerprint checked as always.
 */

interface FiledFile {
  folder: string;
  fileName: string;
  sha256: string;
}

const hashOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The files the copy's rows name: not removed (de-identified), not a run's combined print. */
function filedFiles(copy: string): FiledFile[] {
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    return all<FiledFile>(
      db,
      `SELECT folder, file_name AS fileName, sha256 FROM documents
         WHERE removed_at IS NULL AND kind <> 'statement_run'
       UNION ALL
       SELECT folder, file_name, sha256 FROM correspondence WHERE removed_at IS NULL`,
    );
  } finally {
    db.close();
  }
}

/**
 * Sends the file of every document and scan in the office's copy that the server does not
 * hold yet, read from this desktop's documents folder, unsealed, checked against its row.
 * A file that is missing or changed refuses the office in words: a joining desktop would
 * list a document it cannot open.
 */
export async function sendBaseFiles(
  pool: pg.Pool,
  databasePath: string,
  key: DatabaseKey | null,
  copy: string,
  progress: (done: number, total: number) => void,
): Promise<number> {
  const files = filedFiles(copy);
  const problems: string[] = [];
  let done = 0;
  for (const f of files) {
    progress(done, files.length);
    done += 1;
    if (await hasDocumentFile(pool, f.sha256)) continue;
    const bytes = readFiled(databasePath, key, f);
    if (bytes === null) problems.push(`${f.folder}/${f.fileName}`);
    else await putDocumentFile(pool, f.sha256, bytes);
  }
  progress(files.length, files.length);
  if (problems.length > 0) {
    const what =
      problems.length === 1
        ? '1 filed document’s file is'
        : `${problems.length} filed documents’ files are`;
    throw new OfficeRefused(
      `The office was not made: ${what} missing or changed in the documents folder (the ` +
        `first is ${problems[0]}). Restore the documents folder from a backup, then make the ` +
        'office again.',
    );
  }
  return files.length;
}

/** The file as filed, plain; null when it is missing, does not open or has changed. */
function readFiled(databasePath: string, key: DatabaseKey | null, f: FiledFile): Buffer | null {
  const file = recordedPath(databasePath, f.folder, f.fileName);
  if (!file) return null;
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (hashOf(raw) === f.sha256) return raw;
  // a document or scan sealed at rest
  try {
    const plain = unsealDocument(raw, key);
    return hashOf(plain) === f.sha256 ? plain : null;
  } catch (error) {
    if (error instanceof DocumentKeyError) return null;
    throw error;
  }
}

/**
 * Fetches the files a downloaded copy's rows name into the folders beside `target` the rows
 * name (plain: the joined database is plain until its first start, which seals them if it is
 * encrypted then). Returns the files written, for the caller to remove should joining fail.
 */
export async function fetchBaseFiles(
  pool: pg.Pool,
  copy: string,
  target: string,
  progress: (done: number, total: number) => void,
): Promise<string[]> {
  const files = filedFiles(copy);
  const written: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      progress(i, files.length);
      const file = recordedPath(target, f.folder, f.fileName);
      if (!file) throw refusedFile(f);
      if (fs.existsSync(file)) throw new OfficeRefused(OCCUPIED(path.dirname(target)));
      const bytes = await getDocumentFileBytes(pool, f.sha256);
      // dropped with a person the office de-identified: the pull that brings the
      // de-identification removes this copy's row of it, the file already missing
      if (!bytes && (await documentFileRemoved(pool, f.sha256))) continue;
      if (!bytes || hashOf(bytes) !== f.sha256) throw refusedFile(f);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes, { flag: 'wx' });
      written.push(file);
    }
    progress(files.length, files.length);
    return written;
  } catch (error) {
    for (const file of written) fs.rmSync(file, { force: true });
    throw error;
  }
}

const OCCUPIED = (dir: string) =>
  `The folder ${dir} already holds documents; join into a new folder.`;

function refusedFile(f: FiledFile): OfficeRefused {
  return new OfficeRefused(
    `The office’s file of a filed document (${f.folder}/${f.fileName}) is missing or has ` +
      'changed on the server, so this desktop did not join. Ask the supervisor to restore ' +
      'it on the server from a backup.',
  );
}
