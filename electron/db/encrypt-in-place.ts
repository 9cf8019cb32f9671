import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { CIPHER_PRAGMAS, isEncryptedFile, keyLiteral, openKeyed, type DatabaseKey } from './cipher';
import { all, oneOrThrow } from './query';

/**
 * Encrypting a plain database, while nothing has it open (at the start, as a restore is
 * put in place). Every step leaves the plain file whole until an encrypted copy has been
 * checked and named as such, and the name of what lies beside the database says how far
 * it got, so a start after a crash (`finishEncryption`) finishes or rolls back:
 *
 * 1. `<file>.encrypting`: a copy (VACUUM INTO) keyed with `PRAGMA rekey` (which cannot
 *    key a file in WAL mode: the copy is in rollback mode until keyed), then switched to
 *    WAL, checked against the source's row counts and ledger, synced. A crash here: the
 *    copy is deleted, the plain file never changed.
 * 2. renamed to `<file>.encrypted`: checked. A crash from here on finishes the swap.
 * 3. the plain file renamed to `<file>.plain`, the encrypted one to `<file>`, the plain
 *    one overwritten with zeros and deleted (it holds every patient's name), the folder
 *    synced after each rename.
 */

const ENCRYPTING = '.encrypting';
const ENCRYPTED = '.encrypted';
const PLAIN_ASIDE = '.plain';

/** The steps, in order, for the test that kills the process after each. */
export const ENCRYPTION_STEPS = [
  'copied',
  'keyed',
  'checked',
  'named',
  'set aside',
  'swapped',
  'overwritten',
] as const;
export type StepHook = (step: (typeof ENCRYPTION_STEPS)[number]) => void;

export const encryptRequestPath = (databasePath: string) => `${databasePath}.encrypt.json`;

/** A supervisor's request, done at the next start; the backup is the one made first. */
export interface EncryptRequest {
  /** Null for a copy just downloaded from the office: the office's server holds it all. */
  backupId: string | null;
  /** ISO-8601 UTC. */
  requestedAt: string;
  requestedBy: number;
}

export function writeEncryptRequest(databasePath: string, request: EncryptRequest): void {
  const file = encryptRequestPath(databasePath);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(request, null, 2));
  syncPath(`${file}.tmp`);
  fs.renameSync(`${file}.tmp`, file);
}

export function pendingEncryption(databasePath: string): EncryptRequest | null {
  try {
    return JSON.parse(fs.readFileSync(encryptRequestPath(databasePath), 'utf8')) as EncryptRequest;
  } catch {
    return null;
  }
}

export function clearEncryptRequest(databasePath: string): void {
  fs.rmSync(encryptRequestPath(databasePath), { force: true });
}

export class EncryptionFailed extends Error {
  constructor(problems: string[]) {
    super(
      `ClaimDesk did not encrypt the database: the encrypted copy did not check out ` +
        `(${problems.join(' ')}). The database is unchanged and still plain.`,
    );
    this.name = 'EncryptionFailed';
  }
}

/** What a database holds, to compare a copy with: every table's rows and the ledger's sums. */
export interface Contents {
  rowCounts: Record<string, number>;
  ledgerSum: number;
  balanceSum: number;
}

export function contentsOf(db: Database.Database): Contents {
  const tables = all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
     ORDER BY name`,
  );
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables) {
    rowCounts[name] = oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM "${name}"`).n;
  }
  const sums = oneOrThrow<{ ledger: number; balances: number }>(
    db,
    `SELECT (SELECT ifnull(sum(amount), 0) FROM ledger_entries) AS ledger,
            (SELECT ifnull(sum(insurance_balance + patient_balance), 0) FROM accounts) AS balances`,
  );
  return { rowCounts, ledgerSum: sums.ledger, balanceSum: sums.balances };
}

function syncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    // Windows cannot open a folder to sync it; its renames are durable once they return
    if ((error as { code?: unknown }).code !== 'EPERM') throw error;
  } finally {
    fs.closeSync(fd);
  }
}

const syncFolderOf = (file: string) => syncPath(path.dirname(file));

/** The copy against the source: SQLite's own check, then the rows and the money. */
function checkEncrypted(file: string, key: DatabaseKey, expected: Contents): string[] {
  if (!isEncryptedFile(file)) return ['the copy is not encrypted.'];
  // not read-only: the last connection to close a WAL file removes its -wal and -shm
  const db = openKeyed(file, key, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check(5)', { simple: true });
    if (integrity !== 'ok') return [`SQLite found damage in the copy (${String(integrity)}).`];
    const found = contentsOf(db);
    const problems: string[] = [];
    for (const name of new Set([
      ...Object.keys(expected.rowCounts),
      ...Object.keys(found.rowCounts),
    ])) {
      if (expected.rowCounts[name] !== found.rowCounts[name]) {
        problems.push(
          `table ${name} holds ${found.rowCounts[name] ?? 'no'} rows, not ${expected.rowCounts[name] ?? 'none'}.`,
        );
      }
    }
    if (found.ledgerSum !== expected.ledgerSum || found.balanceSum !== expected.balanceSum) {
      problems.push('the ledger does not add up to what it did.');
    }
    return problems;
  } finally {
    db.close();
  }
}

/** Step 1: the checked, encrypted copy at `<file>.encrypting`; the source is only read. */
function writeEncryptedCopy(file: string, key: DatabaseKey, step: StepHook): string {
  const copy = file + ENCRYPTING;
  fs.rmSync(copy, { force: true });
  const source = new Database(file, { fileMustExist: true });
  let expected: Contents;
  try {
    // folds the WAL in, so the copy and the counts are of one committed state
    source.pragma('wal_checkpoint(TRUNCATE)');
    expected = contentsOf(source);
    source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  } finally {
    source.close();
  }
  step('copied');
  const target = new Database(copy, { fileMustExist: true });
  try {
    target.pragma('journal_mode = DELETE');
    for (const pragma of CIPHER_PRAGMAS) target.pragma(pragma);
    target.pragma(`rekey = ${keyLiteral(key)}`);
    step('keyed');
    target.pragma('journal_mode = WAL');
  } finally {
    target.close();
  }
  const problems = checkEncrypted(copy, key, expected);
  if (problems.length > 0) {
    fs.rmSync(copy, { force: true });
    throw new EncryptionFailed(problems);
  }
  syncPath(copy);
  step('checked');
  return copy;
}

/**
 * Finishes what a crash interrupted: an unchecked copy is deleted, a checked one is put in
 * place, a plain file left aside after the swap is deleted. Cheap (a few stat calls), so
 * it runs at every start before the database is opened.
 */
export function finishEncryption(file: string, step: StepHook = () => undefined): void {
  const encrypting = file + ENCRYPTING;
  const encrypted = file + ENCRYPTED;
  const aside = file + PLAIN_ASIDE;
  for (const extra of ['', '-wal', '-shm']) fs.rmSync(encrypting + extra, { force: true });
  if (fs.existsSync(encrypted)) {
    if (fs.existsSync(file)) {
      // the plain database's own WAL is checkpointed and gone before step 2: nothing to keep
      for (const extra of ['-wal', '-shm']) fs.rmSync(file + extra, { force: true });
      fs.renameSync(file, aside);
      syncFolderOf(file);
      step('set aside');
    }
    fs.renameSync(encrypted, file);
    syncFolderOf(file);
    step('swapped');
  }
  if (fs.existsSync(aside) && isEncryptedFile(file)) {
    overwrite(aside);
    step('overwritten');
    fs.rmSync(aside, { force: true });
    syncFolderOf(file);
  }
}

const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * Writes zeros over every byte of the plain file before it is deleted, so its blocks do
 * not keep every patient's name on a disk that hands them out again. Best effort, and said
 * so in the design notes: a solid-state disk or a copy-on-write file system may write the
 * zeros elsewhere and keep the old blocks until they are trimmed.
 */
function overwrite(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    for (let at = 0; at < size; at += ZEROS.length)
      fs.writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, size - at), at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Encrypts the plain database at `file` with `key`. Nothing may have the file open. A
 * file already encrypted is left as it is.
 */
export function encryptDatabaseFile(
  file: string,
  key: DatabaseKey,
  step: StepHook = () => undefined,
): void {
  finishEncryption(file);
  if (isEncryptedFile(file)) return;
  const copy = writeEncryptedCopy(file, key, step);
  fs.renameSync(copy, file + ENCRYPTED);
  syncFolderOf(file);
  step('named');
  finishEncryption(file, step);
}

/**
 * At the start, before the database is opened: finishes or rolls back an encryption a
 * crash interrupted, then does the one a supervisor asked for. True when it encrypted the
 * file now. A failed check leaves the database plain and the request removed (said by the
 * caller); the backup made first is there either way.
 */
export function applyPendingEncryption(file: string, key: DatabaseKey | null): boolean {
  finishEncryption(file);
  if (!pendingEncryption(file)) return false;
  if (isEncryptedFile(file) || !key) {
    clearEncryptRequest(file);
    return false;
  }
  try {
    encryptDatabaseFile(file, key);
  } finally {
    clearEncryptRequest(file);
  }
  return true;
}
