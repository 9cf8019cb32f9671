import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GENESIS } from '../audit/chain';
import { headFilePath, writeHeadFile } from '../audit/head';
import { leftoverJournals } from '../audit/journal';
import { documentsDir, SHARED_DOCUMENTS_FOLDER } from '../filing/location';
import {
  DATABASE_FILE,
  KEY_RECORD_FILE,
  DOCUMENTS,
  filesUnder,
  readManifest,
  SHARED_DOCUMENTS,
  syncFolder,
} from './layout';
import { syncFile } from './snapshot';
import { keyRecordPath } from '../db/key-store';

/**
 * Putting a backup back. The swap is made while no connection has the file open: the
 * request is written beside the database, ClaimDesk closes and starts again, and the
 * start puts the backup in place before it opens the database. What was there is renamed
 * aside, never deleted.
 */

interface RestoreRequest {
  /** The backup's folder. */
  backup: string;
  id: string;
  /** ISO-8601 UTC. */
  requestedAt: string;
  requestedBy: number;
}

export function restoreRequestPath(databasePath: string): string {
  return `${databasePath}.restore.json`;
}

export function writeRestoreRequest(databasePath: string, request: RestoreRequest): void {
  const file = restoreRequestPath(databasePath);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(request, null, 2));
  syncFile(`${file}.tmp`);
  fs.renameSync(`${file}.tmp`, file);
}

export function pendingRestore(databasePath: string): RestoreRequest | null {
  try {
    return JSON.parse(fs.readFileSync(restoreRequestPath(databasePath), 'utf8')) as RestoreRequest;
  } catch {
    return null;
  }
}

/** `claimdesk.sqlite` → `claimdesk.sqlite.before-restore-2026-03-16T15-00-00Z` (and its -wal...). */
export function asideName(file: string, stamp: string): string {
  return `${file}.before-restore-${stamp}`;
}

/** What a restore did, said to the person at the start. */
export interface Restored {
  id: string;
  /** Where the database as it was before now lies. */
  keptAside: string;
  /** And its documents folder. */
  documentsAside: string;
}

function copyTree(from: string, to: string, overwrite: boolean): void {
  for (const relative of filesUnder(from)) {
    const target = path.join(to, ...relative.split('/'));
    if (!overwrite && fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, ...relative.split('/')), target);
  }
}

/** The SHA-256 of a file read in pieces, for the start, which waits for it anyway. */
function sha256Now(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = fs.openSync(file, 'r');
  try {
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) {
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export class RestoreFailed extends Error {
  constructor(id: string, why: string) {
    super(
      `The backup ${id} was not restored: ${why} The database was left as it was and ` +
        'opens as usual; choose a backup again under Office, Backups.',
    );
    this.name = 'RestoreFailed';
  }
}

/** Gives up the request, so the next start opens the database as it is. */
function dropRequest(databasePath: string, stamp: string): void {
  const file = restoreRequestPath(databasePath);
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.not-done-${stamp}`);
}

/**
 * Puts back the backup a supervisor chose, if one waits: called at start before the
 * database is opened. The backup's database is checked against its manifest's SHA-256
 * first. Then the database, its -wal and -shm files, the audit head and waiting entries, its key record and the
 * documents folder are renamed aside with the same stamp; the backup's database and documents are
 * copied in; the audit head is set to the trail's end the manifest recorded, with nothing
 * taken as checked, so the opening verifies the whole restored trail against it. Documents
 * in the shared folder of older versions are only added where missing, since other
 * databases may use that folder. If anything fails part way, what was renamed aside is
 * put back and the request given up: the database is never left missing.
 */
export function applyPendingRestore(databasePath: string, stamp: string): Restored | null {
  const request = pendingRestore(databasePath);
  if (!request) return null;
  const manifest = readManifest(request.backup);
  const source = path.join(request.backup, DATABASE_FILE);
  const expected = manifest?.files.find((f) => f.path === DATABASE_FILE)?.sha256;
  if (!manifest || !expected || !fs.existsSync(source) || sha256Now(source) !== expected) {
    dropRequest(databasePath, stamp);
    throw new RestoreFailed(
      request.id,
      'the backup is missing or has changed since it was checked.',
    );
  }
  const documents = documentsDir(databasePath);
  const moved: string[] = [];
  try {
    for (const file of [
      databasePath,
      `${databasePath}-wal`,
      `${databasePath}-shm`,
      `${databasePath}-journal`,
      headFilePath(databasePath),
      // entries a crash left for the old database's trail go aside with it
      ...leftoverJournals(databasePath),
      keyRecordPath(databasePath),
      documents,
    ]) {
      if (!fs.existsSync(file)) continue;
      fs.renameSync(file, asideName(file, stamp));
      moved.push(file);
    }
    const incoming = `${databasePath}.restoring`;
    fs.copyFileSync(source, incoming);
    syncFile(incoming);
    fs.renameSync(incoming, databasePath);
    // the backup's own key record, or none for a plain backup
    const keyRecord = path.join(request.backup, KEY_RECORD_FILE);
    if (fs.existsSync(keyRecord)) fs.copyFileSync(keyRecord, keyRecordPath(databasePath));
    copyTree(path.join(request.backup, DOCUMENTS), documents, true);
    copyTree(
      path.join(request.backup, SHARED_DOCUMENTS),
      path.join(path.dirname(databasePath), SHARED_DOCUMENTS_FOLDER),
      false,
    );
  } catch (error) {
    fs.rmSync(`${databasePath}.restoring`, { force: true });
    for (const file of [databasePath, keyRecordPath(databasePath), documents]) {
      if (moved.includes(file)) fs.rmSync(file, { recursive: true, force: true });
    }
    for (const file of moved) fs.renameSync(asideName(file, stamp), file);
    dropRequest(databasePath, stamp);
    const code = (error as { code?: unknown }).code;
    throw new RestoreFailed(
      request.id,
      `copying it failed (${typeof code === 'string' ? code : 'error'}).`,
    );
  }
  if (manifest.auditHead) {
    writeHeadFile(databasePath, { last: manifest.auditHead, checked: { id: 0, hash: GENESIS } });
  }
  syncFolder(path.dirname(databasePath));
  fs.rmSync(restoreRequestPath(databasePath), { force: true });
  return {
    id: request.id,
    keptAside: asideName(databasePath, stamp),
    documentsAside: asideName(documents, stamp),
  };
}

/**
 * How ClaimDesk closes and starts again after a restore is chosen; the main process sets
 * it. Nothing is set where there is no Electron (tests): the restore then waits for the
 * next start.
 */
let restart: (() => void) | null = null;

export function setRestart(fn: (() => void) | null): void {
  restart = fn;
}

/** Asks for the restart once the current answer has gone back; false when none can be made. */
export function requestRestart(): boolean {
  const fn = restart;
  if (!fn) return false;
  setImmediate(fn);
  return true;
}
