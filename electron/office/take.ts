import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { localIdOf, setSyncRow, versionOf } from './gids';
import { takeBatchClosing } from './batch-closings';
import { takeDocumentSending } from './document-sendings';
import { insertLedgerRow, insertReceipt } from './money-rows';
import { insertActivity, insertFollowUp, updateFollowUp } from './rows';
import { insertRecord, referencesOf, updateRecord } from './records';
import { isChangeableChange, type ChangeableTable } from './record-columns';
import { pulledFilePlaced } from './documents';
import { takeLetterhead } from './letterhead';
import { writeRule } from './rules';
import { takeStage } from './stages';
import { writeUser } from './users';
import { takeStatusEvent } from './status-events';
import { awaitsItsPosting } from './request-postings';
import { serverRow, type ServerRow } from './wire';

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
