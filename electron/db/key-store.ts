import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { groupRecoveryKey, parseRecoveryKey, RECOVERY_ALPHABET } from '../../shared/unlock';
import {
  asDatabaseKey,
  KeyNeededError,
  keyOpens,
  newDatabaseKey,
  type DatabaseKey,
} from './cipher';

/**
 * Where a database's key is kept. The key itself is never written anywhere in the clear:
 *
 * - beside the database, `<file>.key` holds the key's id and the key wrapped under the
 *   recovery key (AES-256-GCM under a key derived from it with scrypt). It travels with the
 *   database (a network share, a copied folder) and is useless without the recovery key;
 * - on each workstation, in its own folder (Electron's userData), `keys/<id>` holds the
 *   key wrapped by the operating system for the signed-in user (DPAPI, Keychain, the
 *   Secret Service), which is what opens the database every day.
 *
 * A workstation that holds no wrapped copy (a second desk on the same share, a
 * reinstalled Windows, a lost OS key store) opens the database once with the recovery key,
 * and keeps its own wrapped copy from then on.
 */

/** What the operating system offers: a secret only this user on this machine can unwrap. */
export interface OsProtection {
  wrap(secret: string): Promise<Buffer>;
  /** `stale`: the OS rotated its own key and asks for the secret to be wrapped again. */
  unwrap(wrapped: Buffer): Promise<{ secret: string; stale: boolean }>;
}

export interface KeyStore {
  /**
   * The database's key as this workstation holds it; null when the database has none
   * (a plain file). Throws KeyNeededError when the database has a key this workstation
   * cannot unwrap: the recovery key is needed.
   */
  keyFor(databasePath: string): Promise<DatabaseKey | null>;
  /** A new key for the database, wrapped here; the recovery key is returned once, never kept. */
  create(databasePath: string): Promise<{ key: DatabaseKey; recoveryKey: string }>;
  /**
   * The database's key unwrapped with the recovery key and, once it is seen to open the
   * database, wrapped here from now on. A refused key (RecoveryKeyRefused) changes nothing.
   */
  recover(databasePath: string, recoveryKey: string): Promise<DatabaseKey>;
}

export class RecoveryKeyRefused extends Error {
  constructor(message = 'That recovery key does not open this database. Nothing was changed.') {
    super(message);
    this.name = 'RecoveryKeyRefused';
  }
}

interface KeyRecord {
  format: 1;
  id: string;
  recovery: { salt: string; iv: string; tag: string; data: string };
}

export const keyRecordPath = (databasePath: string) => `${databasePath}.key`;

const RECOVERY_BYTES = 20;

/** 160 random bits as eight groups of four characters, e.g. `7K2M-…`. */
function newRecoveryKey(): string {
  const bytes = randomBytes(RECOVERY_BYTES);
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let text = '';
  for (let i = 0; i < bits.length; i += 5) {
    text += RECOVERY_ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  }
  return groupRecoveryKey(text);
}

/** The recovery key as typed, in its one form, or refused before any work is done on it. */
function normalRecoveryKey(typed: string): string {
  const parsed = parseRecoveryKey(typed);
  if (!parsed.ok) throw new RecoveryKeyRefused(`${parsed.message} Nothing was changed.`);
  return parsed.key;
}

/** The recovery key is random, so scrypt here guards against brute force of a weak copy only. */
function recoveryWrappingKey(normalKey: string, salt: Buffer): Buffer {
  return scryptSync(normalKey, salt, 32, {
    N: 1 << 15,
    r: 8,
    p: 1,
    maxmem: 64 << 20,
  });
}

function wrapForRecovery(key: DatabaseKey, id: string, recoveryKey: string): KeyRecord {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrapping = recoveryWrappingKey(normalRecoveryKey(recoveryKey), salt);
  const cipher = createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(Buffer.from(id));
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return {
    format: 1,
    id,
    recovery: { salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) },
  };
}

function unwrapWithRecovery(record: KeyRecord, recoveryKey: string): DatabaseKey {
  const from = (s: string) => Buffer.from(s, 'base64');
  const { salt, iv, tag, data } = record.recovery;
  const normal = normalRecoveryKey(recoveryKey);
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      recoveryWrappingKey(normal, from(salt)),
      from(iv),
    );
    decipher.setAAD(Buffer.from(record.id));
    decipher.setAuthTag(from(tag));
    return asDatabaseKey(Buffer.concat([decipher.update(from(data)), decipher.final()]));
  } catch {
    throw new RecoveryKeyRefused();
  }
}

function readRecord(databasePath: string): KeyRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(keyRecordPath(databasePath), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as KeyRecord;
}

/** Written to a temporary name, synced and renamed, so a crash leaves the old file or the new. */
function writeSyncedFile(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  const fd = fs.openSync(temporary, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/** The key store over files: `<database>.key` beside it, wrapped copies under `localDir`. */
export function fileKeyStore(os: OsProtection, localDir: string): KeyStore {
  const localPath = (id: string) => path.join(localDir, 'keys', id);

  async function keepHere(id: string, key: DatabaseKey): Promise<void> {
    writeSyncedFile(localPath(id), await os.wrap(key.toString('hex')));
  }

  return {
    async keyFor(databasePath) {
      const record = readRecord(databasePath);
      if (!record) return null;
      let wrapped: Buffer;
      try {
        wrapped = fs.readFileSync(localPath(record.id));
      } catch {
        throw new KeyNeededError('no copy here');
      }
      let unwrapped: { secret: string; stale: boolean };
      try {
        unwrapped = await os.unwrap(wrapped);
      } catch {
        // the OS key store lost or changed (a new Windows profile): the recovery key opens it
        throw new KeyNeededError('os refused');
      }
      const key = asDatabaseKey(Buffer.from(unwrapped.secret, 'hex'));
      if (unwrapped.stale) await keepHere(record.id, key);
      return key;
    },

    async create(databasePath) {
      if (readRecord(databasePath)) throw new Error('This database already has a key.');
      const key = newDatabaseKey();
      const id = randomUUID();
      const recoveryKey = newRecoveryKey();
      // the wrapped copy first: a record beside the database with none here would need recovery
      await keepHere(id, key);
      writeSyncedFile(
        keyRecordPath(databasePath),
        JSON.stringify(wrapForRecovery(key, id, recoveryKey), null, 2),
      );
      return { key, recoveryKey };
    },

    async recover(databasePath, recoveryKey) {
      const record = readRecord(databasePath);
      if (!record) throw new Error('This database has no key to recover.');
      const key = unwrapWithRecovery(record, recoveryKey);
      // a record copied from another database unwraps, and its key opens nothing here
      if (!keyOpens(databasePath, key)) {
        throw new RecoveryKeyRefused(
          'That recovery key opens the key record beside the database, but its key does not ' +
            'open the database: the record belongs to another database, or the file is ' +
            'damaged. Nothing was changed. Put back the key record that came with this ' +
            'database (every backup holds one), or restore a backup.',
        );
      }
      await keepHere(record.id, key);
      return key;
    },
  };
}

/**
 * A new recovery key for the database's same key: the record beside the database is
 * written again, under the same id (so every workstation's wrapped copy still opens it),
 * and the old recovery key no longer opens this record. Records kept elsewhere (older
 * backups) still open with the old one. The new key is returned once, never kept.
 */
export function replaceRecoveryKey(databasePath: string, key: DatabaseKey): string {
  const record = readRecord(databasePath);
  if (!record) throw new Error('This database has no key record.');
  if (!keyOpens(databasePath, key)) throw new Error('That is not this database’s key.');
  const recoveryKey = newRecoveryKey();
  writeSyncedFile(
    keyRecordPath(databasePath),
    JSON.stringify(wrapForRecovery(key, record.id, recoveryKey), null, 2),
  );
  return recoveryKey;
}
