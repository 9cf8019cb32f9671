import fs from 'node:fs';
import path from 'node:path';
import { GENESIS } from '../audit/chain';
import { headFilePath, writeHeadFile } from '../audit/head';
import { pendingFilePath } from '../audit/trail';
import { documentsDir, SHARED_DOCUMENTS_FOLDER } from '../filing/location';
import {
  DATABASE_FILE,
  DOCUMENTS,
  filesUnder,
  readManifest,
  SHARED_DOCUMENTS,
  syncFolder,
} from './layout';
import { syncFile } from './snapshot';

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

function moveAside(file: string, stamp: string): void {
  if (fs.existsSync(file)) fs.renameSync(file, asideName(file, stamp));
}

function copyTree(from: string, to: string, overwrite: boolean): void {
  for (const relative of filesUnder(from)) {
    const target = path.join(to, ...relative.split('/'));
    if (!overwrite && fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, ...relative.split('/')), target);
  }
}

/**
 * Puts back the backup a supervisor chose, if one waits: called at start before the
 * database is opened. The database, its -wal and -shm files, the audit head and the
 * documents folder are renamed aside with the same stamp; the backup's database and
 * documents are copied in; the audit head is set to the trail's end the manifest recorded,
 * with nothing taken as checked, so the opening verifies the whole restored trail against
 * it. Documents in the shared folder of older versions are only added where missing, since
 * other databases may use that folder.
 */
export function applyPendingRestore(databasePath: string, stamp: string): Restored | null {
  const request = pendingRestore(databasePath);
  if (!request) return null;
  const manifest = readManifest(request.backup);
  if (!manifest) throw new Error(`The backup ${request.id} chosen for restoring cannot be read.`);
  const documents = documentsDir(databasePath);
  for (const file of [
    databasePath,
    `${databasePath}-wal`,
    `${databasePath}-shm`,
    `${databasePath}-journal`,
    headFilePath(databasePath),
    pendingFilePath(databasePath),
    documents,
  ]) {
    moveAside(file, stamp);
  }
  const incoming = `${databasePath}.restoring`;
  fs.copyFileSync(path.join(request.backup, DATABASE_FILE), incoming);
  syncFile(incoming);
  fs.renameSync(incoming, databasePath);
  copyTree(path.join(request.backup, DOCUMENTS), documents, true);
  copyTree(
    path.join(request.backup, SHARED_DOCUMENTS),
    path.join(path.dirname(databasePath), SHARED_DOCUMENTS_FOLDER),
    false,
  );
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
