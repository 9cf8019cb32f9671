import type { Db, ReadDb } from '../db/open';
import { oneOrThrow, run } from '../db/query';
import { gidOf, requireLocalId, takeUserId } from './gids';
import type { BatchClosingRow } from './wire-posting';

/**
 * A deposit batch's closing as it travels. It has no table of its own on a desktop: it is
 * the batch's status, noted under the batch's local id (capture-triggers.ts) and named office-wide
 * by the closing desktop, since any desk may close a batch any desk opened.
 */
export function readBatchClosing(db: ReadDb, batchId: number): BatchClosingRow {
  const b = oneOrThrow<{
    expectedTotal: number;
    officeTotal: number;
    closedAt: string | null;
    closedBy: number | null;
  }>(
    db,
    // what the office has of the batch: every receipt named office-wide and not this
    // desk's own (one of the first copy is on every desk, and its batch may be unknown there),
    // and sent naming its batch (an older version sent none, migration 59)
    `SELECT b.expected_total AS expectedTotal, b.closed_at AS closedAt, b.closed_by AS closedBy,
         (SELECT ifnull(sum(r.amount), 0) FROM receipts r
            JOIN sync_rows s ON s.tbl = 'receipts' AND s.local_id = r.id
           WHERE r.batch_id = b.id AND s.gid NOT LIKE 'own:%'
             AND r.id >= (SELECT receipts_batched_from FROM office_link)) AS officeTotal
       FROM deposit_batches b WHERE b.id = ?`,
    batchId,
  );
  if (b.closedAt === null || b.closedBy === null) throw new Error('The batch is not closed.');
  return {
    batchGid: gidOf(db, 'deposit_batches', batchId),
    expectedTotal: b.expectedTotal,
    officeTotal: b.officeTotal,
    closedAt: b.closedAt,
    closedBy: gidOf(db, 'users', b.closedBy),
  };
}

/**
 * Closes the batch another desk closed, at the total it closed at. Returns the batch's local
 * id, under which the closing is known here.
 */
export function takeBatchClosing(db: Db, c: BatchClosingRow): number {
  const batchId = requireLocalId(db, 'deposit_batches', c.batchGid);
  run(
    db,
    `UPDATE deposit_batches SET status = 'closed', expected_total = ?, closed_at = ?,
         closed_by = ? WHERE id = ?`,
    c.expectedTotal,
    c.closedAt,
    takeUserId(db, c.closedBy, c.closedAt),
    batchId,
  );
  return batchId;
}

/** The office refused this desk's closing: the batch is open again here, to be put right. */
export function reopenBatch(db: Db, batchId: number): void {
  run(
    db,
    `UPDATE deposit_batches SET status = 'open', closed_at = NULL, closed_by = NULL
       WHERE id = ?`,
    batchId,
  );
}
