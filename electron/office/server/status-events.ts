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
