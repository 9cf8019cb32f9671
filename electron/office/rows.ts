import type { Db, ReadDb } from '../db/open';
import { oneOrThrow, run } from '../db/query';
import { touchAccount } from '../core/touched';
import type { AccountId } from '../../shared/ids';
import {
  gidOf,
  gidOrNull,
  localIdOrNull,
  requireLocalId,
  takeUserId,
  takeUserIdOrNull,
} from './gids';
import type { ActivityRow, FollowUpRow } from './wire';

/**
 * Rows of the synced tables as they travel (by office-wide ids) and as this copy keeps
 * them (by local ids): the one place that knows both shapes.
 */
interface LocalActivity {
  accountId: number;
  claimId: number | null;
  kind: string;
  direction: string | null;
  party: string | null;
  outcome: string | null;
  body: string;
  userId: number;
  occurredAt: string;
}

export function readActivity(db: ReadDb, id: number): ActivityRow {
  const a = oneOrThrow<LocalActivity>(
    db,
    `SELECT account_id AS accountId, claim_id AS claimId, kind, direction, party, outcome, body,
         user_id AS userId, occurred_at AS occurredAt FROM activities WHERE id = ?`,
    id,
  );
  return {
    accountGid: gidOf(db, 'accounts', a.accountId),
    claimGid: gidOrNull(db, 'claims', a.claimId),
    kind: a.kind,
    direction: a.direction,
    party: a.party,
    outcome: a.outcome,
    body: a.body,
    userGid: gidOf(db, 'users', a.userId),
    occurredAt: a.occurredAt,
  };
}

/** Adds an activity another desktop wrote; returns its local id. */
export function insertActivity(db: Db, a: ActivityRow): number {
  const result = run(
    db,
    `INSERT INTO activities (account_id, claim_id, kind, direction, party, outcome, body,
         user_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    requireLocalId(db, 'accounts', a.accountGid),
    localIdOrNull(db, 'claims', a.claimGid),
    a.kind,
    a.direction,
    a.party,
    a.outcome,
    a.body,
    takeUserId(db, a.userGid, a.occurredAt),
    a.occurredAt,
  );
  return Number(result.lastInsertRowid);
}

interface LocalFollowUp {
  accountId: number;
  claimId: number | null;
  kind: string;
  status: FollowUpRow['status'];
  dueDate: string;
  deadlineDate: string | null;
  ownerId: number | null;
  reason: string | null;
  createdAt: string;
  createdBy: number;
  completedAt: string | null;
  completedBy: number | null;
}

export function readFollowUp(db: ReadDb, id: number): FollowUpRow {
  const f = oneOrThrow<LocalFollowUp>(
    db,
    `SELECT account_id AS accountId, claim_id AS claimId, kind, status, due_date AS dueDate,
         deadline_date AS deadlineDate, owner_id AS ownerId, reason, created_at AS createdAt,
         created_by AS createdBy, completed_at AS completedAt, completed_by AS completedBy
       FROM follow_ups WHERE id = ?`,
    id,
  );
  return {
    accountGid: gidOf(db, 'accounts', f.accountId),
    claimGid: gidOrNull(db, 'claims', f.claimId),
    kind: f.kind,
    status: f.status,
    dueDate: f.dueDate,
    deadlineDate: f.deadlineDate,
    ownerGid: gidOrNull(db, 'users', f.ownerId),
    reason: f.reason,
    createdAt: f.createdAt,
    createdBy: gidOf(db, 'users', f.createdBy),
    completedAt: f.completedAt,
    completedBy: gidOrNull(db, 'users', f.completedBy),
  };
}

function localFollowUp(db: Db, f: FollowUpRow) {
  return {
    accountId: requireLocalId(db, 'accounts', f.accountGid),
    claimId: localIdOrNull(db, 'claims', f.claimGid),
    ownerId: takeUserIdOrNull(db, f.ownerGid, f.createdAt),
    createdBy: takeUserId(db, f.createdBy, f.createdAt),
    completedBy: takeUserIdOrNull(db, f.completedBy, f.completedAt ?? f.createdAt),
  };
}

/**
 * Adds a follow-up another desktop opened. Its queue columns start empty and the account
 * is marked, so the upkeep at commit fills them from this copy's own ledger, as for any
 * other follow-up.
 */
export function insertFollowUp(db: Db, f: FollowUpRow): number {
  const ids = localFollowUp(db, f);
  const result = run(
    db,
    `INSERT INTO follow_ups (account_id, claim_id, kind, status, due_date, deadline_date,
         owner_id, reason, created_at, created_by, completed_at, completed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ids.accountId,
    ids.claimId,
    f.kind,
    f.status,
    f.dueDate,
    f.deadlineDate,
    ids.ownerId,
    f.reason,
    f.createdAt,
    ids.createdBy,
    f.completedAt,
    ids.completedBy,
  );
  touchAccount(db, ids.accountId as AccountId);
  return Number(result.lastInsertRowid);
}

/** Writes what a person decides about a follow-up as the server has it. */
export function updateFollowUp(db: Db, id: number, f: FollowUpRow): void {
  const ids = localFollowUp(db, f);
  run(
    db,
    `UPDATE follow_ups SET status = ?, due_date = ?, deadline_date = ?, owner_id = ?, reason = ?,
         completed_at = ?, completed_by = ? WHERE id = ?`,
    f.status,
    f.dueDate,
    f.deadlineDate,
    ids.ownerId,
    f.reason,
    f.completedAt,
    ids.completedBy,
    id,
  );
  touchAccount(db, ids.accountId as AccountId);
}
