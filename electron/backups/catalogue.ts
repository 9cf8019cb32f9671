import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck, BackupView } from '../../shared/api/backups';
import { DATABASE_FILE, MANIFEST, PARTIAL, readManifest, sha256Of } from './layout';
import { rotate } from './rotation';
import { checkInWorker } from './snapshot-job';
import type { DatabaseKey } from '../db/cipher';

/** The names of the finished backups in a folder, newest first; none when it cannot be read. */
function backupNames(folder: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // not there yet, or not readable: the next backup says why
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.endsWith(PARTIAL))
    .map((e) => e.name)
    .sort()
    .reverse();
}

function viewOf(folder: string, name: string): BackupView | null {
  const manifest = readManifest(path.join(folder, name));
  if (!manifest || manifest.id !== name) return null;
  const database = manifest.files.find((f) => f.path === DATABASE_FILE);
  return {
    id: manifest.id,
    at: manifest.at,
    kind: manifest.kind,
    schemaVersion: manifest.schemaVersion,
    databaseBytes: database?.bytes ?? 0,
    documents: manifest.files.length - 1,
    check: manifest.check,
  };
}

/** The backups in a folder, newest first, as their manifests describe them. */
export function listBackupsIn(folder: string): BackupView[] {
  return backupNames(folder).flatMap((name) => viewOf(folder, name) ?? []);
}

/** Only the newest, for the scheduler's tick and the warning, which ask often. */
export function newestBackupIn(folder: string): BackupView | null {
  for (const name of backupNames(folder)) {
    const view = viewOf(folder, name);
    if (view) return view;
  }
  return null;
}

/** A local calendar day, as the office counts its days. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Removes the backups rotation no longer keeps; returns their ids. */
export function applyRotation(folder: string, day: (iso: string) => string = localDay): string[] {
  const { remove } = rotate(
    listBackupsIn(folder).map((b) => ({ id: b.id, day: day(b.at), ok: b.check.ok })),
  );
  for (const id of remove) fs.rmSync(path.join(folder, id), { recursive: true, force: true });
  return remove;
}

/**
 * Checks a backup again as it now lies on the disk: the manifest, every file's SHA-256
 * and size, and the database as after it was written (in a worker thread). Used before a
 * restore, so a backup damaged since it was made is never put back.
 */
export async function recheckBackup(
  dir: string,
  now: () => string,
  key: DatabaseKey | null = null,
): Promise<BackupCheck> {
  const manifest = readManifest(dir);
  if (!manifest) {
    return {
      ok: false,
      checkedAt: now(),
      problems: [`The backup's ${MANIFEST} is missing or unreadable.`],
    };
  }
  const problems: string[] = [];
  for (const file of manifest.files) {
    const full = path.join(dir, ...file.path.split('/'));
    if (!fs.existsSync(full)) {
      problems.push(`${file.path} is missing from the backup.`);
      continue;
    }
    const found = await sha256Of(full);
    if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      problems.push(`${file.path} is not as it was written (its SHA-256 differs).`);
    }
  }
  problems.push(...(await checkInWorker(path.join(dir, DATABASE_FILE), manifest, key)));
  return { ok: problems.length === 0, checkedAt: now(), problems };
}
