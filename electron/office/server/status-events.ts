import type pg from 'pg';
import { COLUMNS, serverColumn } from '../record-columns';
import { serverRow, type Change, type ServerRow } from '../wire';

type StatusEvent = Extract<Change, { tbl: 'claim_status_events' }>;

/** A claim and the 277 file (by its SHA-256) that spoke of it. */
export interface HeardFrom {
  claimGid: string;
  fileSha256: string;
}

/**
 * Whether the office holds another desk's events of this event's 277 for its claim (server
 * migration 34): both desks imported the file before either had the other's events. Then this
 * one is there already, said by that desk: it is neither inserted nor logged, and this desk
 * takes the office's in place of its own. Otherwise the file is this desk's for the claim
 * from now on, in the entry's transaction, and the event goes in as any other: a second desk
 * sending the same file at once waits on that row and finds it held.
 */
export async function heardAlready(
  client: pg.ClientBase,
  desktopId: string,
  c: StatusEvent,
): Promise<boolean> {
  const sha = c.row.fileSha256;
  // an older version's event names no file; a misnamed one is refused as any new row is
  if (sha === null || !c.gid.startsWith(`${desktopId}:`)) return false;
  await client.query(
    `INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
    [c.row.claimGid, sha, desktopId],
  );
  const { rows } = await client.query<{ mine: boolean }>(
    `SELECT desktop_id = $3 AS mine FROM claim_status_files
      WHERE claim_gid = $1 AND file_sha256 = $2`,
    [c.row.claimGid, sha, desktopId],
  );
  return rows[0]?.mine === false;
}

/**
 * The office's events of these claims' 277 files, for a desk whose change carrying its own
 * events of them was refused: it takes them now, and tells whether the office heard the same
 * file from another desk first.
 */
export async function officeStatusEvents(
  pool: pg.Pool,
  heard: readonly HeardFrom[],
): Promise<ServerRow[]> {
  if (heard.length === 0) return [];
  const { rows } = await pool.query<{ gid: string; j: Record<string, unknown> }>(
    `SELECT e.gid, to_jsonb(e) AS j FROM claim_status_events e
       JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS u (claim_gid, file_sha256)) h
         ON h.claim_gid = e.claim_gid AND h.file_sha256 = e.file_sha256
      ORDER BY e.gid`,
    [heard.map((h) => h.claimGid), heard.map((h) => h.fileSha256)],
  );
  return rows.map((r) => {
    const row: Record<string, unknown> = {};
    for (const col of COLUMNS.claim_status_events) row[col[0]] = r.j[serverColumn(col)];
    return serverRow.parse({ tbl: 'claim_status_events', gid: r.gid, version: 1, row });
  });
}

/**
 * Whether an entry is wholly a 277's say of claims the office heard from another desk first,
 * from the very file: each of its events names a file the office holds another desk's events
 * of for that claim, and every other change is a note, a follow-up or the change of one of
 * those claims. Refused then (`HEARD_ELSEWHERE`), so the desk withdraws its note as it does
 * its events and takes the first desk's in place of its own: the office holds the file's note
 * once, as it holds its events. An entry of which only some claims were heard so goes on,
 * those events left out (`heardAlready`) and its notes landing.
 */
export async function heardWhole(
  client: pg.ClientBase,
  desktopId: string,
  changes: readonly Change[],
): Promise<boolean> {
  const events = changes.filter(
    (c): c is StatusEvent =>
      c.tbl === 'claim_status_events' &&
      c.row.fileSha256 !== null &&
      c.gid.startsWith(`${desktopId}:`),
  );
  if (events.length === 0) return false;
  const claims = new Set(events.map((e) => e.row.claimGid));
  const own = new Set<Change>(events);
  const said = changes.every(
    (c) =>
      own.has(c) ||
      ((c.tbl === 'activities' || c.tbl === 'follow_ups') &&
        c.row.claimGid !== null &&
        claims.has(c.row.claimGid)) ||
      (c.tbl === 'claims' && c.op === 'update' && claims.has(c.gid)),
  );
  if (!said) return false;
  const heard = [events.map((e) => e.row.claimGid), events.map((e) => e.row.fileSha256)];
  // each file claimed for this desk first, as heardAlready does: a desk sending the same file
  // at once waits on the other's row, then finds it held (read only, both would go on)
  await client.query(
    `INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id)
       SELECT DISTINCT claim_gid, file_sha256, $3::uuid
         FROM unnest($1::text[], $2::text[]) AS u (claim_gid, file_sha256)
       ON CONFLICT DO NOTHING`,
    [...heard, desktopId],
  );
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM claim_status_files f
       JOIN unnest($1::text[], $2::text[]) AS u (claim_gid, file_sha256)
         ON u.claim_gid = f.claim_gid AND u.file_sha256 = f.file_sha256
      WHERE f.desktop_id <> $3`,
    [...heard, desktopId],
  );
  return rows[0]?.n === events.length;
}

/** The refusal's reason (its desk keeps it dismissed, saying HEARD_AT_THE_OFFICE). */
export const HEARD_ELSEWHERE =
  'The same 277 was recorded for these claims at another desktop first.';
