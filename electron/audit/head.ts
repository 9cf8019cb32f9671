import fs from 'node:fs';
import type { Head } from './chain';

/**
 * Where the trail ended, kept beside the database, where someone who rewrites the database
 * file with another tool does not think to look. `checked` is how far the chain was last
 * verified, so opening verifies only what was added since.
 */
export interface HeadFile {
  last: Head;
  checked: Head;
}

export function headFilePath(databasePath: string): string {
  return `${databasePath}.audit-head`;
}

function isHead(v: unknown): v is Head {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return Number.isSafeInteger(h.id) && typeof h.hash === 'string';
}

/** The file's content; `null` when there is none, 'unreadable' when it is not ours. */
export function readHeadFile(databasePath: string): HeadFile | null | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(headFilePath(databasePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'unreadable';
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return 'unreadable';
    const { last, checked } = parsed as Record<string, unknown>;
    return isHead(last) && isHead(checked) ? { last, checked } : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** The head is always this long (padded with spaces), so each write replaces all of it. */
const HEAD_BYTES = 256;

/**
 * Overwrites the file in place with one write of a fixed length: a few microseconds,
 * where writing a copy and renaming it over took a fifth of a millisecond (and several at
 * the 95th percentile), too much for every view. One write of 256 bytes at the start of
 * the file is whole for any reader and any process killed mid-way; only a power cut during
 * it could leave it torn, which the next opening reports as unreadable rather than trusting
 * it. The first time the file is created aside and renamed into place.
 *
 * A folder that cannot be written to costs the check at the next opening, not the request:
 * the trail itself is in the database.
 */
export function writeHeadFile(databasePath: string, head: HeadFile): void {
  const file = headFilePath(databasePath);
  const text = JSON.stringify(head).padEnd(HEAD_BYTES);
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      fs.writeSync(fd, text, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    const aside = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(aside, text);
      fs.renameSync(aside, file);
    } catch {
      // see above
    }
  }
}
