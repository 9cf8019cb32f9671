import type pg from 'pg';
import { formatCents } from '../../../shared/money/format';
import { cents } from '../../../shared/money/cents';
import type { BatchClosingRow } from '../wire-posting';
import { sqlState } from './connection';

/** The office refuses a closing, or a receipt into a closed batch, in words. */
export class BatchRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Closing a batch and posting into it take turns on the batch: a closing waits for the
 * receipts being posted into it to commit (and counts them), a receipt for the closing.
 */
async function lockBatch(client: pg.ClientBase, batchGid: string, shared: boolean): Promise<void> {
  await client.query(
    shared
      ? `SELECT pg_advisory_xact_lock_shared(hashtext('deposit batch ' || $1))`
      : `SELECT pg_advisory_xact_lock(hashtext('deposit batch ' || $1))`,
    [batchGid],
  );
}

/** A receipt may go into a batch only while the office has not closed it. */
export async function refuseClosedBatch(client: pg.ClientBase, batchGid: string): Promise<void> {
  await lockBatch(client, batchGid, true);
  const { rowCount } = await client.query(`SELECT 1 FROM batch_closings WHERE batch_gid = $1`, [
    batchGid,
  ]);
  if (rowCount === 0) return;
  throw new BatchRefused(
    'This deposit batch was already closed at another desktop; this posting was withdrawn. ' +
      'Post it again into an open batch.',
  );
}

/**
 * Closes a batch once office-wide, and only when the closing desk counted every receipt the
 * office has in it: one posted into it at another desk meanwhile leaves the batch open, at
 * the closing desk too, to be put right there.
 */
export async function insertBatchClosing(
  client: pg.ClientBase,
  desktopId: string,
  gid: string,
  c: BatchClosingRow,
): Promise<void> {
  await lockBatch(client, c.batchGid, false);
  const { rows } = await client.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS total FROM receipts
       WHERE batch_gid = $1 AND gid NOT LIKE 'base:%'`,
    [c.batchGid],
  );
  const office = Number(rows[0]?.total ?? 0);
  if (office !== c.officeTotal) {
    const more = office - c.officeTotal;
    const amount = formatCents(cents(Math.abs(more)));
    throw new BatchRefused(
      more > 0
        ? `This deposit batch was not closed: ${amount} more was posted into it at another desktop. It is open again here, with what was posted there, to be balanced and closed.`
        : // a posting of this desk's into the batch was refused (and withdrawn) before it
          `This deposit batch was not closed: the office has ${amount} less in it than this desktop counted, since a posting into it was not synced. It is open again here, to be balanced and closed.`,
    );
  }
  await client.query('SAVEPOINT close_batch');
  try {
    await client.query(
      `INSERT INTO batch_closings (gid, batch_gid, expected_total, office_total, closed_at,
           closed_by, desktop_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [gid, c.batchGid, c.expectedTotal, c.officeTotal, c.closedAt, c.closedBy, desktopId],
    );
    await client.query('RELEASE SAVEPOINT close_batch');
  } catch (error) {
    if (sqlState(error) !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT close_batch');
    throw new BatchRefused('This deposit batch was already closed at another desktop.');
  }
}
