import type { Db } from '../db/open';
import { gidOf, setSyncRow, versionOf } from './gids';
import { readBatchClosing } from './batch-closings';
import { readDocumentSending } from './document-sendings';
import { readLedgerRow, readReceipt } from './money-rows';
import { readActivity, readFollowUp } from './rows';
import { letterheadChange } from './letterhead';
import { readRule } from './rules';
import { stageChange } from './stages';
import { readUser } from './users';
import { readRecord, type RecordTable } from './records';
import { isChangeable, type ChangeableTable } from './record-columns';
import type { Change } from './wire';

/** A row the capture triggers noted for the outbox (outbox_pending). */
export interface Pending {
  tbl: Change['tbl'];
  localId: number;
  op: 'insert' | 'update';
}

/**
 * One noted row as it travels: read as the request left it, named by its office-wide id, with
 * the version it starts from (and this copy's version moved on with it). A switch per table,
 * so each row is read and typed as its own table's.
 */
export function toChange(db: Db, desktopId: string, p: Pending, userId: number): Change {
  if (p.tbl === 'users')
    return { tbl: p.tbl, ...byName(db, p), row: readUser(db, p.localId, userId) };
  if (p.tbl === 'billing_rules')
    return { tbl: p.tbl, ...byName(db, p), row: readRule(db, p.localId) };
  if (p.tbl === 'dunning_stages') return stageChange(db, p.localId, p.op);
  if (p.tbl === 'letterhead') return letterheadChange(db, p.op);
  if (p.op === 'insert') {
    // named by this desktop and its own id: unique across the office with no round trip
    const gid = `${desktopId}:${p.localId}`;
    setSyncRow(db, p.tbl, p.localId, gid, 1);
    const inserted = { op: 'insert', gid, baseVersion: 0, version: 1 } as const;
    switch (p.tbl) {
      case 'activities':
        return { tbl: p.tbl, ...inserted, row: readActivity(db, p.localId) };
      case 'receipts':
        return { tbl: p.tbl, ...inserted, row: readReceipt(db, p.localId) };
      case 'ledger_entries':
        return { tbl: p.tbl, ...inserted, row: readLedgerRow(db, p.localId) };
      case 'follow_ups':
        return { tbl: p.tbl, ...inserted, row: readFollowUp(db, p.localId) };
      case 'batch_closings':
        return { tbl: p.tbl, ...inserted, row: readBatchClosing(db, p.localId) };
      case 'document_sendings':
        return { tbl: p.tbl, ...inserted, row: readDocumentSending(db, p.localId) };
      case 'facilities':
      case 'payers':
      case 'people':
      case 'addresses':
      case 'accounts':
      case 'coverages':
      case 'claims':
      case 'claim_lines':
      case 'documents':
      case 'correspondence':
      case 'claim_adjustments':
      case 'claim_remarks':
      case 'deposit_batches':
      case 'denials':
      case 'appeal_responses':
      case 'bad_debt_moves':
      case 'agencies':
      case 'agency_placement_batches':
      case 'agency_placements':
      case 'extraordinary_actions':
      case 'agency_payment_files':
      case 'agency_payments':
      case 'contact_restrictions':
      case 'collection_holds':
      case 'statement_hold_releases':
      case 'payment_plans':
      case 'promises':
      case 'assistance_applications':
      case 'eca_notices':
      case 'claim_status_events':
      case 'adjustment_requests':
        return recordChange(db, p.tbl, p.localId, gid);
    }
  }
  if (isChangeable(p.tbl)) return recordUpdate(db, p.tbl, p.localId);
  if (p.tbl !== 'follow_ups') throw new Error(`${p.tbl} rows are never changed`);
  const gid = gidOf(db, p.tbl, p.localId);
  const baseVersion = versionOf(db, p.tbl, p.localId);
  setSyncRow(db, p.tbl, p.localId, gid, baseVersion + 1);
  return {
    tbl: p.tbl,
    op: 'update',
    gid,
    baseVersion,
    version: baseVersion + 1,
    row: readFollowUp(db, p.localId),
  };
}

/**
 * A user (by sign-in name) or a billing rule (by key) is named alike on every copy, so an
 * insert names it so too; its version counts from the one this copy holds (0 for one only
 * seen in pulled work, or never held).
 */
function byName(db: Db, p: Pending) {
  const gid = gidOf(db, p.tbl, p.localId);
  const baseVersion = p.op === 'insert' ? 0 : versionOf(db, p.tbl, p.localId);
  setSyncRow(db, p.tbl, p.localId, gid, baseVersion + 1);
  return { op: p.op, gid, baseVersion, version: baseVersion + 1 };
}

function recordChange(db: Db, tbl: RecordTable, localId: number, gid: string): Change {
  const inserted = { op: 'insert', gid, baseVersion: 0, version: 1 } as const;
  switch (tbl) {
    case 'facilities':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'payers':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'people':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'addresses':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'accounts':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'coverages':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'claims':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'claim_lines':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'documents':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'correspondence':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'claim_adjustments':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'claim_remarks':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'deposit_batches':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'denials':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'appeal_responses':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'bad_debt_moves':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'agencies':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'agency_placement_batches':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'agency_placements':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'extraordinary_actions':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'agency_payment_files':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'agency_payments':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'contact_restrictions':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'collection_holds':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'statement_hold_releases':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'payment_plans':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'promises':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'assistance_applications':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'eca_notices':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'claim_status_events':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
    case 'adjustment_requests':
      return { tbl, ...inserted, row: readRecord(db, tbl, localId) };
  }
}

/**
 * A change to a record: the whole row as the request left it, from the version this copy
 * holds (1 for a row of the first copy nobody has changed since).
 */
function recordUpdate(db: Db, tbl: ChangeableTable, localId: number): Change {
  const gid = gidOf(db, tbl, localId);
  const baseVersion = versionOf(db, tbl, localId);
  setSyncRow(db, tbl, localId, gid, baseVersion + 1);
  const changed = { op: 'update', gid, baseVersion, version: baseVersion + 1 } as const;
  switch (tbl) {
    case 'payers':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'people':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'accounts':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'coverages':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'claims':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'denials':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'bad_debt_moves':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'agency_placements':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'extraordinary_actions':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'contact_restrictions':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'collection_holds':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'payment_plans':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'assistance_applications':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'agencies':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'claim_lines':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'facilities':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
    case 'adjustment_requests':
      return { tbl, ...changed, row: readRecord(db, tbl, localId) };
  }
}
