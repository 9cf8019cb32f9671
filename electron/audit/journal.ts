import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  type Cipheriv,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from './chain';

/**
 * Entries recorded outside a write, kept in a file beside the database until they join the
 * chain (trail.ts moves them within a second). Committing a transaction for every view cost
 * a fifth of opening an account; appending a line to a file already open costs a few
 * microseconds, and the line is with the operating system the moment the call returns, so
 * ClaimDesk killed the next instant loses nothing: the next opening moves what it finds.
 *
 * Each connection has its own file, named by its process, so nobody else writes to it and a
 * file whose process has gone is known to be left over. With an encrypted database the
 * lines are encrypted too (a search's words are patient data): AES-256 in counter mode over
 * the whole file, one key stream from a random starting block written in the file's first
 * line, so each line costs one cipher update rather than a cipher of its own.
 */

const FILE_PREFIX = '.audit-pending';
const ENCRYPTED = 'ClaimDesk audit journal, aes-256-ctr ';
/** The first encrypted line: a wrong key reads as something else, and the file is kept. */
const MARKER = '{"journal":1}';

export function journalKey(databaseKey: Buffer | null | undefined): Buffer | null {
  if (!databaseKey) return null;
  return Buffer.from(
    hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'claimdesk audit journal', 32),
  );
}

/** The file an older ClaimDesk shared between its processes; still read when found. */
export function sharedJournalPath(databasePath: string): string {
  return `${databasePath}${FILE_PREFIX}`;
}

/** Files this process writes now: never taken as left over by another connection of it. */
const inUse = new Set<string>();
let opened = 0;

export class Journal {
  private fd: number | null = null;
  private cipher: Cipheriv | null = null;
  private file: string | null = null;

  constructor(
    private readonly databasePath: string,
    private readonly key: Buffer | null,
  ) {}

  /** Appends one entry; the file is started with the first. */
  write(entry: AuditEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    if (this.fd === null) this.start();
    const fd = this.fd as number;
    if (this.cipher) fs.writeSync(fd, this.cipher.update(line, 'utf8'));
    else fs.writeSync(fd, line);
  }

  /** Every entry written is in the chain: the file goes, and the next entry starts anew. */
  end(): void {
    if (this.fd === null || this.file === null) return;
    fs.closeSync(this.fd);
    fs.rmSync(this.file, { force: true });
    inUse.delete(this.file);
    this.fd = null;
    this.cipher = null;
    this.file = null;
  }

  /** The connection closes with entries still here: the file stays for the next opening. */
  leave(): void {
    if (this.fd === null || this.file === null) return;
    fs.closeSync(this.fd);
    inUse.delete(this.file);
    this.fd = null;
    this.cipher = null;
    this.file = null;
  }

  private start(): void {
    opened += 1;
    const file = `${this.databasePath}${FILE_PREFIX}.${process.pid}.${opened}`;
    // 'a': each write lands at the end whatever happened before; 'x' never adopts a stray file
    const fd = fs.openSync(file, 'ax', 0o600);
    inUse.add(file);
    if (this.key) {
      const iv = randomBytes(16);
      fs.writeSync(fd, `${ENCRYPTED}${iv.toString('base64')}\n`);
      this.cipher = createCipheriv('aes-256-ctr', this.key, iv);
      fs.writeSync(fd, this.cipher.update(`${MARKER}\n`, 'utf8'));
    }
    this.fd = fd;
    this.file = file;
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it is there, someone else's
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Files left by connections that are gone: the shared file of an older ClaimDesk, files of
 * processes no longer running, and this process's own files that no connection writes now.
 */
export function leftoverJournals(databasePath: string): string[] {
  const dir = path.dirname(databasePath);
  const base = `${path.basename(databasePath)}${FILE_PREFIX}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (name !== base && !name.startsWith(`${base}.`)) continue;
    const file = path.join(dir, name);
    if (name === base) {
      found.push(file);
      continue;
    }
    const pid = Number(name.slice(base.length + 1).split('.')[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0) continue;
    const gone = pid === process.pid ? !inUse.has(file) : processGone(pid);
    if (gone) found.push(file);
  }
  return found.sort();
}

/**
 * A left-over file's entries; 'unreadable' when it is encrypted with a key other than the
 * one given (it is then kept). A line cut short by a crash while writing it is skipped.
 */
export function readJournal(file: string, key: Buffer | null): AuditEntry[] | 'unreadable' {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return [];
  }
  let text: string;
  const head = bytes.subarray(0, ENCRYPTED.length).toString('latin1');
  if (head === ENCRYPTED) {
    const newline = bytes.indexOf(0x0a);
    if (newline < 0 || !key) return 'unreadable';
    const iv = Buffer.from(bytes.subarray(ENCRYPTED.length, newline).toString('latin1'), 'base64');
    if (iv.length !== 16) return 'unreadable';
    const decipher = createDecipheriv('aes-256-ctr', key, iv);
    text = decipher.update(bytes.subarray(newline + 1)).toString('utf8');
    if (!text.startsWith(`${MARKER}\n`)) return 'unreadable';
    text = text.slice(MARKER.length + 1);
  } else {
    text = bytes.toString('utf8');
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line): AuditEntry[] => {
      try {
        const parsed: unknown = JSON.parse(line);
        return isEntry(parsed) ? [parsed] : [];
      } catch {
        return [];
      }
    });
}

const TEXT_FIELDS = ['at', 'workstation', 'method', 'accounts', 'documents', 'detail'] as const;

/** Only whole entries with their uid, which is what makes moving them twice harmless. */
function isEntry(v: unknown): v is AuditEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    TEXT_FIELDS.every((f) => typeof e[f] === 'string') &&
    Number.isSafeInteger(e.userId) &&
    (e.access === 'read' || e.access === 'write' || e.access === 'long') &&
    typeof e.uid === 'string'
  );
}
