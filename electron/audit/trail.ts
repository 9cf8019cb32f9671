import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Db, ReadDb } from '../db/open';
import { failureKind } from '../core/failure';
import { prepare } from '../db/query';
import { appendEntries, GENESIS, lastEntry, type AuditEntry, type Head } from './chain';
import { writeHeadFile } from './head';
import { hasRecordedStates, recordFirstUserStates } from './user-states';
import { checkTrail, tamperWarning, type TrailCheck } from './verify';

/** What this process knows of a database's trail since it opened it. */
interface TrailState {
  databasePath: string;
  /** How far the chain was verified, written into the head file with the last entry. */
  checked: Head;
  /** Set when the check at opening found the trail changed; the head file is then left as evidence. */
  warning: string | null;
  /** The connection's own busy timeout, put back after a view's entry waited less. */
  busyTimeoutMs: number;
}

const states = new WeakMap<ReadDb, TrailState>();

function stateOf(db: ReadDb, databasePath: string): TrailState {
  let state = states.get(db);
  if (!state) {
    // a connection not opened through openDatabase (a test's own): nothing verified yet
    state = {
      databasePath,
      checked: { id: 0, hash: GENESIS },
      warning: null,
      busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
    };
    states.set(db, state);
  }
  return state;
}

/**
 * Verifies the trail as the database opens, from where the last verification reached,
 * and says what it found; the database opens either way, so a supervisor can look into it.
 */
export function openTrail(db: Db, databasePath: string): TrailCheck {
  movePending(db, databasePath);
  const check = checkTrail(db, databasePath, false);
  if (check.ok) check.last = firstUserStates(db) ?? check.last;
  const last = check.last ?? { id: 0, hash: GENESIS };
  states.set(db, {
    databasePath,
    checked: check.ok ? last : { id: 0, hash: GENESIS },
    warning: check.ok ? null : tamperWarning(check.problems),
    busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
  });
  if (check.ok && check.last) writeHeadFile(databasePath, { last, checked: last });
  return check;
}

/**
 * Records every user's state the first time a trail without them opens intact (see
 * user-states.ts); skipped, for the next opening, while another workstation is writing.
 */
function firstUserStates(db: Db): Head | null {
  // looked at first, so that an opening takes the write lock once in the database's life
  if (hasRecordedStates(db)) return null;
  try {
    const wrote = db
      .transaction(() => recordFirstUserStates(db, new Date().toISOString()))
      .immediate();
    return wrote ? lastEntry(db) : null;
  } catch (error) {
    if (failureKind(error) === 'busy') return null;
    throw error;
  }
}

/** The warning found at opening, for the window. */
export function trailWarning(db: ReadDb): string | null {
  return states.get(db)?.warning ?? null;
}

/**
 * A supervisor took the trail as it stands: checks start again from its present end, and
 * the head file follows the trail again from the next entry (this acceptance's own).
 */
export function acceptTrail(db: ReadDb, databasePath: string, last: Head | null): void {
  const state = stateOf(db, databasePath);
  state.warning = null;
  state.checked = last ?? { id: 0, hash: GENESIS };
}

/** After a full verification that found nothing wrong, later openings start from here. */
export function markVerified(db: ReadDb, databasePath: string, last: Head): void {
  const state = stateOf(db, databasePath);
  if (state.warning) return;
  state.checked = last;
  writeHeadFile(databasePath, { last, checked: last });
}

function keepHead(db: ReadDb, databasePath: string, last: Head | null): void {
  const state = stateOf(db, databasePath);
  if (state.warning || !last) return;
  writeHeadFile(databasePath, { last, checked: state.checked });
}

export function pendingFilePath(databasePath: string): string {
  return `${databasePath}.audit-pending`;
}

/**
 * Entries kept in the pending file while the database was busy, taken for moving into the
 * chain: the file is first renamed to one of this process's own, so entries another
 * ClaimDesk adds meanwhile start a new file instead of being lost with this one.
 */
function takePending(databasePath: string): { file: string; entries: AuditEntry[] } | null {
  const shared = pendingFilePath(databasePath);
  const mine = `${shared}.${process.pid}`;
  if (!fs.existsSync(mine)) {
    if (!fs.existsSync(shared)) return null;
    try {
      fs.renameSync(shared, mine);
    } catch {
      return null; // another ClaimDesk took it first
    }
  }
  const entries = fs
    .readFileSync(mine, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line): AuditEntry[] => {
      try {
        return [JSON.parse(line) as AuditEntry];
      } catch {
        return []; // a line cut short by a crash while writing it
      }
    });
  return { file: mine, entries };
}

function movePending(db: Db, databasePath: string): void {
  const file = pendingFilePath(databasePath);
  if (!fs.existsSync(file) && !fs.existsSync(`${file}.${process.pid}`)) return;
  try {
    appendNow(db, databasePath, []);
  } catch (error) {
    if (failureKind(error) !== 'busy') throw error;
  }
}

/** Appends in a transaction of its own, with the pending entries first; then the head file. */
function appendNow(db: Db, databasePath: string, entries: AuditEntry[]): void {
  // taken before the transaction: if it fails, the file stays this process's for next time
  const pending = takePending(databasePath);
  const last = db
    .transaction(() => appendEntries(db, [...(pending?.entries ?? []), ...entries]))
    .immediate();
  if (pending) fs.rmSync(pending.file, { force: true });
  keepHead(db, databasePath, last);
}

/**
 * How long a view's entry waits for another workstation's write. A write takes
 * milliseconds; what the entry can meet is another's import, which it does not wait out:
 * the entry goes to the pending file and into the chain with the next entry that gets in.
 */
const VIEW_WAIT_MS = 250;

/**
 * Records one entry. Inside a write's transaction it is part of that write (both commit or
 * neither); otherwise it commits on its own before the answer goes back, so an answer
 * shown is an answer recorded even if ClaimDesk is killed the next moment.
 */
export function recordEntry(db: Db, databasePath: string, entry: AuditEntry): void {
  if (db.inTransaction) {
    appendEntries(db, [entry]);
    // the head file follows once the write has committed (and not if it rolled back)
    queueMicrotask(() => {
      if (!db.open || db.inTransaction) return;
      keepHead(db, databasePath, lastEntry(db));
    });
    return;
  }
  const { busyTimeoutMs } = stateOf(db, databasePath);
  // prepared (and so cached) rather than db.pragma, which prepares anew each time
  prepare(db, `PRAGMA busy_timeout = ${Math.min(busyTimeoutMs, VIEW_WAIT_MS)}`).get();
  try {
    appendNow(db, databasePath, [entry]);
  } catch (error) {
    if (failureKind(error) !== 'busy') throw error;
    const kept: AuditEntry = { ...entry, uid: randomUUID() };
    fs.appendFileSync(pendingFilePath(databasePath), `${JSON.stringify(kept)}\n`);
  } finally {
    prepare(db, `PRAGMA busy_timeout = ${busyTimeoutMs}`).get();
  }
}
