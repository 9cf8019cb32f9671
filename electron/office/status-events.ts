import type { Db } from '../db/open';
import { one, run } from '../db/query';
import { localIdOf, requireOfficeLink } from './gids';
import { insertRecord } from './records';
import type { HeardFrom } from './server/status-events';
import type { Change, ServerRow } from './wire';
import type { ClaimStatusEventRow } from './wire-posting';

/**
 * Takes one of the office's 277 status events. When this desk imported the same file for the
 * claim before it heard of another desk's import (both apart), the office holds the other
 * desk's events of that file and never this desk's (server migration 34): this desk's own
 * event saying the same becomes the office's, named by its office-wide id, rather than stand
 * beside it as the payer saying it twice. Renaming keeps the row: deleting it here could hand
 * its local id out again while an entry still to send names it. Returns the local id.
 */
export function takeStatusEvent(db: Db, row: ClaimStatusEventRow, gid: string): number {
  const twin = row.fileSha256 === null ? undefined : ownTwin(db, row, row.fileSha256);
  if (twin === undefined) return insertRecord(db, 'claim_status_events', row, gid);
  // the office's words and time; the file stays this desk's record of it
  run(
    db,
    `UPDATE claim_status_events SET meaning = ?, recorded_at = ? WHERE id = ?`,
    row.meaning,
    row.recordedAt,
    twin,
  );
  return twin;
}

/**
 * This desk's own event of the same claim, file and code not yet matched to the office's: one
 * it sent or will send (named by its desk), or one kept here with a refused change (`own:`).
 */
function ownTwin(db: Db, row: ClaimStatusEventRow, sha: string): number | undefined {
  const claimId = localIdOf(db, 'claims', row.claimGid);
  if (claimId === undefined) return undefined;
  const desk = `${requireOfficeLink(db).desktopId}:`;
  return one<{ id: number }>(
    db,
    `SELECT e.id FROM claim_status_events e
       JOIN sync_rows s ON s.tbl = 'claim_status_events' AND s.local_id = e.id
      WHERE e.claim_id = ? AND e.file_sha256 = ? AND e.category = ?
        AND e.status_code IS ? AND e.effective_date IS ?
        AND (substr(s.gid, 1, ?) = ? OR substr(s.gid, 1, 4) = 'own:')
      ORDER BY e.id LIMIT 1`,
    claimId,
    sha,
    row.category,
    row.statusCode,
    row.effectiveDate,
    desk.length,
    desk,
  )?.id;
}

/** The claims and 277 files the events of these changes came from. */
export function heardFrom(changes: readonly Change[]): HeardFrom[] {
  return changes.flatMap((c) =>
    c.tbl === 'claim_status_events' && c.row.fileSha256 !== null
      ? [{ claimGid: c.row.claimGid, fileSha256: c.row.fileSha256 }]
      : [],
  );
}

/**
 * Why a refused entry a person need not see was refused: it is kept in the not-synced table,
 * dismissed as it is written, so the desk's record of it stays while nobody's list shows it.
 */
export const HEARD_AT_THE_OFFICE =
  "The same 277 was recorded for this claim at another desktop first: this desktop took the office's record of the claim and the payer's statuses from that file. Nothing to redo.";

/**
 * Whether a refused entry is a 277's change of claims that the office heard from another desk
 * first, from the very file: its claims are the office's rows, taken here, and the office
 * holds that file's events of each, taken in place of this desk's. Nothing is left for a
 * person to redo, so it is not listed. Any other change in it, or a claim changed with no
 * event of its 277, and it is.
 */
export function heardAtTheOffice(
  changes: readonly Change[],
  office: readonly ServerRow[],
): boolean {
  const claims = new Set(office.flatMap((r) => (r.tbl === 'claims' ? [r.gid] : [])));
  const files = new Set(
    office.flatMap((r) =>
      r.tbl === 'claim_status_events' ? [`${r.row.claimGid} ${r.row.fileSha256 ?? ''}`] : [],
    ),
  );
  const events = changes.flatMap((c) => (c.tbl === 'claim_status_events' ? [c] : []));
  return (
    events.length > 0 &&
    events.every(
      (e) => e.row.fileSha256 !== null && files.has(`${e.row.claimGid} ${e.row.fileSha256}`),
    ) &&
    changes.every(
      (c) =>
        c.tbl === 'claim_status_events' ||
        (c.tbl === 'claims' &&
          c.op === 'update' &&
          claims.has(c.gid) &&
          events.some((e) => e.row.claimGid === c.gid)),
    )
  );
}
