import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { localIdOf, setSyncRow, versionOf } from './gids';
import { takeBatchClosing } from './batch-closings';
import { takeDocumentSending } from './document-sendings';
import { insertLedgerRow, insertReceipt } from './money-rows';
import { insertActivity, insertFollowUp, updateFollowUp } from './rows';
import { boundReferencesOf, insertRecord, referencesOf, updateRecord } from './records';
import { letGoOfLostDenials } from './outbox';
import { isChangeableChange, type ChangeableTable } from './record-columns';
import { pulledFilePlaced } from './documents';
import { settleRefusedLetterhead, takeLetterhead } from './letterhead';
import { settleRefusedRules, writeRule } from './rules';
import { takeStage } from './stages';
import { writeUser } from './users';
import { HEARD_AT_THE_OFFICE, heardAtTheOffice, takeStatusEvent } from './status-events';
import { standOnCollectionRecords, withdrawInserted } from './withdraw';
import { awaitsItsPosting } from './request-postings';
import { changes as changesSchema, serverRow, type Change, type ServerRow } from './wire';

/**
 * Writes rows as the server has them into this copy, with the capture off so they are not
 * sent back. A changeable row is taken only when the server's version is newer than the
 * copy's, so changes may arrive in any order; `force` takes the server's row whatever
 * this copy holds (after the server refused this copy's own change). A follow-up whose
 * place is still held by one open here waits in sync_held (migration 38) and is tried
 * again after the rest, at this take and every later one: the row holding its place may
 * be closed later in this batch, in a later read, or withdrawn when the server refuses the
 * entry that opened it. Returns how many rows changed.
 */
export function takeRows(db: Db, rows: readonly ServerRow[], force = false): number {
  let taken = 0;
  for (const r of rows) {
    const result = takeRow(db, r, force);
    if (result === 'collides') hold(db, r);
    else if (result === 'taken') taken += 1;
  }
  // placing one held row can free the place of another, so passes go on while one places
  for (let placed = true; placed;) {
    placed = false;
    for (const r of heldRows(db)) {
      const result = takeRow(db, r, false);
      if (result === 'collides') continue;
      run(db, `DELETE FROM sync_held WHERE tbl = ? AND gid = ?`, r.tbl, r.gid);
      if (result === 'taken') {
        taken += 1;
        placed = true;
      }
    }
  }
  return taken;
}

/** Keeps the newest version the office has sent of a row that could not be placed. */
function hold(db: Db, r: ServerRow): void {
  run(
    db,
    `INSERT INTO sync_held (tbl, gid, version, row) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, gid) DO UPDATE SET version = excluded.version, row = excluded.row
       WHERE excluded.version > sync_held.version`,
    r.tbl,
    r.gid,
    r.version,
    JSON.stringify(r.row),
  );
}

function heldRows(db: ReadDb): ServerRow[] {
  return all<{ tbl: string; gid: string; version: number; row: string }>(
    db,
    `SELECT tbl, gid, version, row FROM sync_held ORDER BY rowid`,
  ).map((r) => serverRow.parse({ ...r, row: JSON.parse(r.row) }));
}

function takeRow(db: Db, r: ServerRow, force: boolean): 'taken' | 'kept' | 'collides' {
  const localId = localIdOf(db, r.tbl, r.gid);
  if (r.tbl === 'users') {
    // a user is found by sign-in name; the office's newer state of them is taken
    if (localId !== undefined && !force && r.version <= versionOf(db, r.tbl, localId)) {
      return 'kept';
    }
    setSyncRow(db, r.tbl, writeUser(db, r.gid, r.row), r.gid, r.version);
    return 'taken';
  }
  if (r.tbl === 'billing_rules') {
    // the office's newer rule is taken, as a user's state is
    if (localId !== undefined && !force && r.version <= versionOf(db, r.tbl, localId)) {
      return 'kept';
    }
    setSyncRow(db, r.tbl, writeRule(db, r.row), r.gid, r.version);
    return 'taken';
  }
  if (r.tbl === 'letterhead') return takeLetterhead(db, r, force);
  // an account's statement stage: the later of the office's and this copy's is kept
  if (r.tbl === 'dunning_stages') return takeStage(db, r);
  // the main facility follows the letterhead (taken whole, above): no facility row changes it
  if (r.tbl === 'facilities' && localId === 1) return 'kept';
  if (isChangeableChange(r) && localId !== undefined) {
    // a record this copy has: the office's newer state of it is taken
    if (!force && r.version <= versionOf(db, r.tbl, localId)) return 'kept';
    if (waitsOnHeld(db, r)) return 'collides';
    return placed(db, () => {
      takeRecord(db, r, localId);
      setSyncRow(db, r.tbl, localId, r.gid, r.version);
    });
  }
  if (r.tbl !== 'follow_ups' && localId !== undefined) return 'kept';
  // a sending of a document not here (a desk's own, or one a desk's login made up) waits,
  // never stopping the pull
  if (
    r.tbl === 'document_sendings' &&
    localIdOf(db, 'documents', r.row.documentGid) === undefined
  ) {
    return 'collides';
  }
  if (r.tbl === 'documents' && r.row.denialGid && isHeld(db, 'denials', r.row.denialGid)) {
    // its denial waits here behind this desk's own denial of the claim, perhaps for good: the
    // letter is taken answering none here rather than wait with it, unseen
    return takeRow(db, { ...r, row: { ...r.row, denialGid: null } }, force);
  }
  // a row naming one that waits (its account, claim, receipt, the row it reverses) waits with it
  if (waitsOnHeld(db, r)) return 'collides';
  if (r.tbl === 'activities') {
    setSyncRow(db, r.tbl, insertActivity(db, r.row), r.gid, 1);
    return 'taken';
  }
  if ((r.tbl === 'documents' || r.tbl === 'correspondence') && !pulledFilePlaced(db, r)) {
    return 'collides';
  }
  // an appeal letter met before its denial (the log hands rows over by transaction id, which
  // need not be commit order) waits for it rather than stopping the pull
  if (
    r.tbl === 'documents' &&
    r.row.denialGid &&
    localIdOf(db, 'denials', r.row.denialGid) === undefined
  ) {
    return 'collides';
  }
  if (r.tbl !== 'follow_ups') {
    // an account or claim number, or a reversal's place, may be held by this copy's own
    // a record changed since it was created arrives at its newest version
    return placed(db, () => setSyncRow(db, r.tbl, insertNew(db, r), r.gid, r.version));
  }
  if (localId !== undefined && !force && r.version <= versionOf(db, r.tbl, localId)) {
    return 'kept';
  }
  // reopening one follow-up may wait for another row of the batch to close its twin
  return placed(db, () => {
    if (localId !== undefined) {
      updateFollowUp(db, localId, r.row);
      setSyncRow(db, r.tbl, localId, r.gid, r.version);
    } else {
      setSyncRow(db, r.tbl, insertFollowUp(db, r.row), r.gid, r.version);
    }
  });
}

function takeRecord(db: Db, r: Extract<ServerRow, { tbl: ChangeableTable }>, id: number): void {
  switch (r.tbl) {
    case 'facilities':
      return updateRecord(db, r.tbl, id, r.row);
    case 'payers':
      return updateRecord(db, r.tbl, id, r.row);
    case 'people':
      return updateRecord(db, r.tbl, id, r.row);
    case 'accounts':
      return updateRecord(db, r.tbl, id, r.row);
    case 'coverages':
      return updateRecord(db, r.tbl, id, r.row);
    case 'claims':
      return updateRecord(db, r.tbl, id, r.row);
    case 'denials':
      return updateRecord(db, r.tbl, id, r.row);
    case 'bad_debt_moves':
      return updateRecord(db, r.tbl, id, r.row);
    case 'agency_placements':
      return updateRecord(db, r.tbl, id, r.row);
    case 'extraordinary_actions':
      return updateRecord(db, r.tbl, id, r.row);
    case 'contact_restrictions':
      return updateRecord(db, r.tbl, id, r.row);
    case 'collection_holds':
      return updateRecord(db, r.tbl, id, r.row);
    case 'payment_plans':
      return updateRecord(db, r.tbl, id, r.row);
    case 'assistance_applications':
      return updateRecord(db, r.tbl, id, r.row);
    case 'agencies':
      return updateRecord(db, r.tbl, id, r.row);
    case 'claim_lines':
      return updateRecord(db, r.tbl, id, r.row);
    case 'adjustment_requests':
      return updateRecord(db, r.tbl, id, r.row);
  }
  // a table added to the changeable ones fails here, not by taking nothing
  const unhandled: never = r;
  return unhandled;
}

function insertNew(
  db: Db,
  r: Exclude<
    ServerRow,
    {
      tbl:
        'activities' | 'follow_ups' | 'users' | 'billing_rules' | 'dunning_stages' | 'letterhead';
    }
  >,
): number {
  switch (r.tbl) {
    case 'receipts':
      return insertReceipt(db, r.row);
    case 'ledger_entries':
      return insertLedgerRow(db, r.row);
    case 'batch_closings':
      return takeBatchClosing(db, r.row);
    case 'document_sendings':
      return takeDocumentSending(db, r.row);
    case 'claim_status_events':
      return takeStatusEvent(db, r.row, r.gid);
    default:
      return insertRecord(db, r.tbl, r.row, r.gid);
  }
}

/**
 * Writes a row whose place may still be held here: a follow-up's by an open twin, a
 * reversal's by this copy's own reversal of the same payment that the server has not
 * answered for yet (its refusal withdraws it and frees the place).
 */
function placed(db: Db, write: () => void): 'taken' | 'collides' {
  try {
    run(db, 'SAVEPOINT take_row');
    write();
    run(db, 'RELEASE take_row');
    return 'taken';
  } catch (error) {
    run(db, 'ROLLBACK TO take_row');
    run(db, 'RELEASE take_row');
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return 'collides';
    }
    throw error;
  }
}

const isHeld = (db: ReadDb, tbl: string, gid: string) =>
  one(db, `SELECT 1 AS n FROM sync_held WHERE tbl = ? AND gid = ?`, tbl, gid) !== undefined;

function waitsOnHeld(db: ReadDb, r: ServerRow): boolean {
  return referencesOf(r).some(([tbl, gid]) => isHeld(db, tbl, gid)) || awaitsItsPosting(db, r);
}

export interface OutboxRow {
  seq: number;
  /** the money entry this one belongs with, for a request that moved money */
  partOf: number | null;
  userId: number;
  createdAt: string;
  changes: Change[];
}

export function outboxEntries(db: ReadDb): OutboxRow[] {
  return all<{
    seq: number;
    partOf: number | null;
    userId: number;
    createdAt: string;
    changes: string;
  }>(
    db,
    `SELECT seq, part_of AS partOf, user_id AS userId, created_at AS createdAt, changes
       FROM outbox ORDER BY seq`,
  ).map((r) => ({ ...r, changes: changesSchema.parse(JSON.parse(r.changes)) }));
}

/**
 * The refused entry and every later one that changes a row it changed (sent as they are,
 * they would build on a change the office does not have) or names a row it created (the
 * office has none), each with its reason.
 */
export function refusedWithFollowers(
  db: ReadDb,
  seq: number,
  reason: string,
): { entry: OutboxRow; reason: string }[] {
  const entries = outboxEntries(db);
  const first = entries.find((e) => e.seq === seq);
  if (!first) return [];
  // a gid names a row within its table: activity 4 and follow-up 4 of one desktop share one
  const rows = new Set(first.changes.map(rowKey));
  const inserted = (changes: readonly Change[]) =>
    changes.filter((c) => c.op === 'insert').map(rowKey);
  const created = new Set(inserted(first.changes));
  const seqs = new Set([seq]);
  const out = [{ entry: first, reason }];
  // a row naming a refused one (a note on a refused account) is withdrawn with it; a row
  // whose change alone was refused is the office's still (a note on a claim whose status
  // went with a refused posting goes), and an appeal letter naming a refused denial goes
  // without the link (outbox.ts)
  const names = (c: Change) =>
    boundReferencesOf(c).some(([tbl, gid]) => created.has(rowKey({ tbl, gid })));
  for (const e of entries) {
    if (e.seq <= seq) continue;
    const partOfRefused = e.partOf !== null && seqs.has(e.partOf);
    const changesRefused = e.changes.some((c) => rows.has(rowKey(c)));
    if (!partOfRefused && !changesRefused && !e.changes.some(names)) continue;
    for (const c of e.changes) rows.add(rowKey(c));
    for (const key of inserted(e.changes)) created.add(key);
    seqs.add(e.seq);
    out.push({
      entry: e,
      reason: partOfRefused
        ? 'Not sent: it belongs to an action with money or new records that was not synced.'
        : changesRefused
          ? 'Not sent: it builds on an earlier action of yours that was not synced.'
          : 'Not sent: it is about an account, claim or person the office refused.',
    });
  }
  return out;
}

/**
 * Each refused change to a record starts again from the version the office had: a row the
 * office sends back is then newer than this copy's and is taken, now or, when this copy
 * still holds its place (an active plan of its own where the office's is active), from
 * sync_held once it places, never dropped there as one this copy already has. A record the
 * office has no row of (one of the first copy nobody changed at the office, refused with
 * the request it was part of) keeps this copy's state, listed as not synced, its next change
 * starting from that version; an account's collection status then stands on its records.
 */
function startAgainFrom(
  db: Db,
  changes: readonly Change[],
  stillSent: ReadonlySet<string>,
  office: ReadonlySet<string>,
): void {
  const done = new Set(stillSent);
  for (const c of changes) {
    if (c.op !== 'update' || !isChangeableChange(c) || done.has(rowKey(c))) continue;
    done.add(rowKey(c));
    const localId = localIdOf(db, c.tbl, c.gid);
    if (localId === undefined) continue;
    setSyncRow(db, c.tbl, localId, c.gid, c.baseVersion);
    if (c.tbl === 'accounts' && !office.has(rowKey(c))) standOnCollectionRecords(db, localId);
  }
}

function rowKey(c: { tbl: string; gid: string }): string {
  return `${c.tbl} ${c.gid}`;
}

const KEPT =
  'Other work on this desktop names what it created, so it was not withdrawn: it stays on this desktop only and is not sent.';

/**
 * The server refused an entry: this copy takes the server's state. The refused entries'
 * notes and new follow-ups are withdrawn (the server has none of them), the server's
 * rows are taken whatever this copy holds (but for rows a later entry still changes), and each entry goes to the not-synced list
 * with its reason and everything it held, so nothing a person did is lost.
 */
export function takeServerState(
  db: Db,
  refused: readonly { entry: OutboxRow; reason: string }[],
  serverRows: readonly ServerRow[],
  now: string,
): void {
  const changes = refused.flatMap((r) => r.entry.changes);
  const withdrawn = withdrawInserted(db, changes, serverRows);
  // a denial kept here as this desk's own: the letters still to be sent go without naming it
  letGoOfLostDenials(db);
  // a row a later entry still in the outbox changes keeps this copy's state: that entry
  // goes out from it and is accepted or refused on its own
  const refusedSeqs = new Set(refused.map((r) => r.entry.seq));
  const stillSent = new Set(
    outboxEntries(db)
      .filter((e) => !refusedSeqs.has(e.seq))
      .flatMap((e) => e.changes.map(rowKey)),
  );
  const taken = serverRows.filter((r) => !stillSent.has(rowKey(r)));
  startAgainFrom(db, changes, stillSent, new Set(taken.map(rowKey)));
  takeRows(db, taken, true);
  settleRefusedRules(db, changes, new Set(taken.map((r) => r.gid)));
  settleRefusedLetterhead(db, changes, new Set(taken.map((r) => r.gid)));
  for (const { entry, reason } of refused) {
    // the same 277 the office heard from another desk first: kept as done, nothing to redo
    const heard = heardAtTheOffice(entry.changes, serverRows);
    run(
      db,
      `INSERT INTO not_synced (seq, created_at, user_id, changes, reason, refused_at, dismissed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      entry.seq,
      entry.createdAt,
      entry.userId,
      JSON.stringify(entry.changes),
      heard ? HEARD_AT_THE_OFFICE : withdrawn ? reason : `${reason} ${KEPT}`,
      now,
      heard ? now : null,
    );
    run(db, `DELETE FROM outbox WHERE seq = ?`, entry.seq);
  }
}
