import type { Db } from '../db/open';
import { run } from '../db/query';
import { localIdOf, setSyncRow } from './gids';
import { addEntry } from './outbox';
import { boundReferencesOf } from './records';
import { readFollowUp, updateFollowUp } from './rows';
import { outboxEntries } from './take-refused';
import type { Change, ServerRow } from './wire';

type FollowUpChange = Extract<Change, { tbl: 'follow_ups' }>;
type OfficeFollowUp = Extract<ServerRow, { tbl: 'follow_ups' }>;

/**
 * A denial sent with the follow-up this desk opened for it, refused because another desk
 * opened the claim's denial follow-up first: withdrawn with it, the payer's denial would be
 * lost at every desk (the office has none, and this desk's went). Instead this desk does
 * what it would have done had it seen the office's follow-up open: its own follow-up row
 * becomes the office's, given the denial's deadline and reason as recordDenial gives an
 * open one, and the denial goes again tracked by it, then that change to the follow-up on
 * its own (refused, someone changed it first, it takes no denial down). Only an entry of
 * denials and the follow-ups opened for them, that no later entry builds on; returns
 * whether the refused entry was sent again so.
 */
export function trackDenialsByOffice(
  db: Db,
  seq: number,
  serverRows: readonly ServerRow[],
): boolean {
  const entries = outboxEntries(db);
  const refused = entries.find((e) => e.seq === seq);
  if (!refused?.changes.every(isDenialOrOpened)) return false;
  const mine = refused.changes.filter(
    (c): c is FollowUpChange => c.tbl === 'follow_ups' && c.op === 'insert',
  );
  const twin = twinOf(db, mine, serverRows);
  if (!twin) return false;
  const { own, office } = twin;
  const keys = new Set(refused.changes.map(rowKey));
  const builtOn = entries.some(
    (e) =>
      e.seq > seq &&
      e.changes.some(
        (c) =>
          keys.has(rowKey(c)) ||
          boundReferencesOf(c).some(([tbl, gid]) => keys.has(rowKey({ tbl, gid }))),
      ),
  );
  const localId = localIdOf(db, 'follow_ups', own.gid);
  if (builtOn || localId === undefined) return false;

  const moves =
    office.row.deadlineDate !== own.row.deadlineDate || office.row.reason !== own.row.reason;
  updateFollowUp(db, localId, {
    ...office.row,
    deadlineDate: own.row.deadlineDate,
    reason: own.row.reason,
  });
  setSyncRow(db, 'follow_ups', localId, office.gid, moves ? office.version + 1 : office.version);
  const again = refused.changes.flatMap((c): Change[] => {
    if (c === own) return [];
    if (c.tbl === 'denials' && c.row.followUpGid === own.gid) {
      return [{ ...c, row: { ...c.row, followUpGid: office.gid } }];
    }
    return [c];
  });
  run(db, `DELETE FROM outbox WHERE seq = ?`, seq);
  addEntry(db, refused.createdAt, refused.userId, again, null);
  if (!moves) return true;
  const moved: FollowUpChange = {
    tbl: 'follow_ups',
    op: 'update',
    gid: office.gid,
    baseVersion: office.version,
    version: office.version + 1,
    row: readFollowUp(db, localId),
  };
  addEntry(db, refused.createdAt, refused.userId, [moved], null);
  return true;
}

const isDenialOrOpened = (c: Change) =>
  c.tbl === 'denials' || (c.tbl === 'follow_ups' && c.op === 'insert');

/** This desk's follow-up whose place the office's open one holds, and that one. */
function twinOf(
  db: Db,
  mine: readonly FollowUpChange[],
  serverRows: readonly ServerRow[],
): { own: FollowUpChange; office: OfficeFollowUp } | undefined {
  for (const office of serverRows) {
    if (office.tbl !== 'follow_ups' || office.row.status !== 'open') continue;
    // one this desk holds already is not a place this desk's row can take
    if (localIdOf(db, 'follow_ups', office.gid) !== undefined) continue;
    const own = mine.find(
      (f) =>
        f.row.accountGid === office.row.accountGid &&
        f.row.claimGid === office.row.claimGid &&
        f.row.kind === office.row.kind,
    );
    if (own) return { own, office };
  }
  return undefined;
}

function rowKey(c: { tbl: string; gid: string }): string {
  return `${c.tbl} ${c.gid}`;
}
