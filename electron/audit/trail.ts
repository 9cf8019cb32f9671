import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Db, ReadDb } from '../db/open';
import { failureKind } from '../core/failure';
import { prepare } from '../db/query';
import { appendEntries, GENESIS, lastEntry, type AuditEntry, type Head } from './chain';
import { writeHeadFile } from './head';
import { journalKeys, Journal, leftoverJournals, readJournal, type JournalKeys } from './journal';
import { hasRecordedStates, recordFirstUserStates } from './user-states';
import { checkTrail, tamperWarning, type TrailCheck } from './verify';

/** What this process knows of a database's trail since it opened it. */
interface TrailState {
  databasePath: string;
  /** How far the chain was verified, written into the head file with the last entry. */
  checked: Head;
  /** Set when the check at opening found the trail changed; the head file is then left as evidence. */
  warning: string | null;
  /** The connection's own busy timeout, put back after moving entries waited less. */
  busyTimeoutMs: number;
  journalKeys: JournalKeys | null;
  /** Entries recorded outside a write, in the journal and not yet in the chain, in order. */
  journal: Journal;
  pending: AuditEntry[];
  timer: NodeJS.Timeout | null;
}

const states = new WeakMap<ReadDb, TrailState>();

function newState(db: ReadDb, databasePath: string, keys: JournalKeys | null): TrailState {
  return {
    databasePath,
    checked: { id: 0, hash: GENESIS },
    warning: null,
    busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
    journalKeys: keys,
    journal: new Journal(databasePath, keys),
    pending: [],
    timer: null,
  };
}

function stateOf(db: ReadDb, databasePath: string): TrailState {
  let state = states.get(db);
  if (!state) {
    // a connection not opened through openDatabase (a test's own): nothing verified yet
    state = newState(db, databasePath, null);
    states.set(db, state);
  }
  return state;
}

/**
 * Verifies the trail as the database opens, from where the last verification reached,
 * and says what it found; the database opens either way, so a supervisor can look into it.
 */
export function openTrail(
  db: Db,
  databasePath: string,
  databaseKey: Buffer | null = null,
): TrailCheck {
  const state = newState(db, databasePath, journalKeys(databaseKey));
  states.set(db, state);
  moveLeftovers(db, state);
  const check = checkTrail(db, databasePath, false);
  if (check.ok) check.last = firstUserStates(db) ?? check.last;
  const last = check.last ?? { id: 0, hash: GENESIS };
  state.checked = check.ok ? last : { id: 0, hash: GENESIS };
  state.warning = check.ok ? null : tamperWarning(check.problems);
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

/**
 * Moves what connections that are gone left in their files into the chain, in one
 * transaction; a file is removed only once its entries are in. Skipped while another
 * workstation is writing: the files stay for the next opening.
 */
function moveLeftovers(db: Db, state: TrailState): void {
  const files = leftoverJournals(state.databasePath);
  if (files.length === 0) return;
  const readable = files.flatMap((file) => {
    const entries = readJournal(file, state.journalKeys);
    return entries === 'unreadable' ? [] : [{ file, entries }];
  });
  try {
    // the head file is written by the check that follows, which walks over these entries
    db.transaction(() =>
      appendEntries(
        db,
        readable.flatMap((r) => r.entries),
      ),
    ).immediate();
  } catch (error) {
    if (failureKind(error) !== 'busy') throw error;
    return;
  }
  for (const r of readable) {
    try {
      fs.rmSync(r.file, { force: true });
    } catch {
      // moved again at a later opening, harmlessly: its entries are known by uid
    }
  }
}

/**
 * How long moving entries into the chain waits for another workstation's write. A write
 * takes milliseconds; what it can meet is another's import, which it does not wait out:
 * the entries stay in the file and memory, and the next try is a second later.
 */
const FLUSH_WAIT_MS = 250;
/** Entries recorded outside a write join the chain this long after the first of them. */
export const FLUSH_DELAY_MS = 1_000;

/**
 * Records one entry. Inside a write's transaction it is part of that write (both commit or
 * neither), with the entries waiting in the file ahead of it. Otherwise it goes to the
 * connection's file first, where a crash cannot lose it; a view joins the chain within a
 * second, anything else at once (or, while another workstation imports, with the views).
 */
export function recordEntry(db: Db, databasePath: string, entry: AuditEntry): void {
  const state = stateOf(db, databasePath);
  if (db.inTransaction) {
    // a copy: views recorded before the commit's check are not part of this write
    const waiting = [...state.pending];
    appendEntries(db, [...waiting, entry]);
    // the head file and the waiting entries follow once the write has committed (and not
    // if it rolled back); by then others may have joined the chain, or come to wait
    queueMicrotask(() => {
      if (!db.open || db.inTransaction) return;
      try {
        const last = waiting[waiting.length - 1];
        if (last && isChained(db, last)) chained(state, waiting);
        keepHead(db, databasePath, lastEntry(db));
      } catch (error) {
        logFailure(error);
      }
    });
    return;
  }
  const kept: AuditEntry = { ...entry, uid: randomUUID() };
  state.journal.write(kept);
  state.pending.push(kept);
  // anything but a view (an opening with the recovery key, a long import's summary) is
  // rare and joins the chain at once, with the views waiting ahead of it
  if (entry.access === 'read') flushSoon(db, state);
  else flushTrail(db);
}

function flushSoon(db: Db, state: TrailState): void {
  if (state.timer !== null) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    flushLater(db);
  }, FLUSH_DELAY_MS);
  // a timer never keeps ClaimDesk (or a test) running
  state.timer.unref();
}

function isChained(db: Db, entry: AuditEntry): boolean {
  return (
    prepare<{ n: number }>(db, `SELECT 1 AS n FROM audit_log WHERE uid = ?`).get(entry.uid) !==
    undefined
  );
}

/** These entries are in the chain: they wait no more, and with none left the file goes. */
function chained(state: TrailState, done: readonly AuditEntry[]): void {
  const gone = new Set(done);
  state.pending = state.pending.filter((e) => !gone.has(e));
  if (state.pending.length > 0) return;
  state.journal.end();
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
}

/** Only the kind: a message can quote patient data. The entries stay in their file. */
function logFailure(error: unknown): void {
  console.error(`ClaimDesk: audit trail (${error instanceof Error ? error.name : 'error'})`);
}

function flushLater(db: Db): void {
  try {
    flushTrail(db);
  } catch (error) {
    logFailure(error);
  }
}

/**
 * Moves the entries waiting in this connection's file into the chain now: a second after
 * the first of them, before the trail is read or verified, as the connection closes. Busy
 * (another workstation's import): they wait for the next try.
 */
export function flushTrail(db: Db): void {
  const state = states.get(db);
  if (!state || state.pending.length === 0 || !db.open) return;
  // long work between its slices holds the connection's transaction: the next try waits
  if (db.inTransaction) return flushSoon(db, state);
  const { busyTimeoutMs } = state;
  // prepared (and so cached) rather than db.pragma, which prepares anew each time
  prepare(db, `PRAGMA busy_timeout = ${Math.min(busyTimeoutMs, FLUSH_WAIT_MS)}`).get();
  try {
    const waiting = [...state.pending];
    const last = db.transaction(() => appendEntries(db, waiting)).immediate();
    chained(state, waiting);
    keepHead(db, state.databasePath, last);
  } catch (error) {
    if (failureKind(error) !== 'busy') throw error;
    flushSoon(db, state);
  } finally {
    prepare(db, `PRAGMA busy_timeout = ${busyTimeoutMs}`).get();
  }
}

/** Before the connection closes: what could not join the chain stays in its file. */
export function closeTrail(db: Db): void {
  const state = states.get(db);
  if (!state) return;
  try {
    flushTrail(db);
  } finally {
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
    if (state.pending.length > 0) state.journal.leave();
  }
  // a write's own microtask may not have run yet: the head file ends where the trail does
  if (state.pending.length === 0) keepHead(db, state.databasePath, lastEntry(db));
}
