import type { AccountId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { forgetSyncRow, localIdOf, setSyncRow, versionOf } from './gids';
import { insertActivity, insertFollowUp, updateFollowUp } from './rows';
import { changes as changesSchema, type Change, type ServerRow } from './wire';

/**
 * Writes rows as the server has them into this copy, with the capture off so they are not
 * sent back. A changeable row is taken only when the server's version is newer than the
 * copy's, so changes may arrive in any order; `force` takes the server's row whatever
 * this copy holds (after the server refused this copy's own change). A new follow-up that
 * collides with one still open here is tried again after the rest (its closing may come
 * later in the same batch); one that still collides is left to the outbox entry that
 * opened the local one, which the server will refuse. Returns how many rows changed.
 */
export function takeRows(db: Db, rows: readonly ServerRow[], force = false): number {
  let taken = 0;
  const later: ServerRow[] = [];
  for (const r of rows) {
    const result = takeRow(db, r, force);
    if (result === 'collides') later.push(r);
    else if (result === 'taken') taken += 1;
  }
  for (const r of later) if (takeRow(db, r, force) === 'taken') taken += 1;
  return taken;
}

function takeRow(db: Db, r: ServerRow, force: boolean): 'taken' | 'kept' | 'collides' {
  const localId = localIdOf(db, r.tbl, r.gid);
  if (r.tbl === 'activities') {
    if (localId !== undefined) return 'kept';
    setSyncRow(db, r.tbl, insertActivity(db, r.row), r.gid, 1);
    return 'taken';
  }
  if (localId !== undefined && !force && r.version <= versionOf(db, r.tbl, localId)) {
    return 'kept';
  }
  // reopening one follow-up may wait for another row of the batch to close its twin
  try {
    run(db, 'SAVEPOINT take_follow_up');
    if (localId !== undefined) {
      updateFollowUp(db, localId, r.row);
      setSyncRow(db, r.tbl, localId, r.gid, r.version);
    } else {
      setSyncRow(db, r.tbl, insertFollowUp(db, r.row), r.gid, r.version);
    }
    run(db, 'RELEASE take_follow_up');
    return 'taken';
  } catch (error) {
    run(db, 'ROLLBACK TO take_follow_up');
    run(db, 'RELEASE take_follow_up');
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return 'collides';
    }
    throw error;
  }
}

/** Runs `work` with the capture off: what the server says is not news to send it. */
export function withCaptureOff<T>(db: Db, work: () => T): T {
  run(db, `UPDATE office_link SET capture = 0`);
  try {
    return work();
  } finally {
    run(db, `UPDATE office_link SET capture = 1`);
  }
}

export interface OutboxRow {
  seq: number;
  userId: number;
  createdAt: string;
  changes: Change[];
}

export function outboxEntries(db: ReadDb): OutboxRow[] {
  return all<{ seq: number; userId: number; createdAt: string; changes: string }>(
    db,
    `SELECT seq, user_id AS userId, created_at AS createdAt, changes FROM outbox ORDER BY seq`,
  ).map((r) => ({ ...r, changes: changesSchema.parse(JSON.parse(r.changes)) }));
}

/**
 * The refused entry and every later one that changes a row it changed (sent as they are,
 * they would build on a change the office does not have), each with its reason.
 */
export function refusedWithFollowers(
  db: ReadDb,
  seq: number,
  reason: string,
): { entry: OutboxRow; reason: string }[] {
  const entries = outboxEntries(db);
  const first = entries.find((e) => e.seq === seq);
  if (!first) return [];
  const gids = new Set(first.changes.map((c) => c.gid));
  const out = [{ entry: first, reason }];
  for (const e of entries) {
    if (e.seq <= seq || !e.changes.some((c) => gids.has(c.gid))) continue;
    for (const c of e.changes) gids.add(c.gid);
    out.push({
      entry: e,
      reason: 'Not sent: it builds on an earlier action of yours that was not synced.',
    });
  }
  return out;
}

/**
 * The server refused an entry: this copy takes the server's state. The refused entries'
 * notes and new follow-ups are withdrawn (the server has none of them), the server's
 * rows are taken whatever this copy holds, and each entry goes to the not-synced list
 * with its reason and everything it held, so nothing a person did is lost.
 */
export function takeServerState(
  db: Db,
  refused: readonly { entry: OutboxRow; reason: string }[],
  serverRows: readonly ServerRow[],
  now: string,
): void {
  for (const { entry } of [...refused].reverse()) {
    for (const c of [...entry.changes].reverse()) {
      if (c.op !== 'insert') continue;
      const localId = localIdOf(db, c.tbl, c.gid);
      if (localId === undefined) continue;
      const account = one<{ accountId: AccountId }>(
        db,
        `SELECT account_id AS accountId FROM ${c.tbl} WHERE id = ?`,
        localId,
      );
      run(db, `DELETE FROM ${c.tbl} WHERE id = ?`, localId);
      forgetSyncRow(db, c.tbl, localId);
      if (account) touchAccount(db, account.accountId);
    }
  }
  takeRows(db, serverRows, true);
  for (const { entry, reason } of refused) {
    run(
      db,
      `INSERT INTO not_synced (seq, created_at, user_id, changes, reason, refused_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      entry.seq,
      entry.createdAt,
      entry.userId,
      JSON.stringify(entry.changes),
      reason,
      now,
    );
    run(db, `DELETE FROM outbox WHERE seq = ?`, entry.seq);
  }
}
