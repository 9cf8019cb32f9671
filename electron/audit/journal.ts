import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type Cipheriv,
  type Hash,
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
 * Each connection has its own file, named by its process and a random part, so nobody
 * else writes to it and a file whose process has gone is known to be left over.
 *
 * With an encrypted database the lines are encrypted (a search's words are patient data)
 * and sealed, so that nobody can slip an entry into the trail through the file: AES-256 in
 * counter mode over the whole file from a random starting block in its first line (one
 * cipher update a line, where a cipher of its own per line cost four times the write), and
 * after each line a tag that is SHA3-256 of a key and every line so far (a copy of one
 * running hash: a tenth of an HMAC's cost per line; SHA-3 has no length extension).
 */

const FILE_PREFIX = '.audit-pending';
const SEALED = 'ClaimDesk audit journal, aes-256-ctr sha3-256 ';
const TAG_BYTES = 16;

export interface JournalKeys {
  readonly encrypt: Buffer;
  readonly seal: Buffer;
}

export function journalKeys(databaseKey: Buffer | null | undefined): JournalKeys | null {
  if (!databaseKey) return null;
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), info, 32));
  return { encrypt: derive('claimdesk audit journal'), seal: derive('claimdesk audit seal') };
}

/** Files this process writes now: never taken as left over by another connection of it. */
const inUse = new Set<string>();

interface OpenFile {
  readonly fd: number;
  readonly file: string;
  readonly cipher: Cipheriv | null;
  readonly seal: Hash | null;
}

export class Journal {
  private open: OpenFile | null = null;

  constructor(
    private readonly databasePath: string,
    private readonly keys: JournalKeys | null,
  ) {}

  /** Appends one entry; the file is started with the first. */
  write(entry: AuditEntry): void {
    const f = this.open ?? this.start();
    try {
      fs.writeSync(f.fd, this.line(f, JSON.stringify(entry)));
    } catch (error) {
      // a line half written or a key stream moved on: this file takes no more
      this.leave();
      throw error;
    }
  }

  /** Every entry written is in the chain: the file goes, and the next entry starts anew. */
  end(): void {
    const f = this.close();
    // a file that cannot be removed now is moved again later: its entries are known by uid
    if (f) fs.rmSync(f.file, { force: true });
  }

  /** The connection closes with entries still here: the file stays for the next opening. */
  leave(): void {
    this.close();
  }

  private close(): OpenFile | null {
    const f = this.open;
    if (!f) return null;
    this.open = null;
    inUse.delete(f.file);
    try {
      fs.closeSync(f.fd);
    } catch {
      // already closed: nothing more to write to it either way
    }
    return f;
  }

  private line(f: OpenFile, json: string): string {
    if (!f.cipher || !f.seal) return `${json}\n`;
    const sealed = f.cipher.update(json, 'utf8');
    f.seal.update(sealed);
    const tag = f.seal.copy().digest().subarray(0, TAG_BYTES);
    return `${sealed.toString('base64')}.${tag.toString('base64')}\n`;
  }

  private start(): OpenFile {
    const file = `${this.databasePath}${FILE_PREFIX}.${process.pid}.${randomBytes(6).toString('hex')}`;
    // 'a': each write lands at the end; 'x': never adopts a file that is there already
    const fd = fs.openSync(file, 'ax', 0o600);
    inUse.add(file);
    let cipher: Cipheriv | null = null;
    let seal: Hash | null = null;
    if (this.keys) {
      const iv = randomBytes(16);
      fs.writeSync(fd, `${SEALED}${iv.toString('base64')}\n`);
      cipher = createCipheriv('aes-256-ctr', this.keys.encrypt, iv);
      seal = createHash('sha3-256').update(this.keys.seal).update(iv);
    }
    this.open = { fd, file, cipher, seal };
    return this.open;
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

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Files left by connections that are gone: the shared file of an older ClaimDesk, files of
 * processes no longer running, and this process's own files that no connection writes now.
 * Only names ClaimDesk gives: a file set aside under a longer name (by a restore) is not.
 */
export function leftoverJournals(databasePath: string): string[] {
  const dir = path.dirname(databasePath);
  const own = new RegExp(
    `^${escaped(path.basename(databasePath) + FILE_PREFIX)}(?:\\.(\\d+)(?:\\.[0-9a-f]+)?)?$`,
  );
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    const match = own.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const pid = match[1] === undefined ? null : Number(match[1]);
    if (pid === null) found.push(file);
    else if (pid === process.pid ? !inUse.has(file) : processGone(pid)) found.push(file);
  }
  return found.sort();
}

/** The shared file of an older ClaimDesk, which wrote plain lines whatever the database. */
const isOlderShared = (file: string) => file.endsWith(FILE_PREFIX);

/**
 * A left-over file's entries; 'unreadable' (the file is then kept, as evidence) when it
 * cannot be read, or is sealed with another key, or a line of it was changed, or it is a
 * plain file of this version beside an encrypted database. A last line cut short by a crash
 * while writing it is skipped.
 */
export function readJournal(file: string, keys: JournalKeys | null): AuditEntry[] | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (error) {
    // moved in by another ClaimDesk meanwhile
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? [] : 'unreadable';
  }
  const lines = text.split('\n');
  // the part after the last newline was being written when ClaimDesk stopped
  lines.pop();
  const json = text.startsWith(SEALED)
    ? unsealed(lines, keys)
    : keys && !isOlderShared(file)
      ? 'unreadable'
      : lines.map((line) => Buffer.from(line, 'latin1').toString('utf8'));
  if (json === 'unreadable') return json;
  return json.flatMap((line): AuditEntry[] => {
    try {
      const parsed: unknown = JSON.parse(line);
      return isEntry(parsed) ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

function unsealed(lines: string[], keys: JournalKeys | null): string[] | 'unreadable' {
  const [header = '', ...records] = lines;
  const iv = Buffer.from(header.slice(SEALED.length), 'base64');
  if (!keys || iv.length !== 16) return 'unreadable';
  const decipher = createDecipheriv('aes-256-ctr', keys.encrypt, iv);
  const seal = createHash('sha3-256').update(keys.seal).update(iv);
  const json: string[] = [];
  for (const record of records) {
    const [data = '', tagText = ''] = record.split('.');
    const sealed = Buffer.from(data, 'base64');
    const tag = Buffer.from(tagText, 'base64');
    seal.update(sealed);
    const expected = seal.copy().digest().subarray(0, TAG_BYTES);
    if (tag.length !== TAG_BYTES || !timingSafeEqual(tag, expected)) return 'unreadable';
    json.push(decipher.update(sealed).toString('utf8'));
  }
  return json;
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
