import type { Db, ReadDb } from '../db/open';
import { all, run } from '../db/query';
import { localIdOf, setSyncRow } from './gids';
import { boundReferencesOf } from './records';
import { letGoOfLostDenials } from './outbox';
import { isChangeableChange } from './record-columns';
import { settleRefusedLetterhead } from './letterhead';
import { settleRefusedRequests } from './requests';
import { settleRefusedRules } from './rules';
import { HEARD_AT_THE_OFFICE, heardAtTheOffice } from './status-events';
import { takeRows } from './take';
import { standOnCollectionRecords, withdrawInserted } from './withdraw';
import { changes as changesSchema, type Change, type ServerRow } from './wire';

/*
 * The server refused an entry: which of the outbox's entries go with it, and this copy taking
 * the server's state of what they changed (taking the office's rows is take.ts's).
 */

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
 * office has none), each with its reason. `office`: the rows the refusal brought, by which a
 * 277 the office heard from another desk first is told (its followers then go on).
 */
export function refusedWithFollowers(
  db: ReadDb,
  seq: number,
  reason: string,
  office: readonly ServerRow[] = [],
): { entry: OutboxRow; reason: string }[] {
  const entries = outboxEntries(db);
  const first = entries.find((e) => e.seq === seq);
  if (!first) return [];
  // a 277 the office heard from another desk first, from the very file: the office holds what
  // it did to its claims, so a later change of them builds on the office's and goes out as
  // any other (refused on its own if the office has moved the claim on since)
  const built = heardAtTheOffice(first.changes, office) ? [] : first.changes;
  // a gid names a row within its table: activity 4 and follow-up 4 of one desktop share one
  const rows = new Set(built.map(rowKey));
  const inserted = (changes: readonly Change[]) =>
    changes.filter((c) => c.op === 'insert').map(rowKey);
  const created = new Set(inserted(built));
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
  if (withdrawn) settleRefusedRequests(db, changes, new Set(taken.map(rowKey)));
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
