import fs from 'node:fs';
import os from 'node:os';
import type { Ctx } from './context';
import { one } from '../db/query';

/**
 * Who is running a long write (an import) on a database, kept in a small file beside it.
 * A long write holds SQLite's write lock for its whole transaction, so another workstation
 * that wants to write waits and then fails; this note is what lets it say who and what it
 * waited for. It is read without touching the database, so it works while the lock is held.
 */
export interface LongWorkNote {
  /** The person's display name. */
  who: string;
  /** What they are doing, as a phrase: "importing remit-0301.835". */
  what: string;
  /** ISO-8601 UTC timestamp of the start. */
  since: string;
  pid: number;
  host: string;
}

export function longWorkNotePath(databasePath: string): string {
  return `${databasePath}-long-work.json`;
}

function isNote(value: unknown): value is LongWorkNote {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.who === 'string' &&
    typeof v.what === 'string' &&
    typeof v.since === 'string' &&
    typeof v.pid === 'number' &&
    typeof v.host === 'string'
  );
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The note of the long write now running on this database, or null when there is none.
 * A note left behind by a process that has gone (a crash, a power cut) on this computer
 * is ignored; one from another computer cannot be checked and is believed.
 */
export function readLongWorkNote(databasePath: string): LongWorkNote | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(longWorkNotePath(databasePath), 'utf8'));
  } catch {
    return null;
  }
  if (!isNote(parsed)) return null;
  if (parsed.host === os.hostname() && !processIsAlive(parsed.pid)) return null;
  return parsed;
}

/**
 * Runs a long write with its note beside the database, removing the note afterwards. A
 * live note of another process is left alone (that process holds the lock, and this write
 * will wait for it); the note is advisory, so failing to write it never stops the work.
 */
export async function withLongWorkNote<T>(
  databasePath: string,
  note: Pick<LongWorkNote, 'who' | 'what' | 'since'>,
  run: () => Promise<T>,
): Promise<T> {
  const file = longWorkNotePath(databasePath);
  const mine: LongWorkNote = { ...note, pid: process.pid, host: os.hostname() };
  let written = false;
  try {
    if (!readLongWorkNote(databasePath)) {
      fs.writeFileSync(file, JSON.stringify(mine));
      written = true;
    }
  } catch {
    // a folder we may not write to: the work itself will say so if it matters
  }
  try {
    return await run();
  } finally {
    // another import that started at the same moment may have written over it
    if (written && readLongWorkNote(databasePath)?.pid === process.pid) {
      fs.rmSync(file, { force: true });
    }
  }
}

const WORK: Readonly<Record<string, string>> = {
  importFile: 'importing',
  importCsv: 'importing accounts from',
};

/** The note of a long write started by this request: the user's name, the file's name. */
export function longWorkOf(
  ctx: Ctx,
  method: string,
  input: unknown,
): Pick<LongWorkNote, 'who' | 'what' | 'since'> {
  const user = one<{ display_name: string }>(
    ctx.db,
    `SELECT display_name FROM users WHERE id = ?`,
    ctx.userId,
  );
  const fileName =
    typeof input === 'object' && input !== null && 'fileName' in input
      ? String(input.fileName)
      : null;
  const verb = WORK[method] ?? 'saving a large change';
  return {
    who: user?.display_name ?? 'Someone',
    what: fileName ? `${verb} ${fileName}` : verb,
    since: ctx.clock.now(),
  };
}

/** A short local time for a message: "10:02". */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
