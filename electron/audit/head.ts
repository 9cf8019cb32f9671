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

/**
 * Replaces the file whole (written aside, then renamed over), so a crash leaves the old
 * head or the new one, never half of one. A folder that cannot be written to costs the
 * check at the next opening, not the request: the trail itself is in the database.
 */
export function writeHeadFile(databasePath: string, head: HeadFile): void {
  const file = headFilePath(databasePath);
  const aside = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(aside, JSON.stringify(head));
    fs.renameSync(aside, file);
  } catch {
    // see above
  }
}
