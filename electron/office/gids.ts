import type { Db, ReadDb } from '../db/open';
import { one, oneOrThrow, run } from '../db/query';
import type { RecordTable } from './record-columns';
import { isRuleGid, ruleGidOf, ruleRowidOf } from './rules';
import { isUserGid, takeUser, userGidOf, userIdOfGid } from './users';
import { LETTERHEAD } from './wire-letterhead';

/**
 * The tables whose rows are named by office-wide ids: the records (record-columns.ts) and
 * the rows that travel on their own terms.
 */
export type GidTable =
  | RecordTable
  | 'users'
  | 'activities'
  | 'follow_ups'
  | 'receipts'
  | 'ledger_entries'
  | 'batch_closings'
  | 'document_sendings'
  | 'billing_rules'
  | 'dunning_stages'
  | 'letterhead';

const BASE = 'base:';
/** An account's statement stage is named by its account (stages.ts): it has one. */
const STAGE = 'stage:';

/**
 * A row's office-wide id. A row created on a desktop after it joined is named by that
 * desktop's id and its own local id (so no desktop can name another's row, and naming
 * needs no round trip); a row from the copy every desktop started from keeps its id,
 * which is the same on every copy.
 */
export function gidOf(db: ReadDb, tbl: GidTable, localId: number): string {
  if (tbl === 'users') {
    const named = userGidOf(db, localId);
    if (named) return named;
  }
  if (tbl === 'billing_rules') {
    const named = ruleGidOf(db, localId);
    if (named) return named;
  }
  if (tbl === 'dunning_stages') return `${STAGE}${gidOf(db, 'accounts', localId)}`;
  // the office has one letterhead, each desk's facility row (id 1)
  if (tbl === 'letterhead') return LETTERHEAD;
  const row = one<{ gid: string }>(
    db,
    `SELECT gid FROM sync_rows WHERE tbl = ? AND local_id = ?`,
    tbl,
    localId,
  );
  return row?.gid ?? `${BASE}${localId}`;
}

export function gidOrNull(db: ReadDb, tbl: GidTable, localId: number | null): string | null {
  return localId === null ? null : gidOf(db, tbl, localId);
}

/** The local id of a row named by its office-wide id, if this copy has it. */
export function localIdOf(db: ReadDb, tbl: GidTable, gid: string): number | undefined {
  if (tbl === 'users' && isUserGid(gid)) return userIdOfGid(db, gid);
  if (tbl === 'billing_rules' && isRuleGid(gid)) return ruleRowidOf(db, gid);
  if (tbl === 'letterhead') {
    const held = gid === LETTERHEAD && one(db, `SELECT 1 AS n FROM facility WHERE id = 1`);
    return held ? 1 : undefined;
  }
  if (tbl === 'dunning_stages') {
    const accountId = gid.startsWith(STAGE)
      ? localIdOf(db, 'accounts', gid.slice(STAGE.length))
      : undefined;
    const held =
      accountId !== undefined &&
      one(db, `SELECT 1 FROM dunning_stages WHERE account_id = ?`, accountId);
    return held ? accountId : undefined;
  }
  const row = one<{ id: number }>(
    db,
    `SELECT local_id AS id FROM sync_rows WHERE tbl = ? AND gid = ?`,
    tbl,
    gid,
  );
  if (row) return row.id;
  if (!gid.startsWith(BASE)) return undefined;
  const id = Number(gid.slice(BASE.length));
  // a base row is known by its id only while no office-wide id was given to that local id
  const taken = one(db, `SELECT 1 FROM sync_rows WHERE tbl = ? AND local_id = ?`, tbl, id);
  return Number.isSafeInteger(id) && !taken ? id : undefined;
}

/** The local id of a row the server names; a row this copy lacks cannot be applied yet. */
export function requireLocalId(db: ReadDb, tbl: GidTable, gid: string): number {
  const id = localIdOf(db, tbl, gid);
  if (id === undefined) throw new MissingRowError(tbl, gid);
  return id;
}

/** The user a pulled row names, added here when they signed in first at another desktop. */
export function takeUserId(db: Db, gid: string, now: string): number {
  return isUserGid(gid) ? takeUser(db, gid, now) : requireLocalId(db, 'users', gid);
}

export function takeUserIdOrNull(db: Db, gid: string | null, now: string): number | null {
  return gid === null ? null : takeUserId(db, gid, now);
}

export function localIdOrNull(db: ReadDb, tbl: GidTable, gid: string | null): number | null {
  return gid === null ? null : requireLocalId(db, tbl, gid);
}

export class MissingRowError extends Error {
  constructor(tbl: string, gid: string) {
    super(`This copy has no ${tbl} row ${gid}; it cannot apply a change that refers to it.`);
    this.name = 'MissingRowError';
  }
}

/** The version this copy holds of a changeable row (1 for a row untouched since joining). */
export function versionOf(db: ReadDb, tbl: GidTable, localId: number): number {
  const row = one<{ version: number }>(
    db,
    `SELECT version FROM sync_rows WHERE tbl = ? AND local_id = ?`,
    tbl,
    localId,
  );
  return row?.version ?? 1;
}

export function setSyncRow(
  db: Db,
  tbl: GidTable,
  localId: number,
  gid: string,
  version: number,
): void {
  run(
    db,
    `INSERT INTO sync_rows (tbl, local_id, gid, version) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, local_id) DO UPDATE SET gid = excluded.gid, version = excluded.version`,
    tbl,
    localId,
    gid,
    version,
  );
}

export function forgetSyncRow(db: Db, tbl: GidTable, localId: number): void {
  run(db, `DELETE FROM sync_rows WHERE tbl = ? AND local_id = ?`, tbl, localId);
}

/** This desktop's link to its office, if it has joined one. */
export interface OfficeLink {
  desktopId: string;
  cursor: string;
}

export function officeLink(db: ReadDb): OfficeLink | undefined {
  return one<OfficeLink>(db, `SELECT desktop_id AS desktopId, cursor FROM office_link`);
}

export function requireOfficeLink(db: ReadDb): OfficeLink {
  return oneOrThrow<OfficeLink>(db, `SELECT desktop_id AS desktopId, cursor FROM office_link`);
}
