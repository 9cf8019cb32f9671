import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck } from '../../shared/api/backups';
import type { SourceFacts } from './snapshot';

/**
 * How a backup lies on the disk: a folder per backup named by its UTC time, holding the
 * database, the documents and a manifest with every file's SHA-256. A folder being
 * written ends in `.partial` and is renamed once whole, so a crash never leaves something
 * that looks like a backup.
 */

export const DATABASE_FILE = 'database.sqlite';
/**
 * An encrypted database's key wrapped under its recovery key (electron/db/key-store.ts):
 * without it a backup could not be opened on a new machine even with the recovery key. It
 * is useless without that key, so it travels with the backup as it does with the database.
 */
export const KEY_RECORD_FILE = 'database.sqlite.key';
export const DOCUMENTS = 'documents';
/** Documents filed by a ClaimDesk from before each database had its own folder. */
export const SHARED_DOCUMENTS = 'shared-documents';
export const MANIFEST = 'manifest.json';
export const PARTIAL = '.partial';

export interface ManifestFile {
  /** Relative to the backup's folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest extends SourceFacts {
  format: 1;
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  kind: 'scheduled' | 'on request';
  /** The database's file name, so a backup is not put back over another database by mistake. */
  databaseName: string;
  files: ManifestFile[];
  check: BackupCheck;
}

/** Where backups go: a folder beside the database named after it, or one the office chose. */
export function backupsDir(databasePath: string, folder: string | null): string {
  const name = `${path.basename(databasePath)}.backups`;
  return folder === null ? path.join(path.dirname(databasePath), name) : path.join(folder, name);
}

/**
 * `2026-03-16T15:00:00.000Z` → `2026-03-16T15-00-00-000Z`, a name every file system takes;
 * a second backup in the same millisecond (a test's fixed clock) gets `-2`, `-3`..., so
 * names sort as the backups were made.
 */
export function backupId(at: string, sequence = 1): string {
  const base = `${at.slice(0, 23).replaceAll(':', '-').replace('.', '-')}Z`;
  return sequence > 1 ? `${base}-${sequence}` : base;
}

export async function sha256Of(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    hash.update(buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Every file under `root`, relative, with forward slashes; folders starting with a dot left out. */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue; // the staging folder: files not yet filed
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  };
  walk(root, '');
  return found.sort();
}

/** Writes a file and puts it on the disk before it counts as written. */
export async function writeSynced(file: string, data: Buffer | string): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is only on the disk once its folder is (where the system allows opening one). */
export function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Copies one document and proves the copy: the bytes read are hashed, written and synced,
 * then read back and hashed again. Returns the manifest's line, or what went wrong.
 */
export async function copyDocument(
  from: string,
  to: string,
  relative: string,
): Promise<ManifestFile | string> {
  const bytes = await fs.promises.readFile(from);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  await writeSynced(to, bytes);
  const copied = await sha256Of(to);
  if (copied.sha256 !== sha256) return `The copy of ${relative} differs from the document.`;
  return { path: relative, bytes: bytes.length, sha256 };
}

export function readManifest(dir: string): Manifest | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    return parsed.format === 1 ? parsed : null;
  } catch {
    return null;
  }
}
