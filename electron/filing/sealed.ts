import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseKey } from '../db/cipher';
import { documentsDir, SET_ASIDE_FOLDER } from './location';

/**
 * Filed documents and scans encrypted at rest (AES-256-GCM) under a key derived from the
 * database's own (HKDF-SHA256), so the one key store opens both and a backup's documents
 * need the same key as its database. On disk: `CDSEAL1\n`, the 12-byte nonce, the 16-byte
 * tag, then the file encrypted. The documents and correspondence tables keep the SHA-256
 * and size of the file itself, so reproducing a document and comparing it works as before.
 * A file without the header was filed before the database was encrypted, read as it is.
 */

const MAGIC = Buffer.from('CDSEAL1\n', 'latin1');
const NONCE = 12;
const TAG = 16;

function documentsKey(key: DatabaseKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'claimdesk filed documents', 32));
}

export const isSealed = (bytes: Buffer) =>
  bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);

/** The PDF as it is written to the documents folder: sealed when the database is encrypted. */
export function sealDocument(pdf: Buffer, key: DatabaseKey | null | undefined): Buffer {
  if (!key) return pdf;
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', documentsKey(key), nonce);
  cipher.setAAD(MAGIC);
  const data = Buffer.concat([cipher.update(pdf), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), data]);
}

export class DocumentKeyError extends Error {
  constructor() {
    super('The document is encrypted and the database key does not open it.');
    this.name = 'DocumentKeyError';
  }
}

/** The PDF from the bytes on disk; a changed or foreign sealed file is refused. */
export function unsealDocument(bytes: Buffer, key: DatabaseKey | null | undefined): Buffer {
  if (!isSealed(bytes)) return bytes;
  if (!key) throw new DocumentKeyError();
  const at = MAGIC.length;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      documentsKey(key),
      bytes.subarray(at, at + NONCE),
    );
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(bytes.subarray(at + NONCE, at + NONCE + TAG));
    return Buffer.concat([decipher.update(bytes.subarray(at + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new DocumentKeyError();
  }
}

/**
 * Files in the documents folder that are not filed records: staged and set-aside files,
 * files on their way out at de-identification, and a half-written seal of an earlier try.
 */
function isFiledRecord(root: string, file: string): boolean {
  const first = path.relative(root, file).split(path.sep)[0] ?? '';
  return !first.startsWith('.') && first !== SET_ASIDE_FOLDER && !file.endsWith('.sealing');
}

/**
 * Seals every file filed before the database was encrypted, generated documents and
 * scanned correspondence alike (a scan is patient data as much as a letter), each through
 * a synced temporary file renamed over it, so a crash leaves each one whole, plain or
 * sealed, and running it again finishes the rest. Returns how many it sealed.
 */
export function sealFiledDocuments(databasePath: string, key: DatabaseKey): number {
  const root = documentsDir(databasePath);
  if (!fs.existsSync(root)) return 0;
  let sealed = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !isFiledRecord(root, file)) continue;
    const bytes = fs.readFileSync(file);
    if (isSealed(bytes)) continue;
    const temporary = `${file}.sealing`;
    fs.writeFileSync(temporary, sealDocument(bytes, key));
    const fd = fs.openSync(temporary, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    sealed += 1;
  }
  return sealed;
}

/** Written once every document filed before the encryption is sealed. */
export const sealedMarkerPath = (databasePath: string) => `${databasePath}.documents-sealed`;

/**
 * What the marker says: scans too. A marker written before scans were sealed is empty, so
 * a database encrypted then seals the scans filed since at its next start, once.
 */
const SEALED_SCANS_TOO = 'documents and scans\n';

/**
 * At a start with an encrypted database: seals what was filed before, once. A crash
 * part-way leaves no marker, so the next start carries on.
 */
export function sealFiledDocumentsOnce(databasePath: string, key: DatabaseKey): number {
  const marker = sealedMarkerPath(databasePath);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === SEALED_SCANS_TOO) return 0;
  const sealed = sealFiledDocuments(databasePath, key);
  fs.writeFileSync(marker, SEALED_SCANS_TOO);
  return sealed;
}
