import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck, BackupProgress } from '../../shared/api/backups';
import { documentsDir, SHARED_DOCUMENTS_FOLDER } from '../filing/location';
import {
  backupId,
  copyDocument,
  DATABASE_FILE,
  KEY_RECORD_FILE,
  DOCUMENTS,
  filesUnder,
  MANIFEST,
  PARTIAL,
  sha256Of,
  SHARED_DOCUMENTS,
  syncFolder,
  writeSynced,
  type Manifest,
  type ManifestFile,
} from './layout';
import type { DatabaseKey } from '../db/cipher';
import { keyHexOf, snapshotInWorker } from './snapshot-job';
import { keyRecordPath } from '../db/key-store';

export interface BackupRequest {
  databasePath: string;
  /** The database's key when it is encrypted: the copy is encrypted with it too. */
  key?: DatabaseKey | null;
  /** The folder backups go to (backupsDir). */
  folder: string;
  /** ISO-8601 UTC: the backup's time and name. */
  at: string;
  kind: Manifest['kind'];
  /** ISO-8601 UTC, for when the check was made. */
  now: () => string;
  onProgress?: (progress: BackupProgress) => void;
}

/** A backup written: its id and what its check found. */
export interface BackupMade {
  id: string;
  check: BackupCheck;
}

/**
 * The next backup's name: its time, after every name of the same millisecond already in
 * the folder (only a test's fixed clock makes two), so names keep sorting as made.
 */
function freshName(folder: string, at: string): string {
  const base = backupId(at);
  let sequence = 0;
  for (const name of fs.readdirSync(folder)) {
    if (!name.startsWith(base)) continue;
    const rest = name.slice(base.length).replace(PARTIAL, '');
    sequence = Math.max(sequence, rest === '' ? 1 : Number(rest.slice(1)) || 1);
  }
  return backupId(at, sequence + 1);
}

/** The documents to copy: this database's own folder, and the shared one from before it. */
function documentSources(databasePath: string): { from: string; into: string; files: string[] }[] {
  const shared = path.join(path.dirname(databasePath), SHARED_DOCUMENTS_FOLDER);
  return [
    {
      from: documentsDir(databasePath),
      into: DOCUMENTS,
      files: filesUnder(documentsDir(databasePath)),
    },
    { from: shared, into: SHARED_DOCUMENTS, files: filesUnder(shared) },
  ];
}

/**
 * Makes one backup: the database copied with VACUUM INTO in a worker thread, synced,
 * renamed and checked there; each document copied and its copy's SHA-256 compared; then
 * the manifest, and the folder renamed from `.partial` into place. A backup whose check
 * found problems is kept, marked, for a supervisor to see; one that could not be made at
 * all leaves nothing behind and throws.
 */
export async function makeBackup(request: BackupRequest): Promise<BackupMade> {
  const { databasePath, folder, at, kind } = request;
  const progress = request.onProgress ?? (() => undefined);
  fs.mkdirSync(folder, { recursive: true });
  const id = freshName(folder, at);
  const working = path.join(folder, id + PARTIAL);
  fs.mkdirSync(working);
  try {
    progress({ stage: 'database', done: 0, total: 0 });
    const target = path.join(working, DATABASE_FILE);
    const { facts, problems } = await snapshotInWorker({
      source: databasePath,
      temporary: `${target}.tmp`,
      target,
      keyHex: keyHexOf(request.key),
    });
    const files: ManifestFile[] = [{ path: DATABASE_FILE, ...(await sha256Of(target)) }];
    if (fs.existsSync(keyRecordPath(databasePath))) {
      const copied = await copyDocument(
        keyRecordPath(databasePath),
        path.join(working, KEY_RECORD_FILE),
        KEY_RECORD_FILE,
      );
      if (typeof copied === 'string') problems.push(copied);
      else files.push(copied);
    }
    const sources = documentSources(databasePath);
    const total = sources.reduce((n, s) => n + s.files.length, 0);
    let done = 0;
    progress({ stage: 'documents', done, total });
    for (const source of sources) {
      for (const relative of source.files) {
        const copied = await copyDocument(
          path.join(source.from, relative),
          path.join(working, source.into, relative),
          `${source.into}/${relative}`,
        );
        if (typeof copied === 'string') problems.push(copied);
        else files.push(copied);
        done += 1;
        if (done % 25 === 0 || done === total) progress({ stage: 'documents', done, total });
      }
    }
    progress({ stage: 'finishing', done, total });
    const manifest: Manifest = {
      format: 1,
      id,
      at,
      kind,
      databaseName: path.basename(databasePath),
      ...facts,
      files,
      check: { ok: problems.length === 0, checkedAt: request.now(), problems },
    };
    await writeSynced(path.join(working, MANIFEST), JSON.stringify(manifest, null, 2));
    syncFolder(working);
    fs.renameSync(working, path.join(folder, id));
    syncFolder(folder);
    return { id, check: manifest.check };
  } catch (error) {
    fs.rmSync(working, { recursive: true, force: true });
    throw error;
  }
}
