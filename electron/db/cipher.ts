import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { UnlockReason } from '../../shared/unlock';

/**
 * The database's encryption, as the driver (better-sqlite3-multiple-ciphers, installed
 * under better-sqlite3's name) does it: SQLCipher 4's format (AES-256-CBC, HMAC-SHA512 per
 * page), so a support engineer with the recovery key can open a file with the SQLCipher
 * tools. The key is 32 random bytes handed over raw (`x'…'`), which skips SQLCipher's
 * passphrase derivation: a random key needs no stretching, and each open stays at
 * milliseconds instead of a quarter of a second. Why this driver: electron/db/DESIGN.md.
 */

declare const databaseKeyBrand: unique symbol;
export type DatabaseKey = Buffer & { readonly [databaseKeyBrand]: true };

export const KEY_BYTES = 32;

export function newDatabaseKey(): DatabaseKey {
  return randomBytes(KEY_BYTES) as DatabaseKey;
}

export function asDatabaseKey(bytes: Buffer): DatabaseKey {
  if (bytes.length !== KEY_BYTES) throw new Error(`A database key is ${KEY_BYTES} bytes.`);
  return bytes as DatabaseKey;
}

export class WrongKeyError extends Error {
  constructor() {
    super(
      'The database is encrypted and the key this workstation holds does not open it (or the ' +
        'file is damaged). Nothing was changed. Open it with the recovery key the supervisor ' +
        'was given when it was encrypted, or restore a backup.',
    );
    this.name = 'WrongKeyError';
  }
}

export class KeyNeededError extends Error {
  /** Why: what the recovery-key window tells the person. */
  readonly reason: Exclude<UnlockReason, 'wrong key'>;
  constructor(reason: Exclude<UnlockReason, 'wrong key'> = 'no copy here') {
    super(
      'The database is encrypted and this workstation holds no key for it. Nothing was ' +
        'changed. Open it with the recovery key the supervisor was given when it was encrypted.',
    );
    this.name = 'KeyNeededError';
    this.reason = reason;
  }
}

/** The pragmas that give a connection just opened its key, in order; also for worker code. */
export function keyPragmas(key: DatabaseKey): string[] {
  return [...CIPHER_PRAGMAS, `key = ${keyLiteral(key)}`];
}

/** Which cipher a connection uses; set before its key (or its `rekey`). */
export const CIPHER_PRAGMAS = [`cipher = 'sqlcipher'`, 'legacy = 4'];

/** A raw key as SQLCipher takes it: `x'…'` quoted, which skips passphrase stretching. */
export const keyLiteral = (key: DatabaseKey) => `"x'${key.toString('hex')}'"`;

/** The plain SQLite header; an encrypted file starts with random salt instead. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file exists, holds something, and does not start as a plain SQLite file. */
export function isEncryptedFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read > 0 && !(read === head.length && head.equals(PLAIN_HEADER));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Gives a fresh connection its key and reads the schema, so a wrong key is found here,
 * before anything else touches the file. Temporary tables and sorts stay in memory: the
 * driver encrypts the database and its WAL, not SQLite's temporary files.
 */
export function unlock(db: Database.Database, key: DatabaseKey): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
  try {
    db.pragma('schema_version', { simple: true });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw error;
  }
  db.pragma('temp_store = MEMORY');
}

/**
 * A connection to a file that may be plain or encrypted (a database, or a backup made
 * before or after it was encrypted): the key is used only when the file is encrypted.
 */
export function openKeyed(
  file: string,
  key: DatabaseKey | null | undefined,
  options: Database.Options = {},
): Database.Database {
  const encrypted = isEncryptedFile(file);
  if (encrypted && !key) throw new KeyNeededError();
  const db = new Database(file, options);
  try {
    if (encrypted && key) unlock(db, key);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Whether the key opens the encrypted file, found without changing it: a connection that
 * cannot write reads the schema and is closed (a read-only one never checkpoints the WAL).
 */
export function keyOpens(file: string, key: DatabaseKey): boolean {
  try {
    openKeyed(file, key, { readonly: true, fileMustExist: true }).close();
    return true;
  } catch (error) {
    if (error instanceof WrongKeyError) return false;
    throw error;
  }
}
