import type { BatchId } from '../../shared/ids';
import type { BatchSummary, MethodTotal } from '../../shared/api/batches';
import { conflict, notFound } from '../../shared/api/errors';
import { cents } from '../../shared/money/cents';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { batchNumberSql } from './number';

export const BATCH_SUMMARY_SQL = `
  SELECT b.id, ${batchNumberSql('b')} AS number, b.deposit_date AS depositDate, b.source, b.description,
    b.expected_total AS expectedTotal,
    -- moved by insertReceipt as each receipt is posted (migration 10)
    b.posted_total AS postedTotal, b.receipt_count AS receiptCount,
    b.status, u.display_name AS createdBy, b.closed_at AS closedAt
  FROM deposit_batches b JOIN users u ON u.id = b.created_by`;

/**
 * The receipts a day's deposit counts (two parameters, the day twice): those in a batch
 * with that deposit date, and those posted outside any batch on that day.
 */
export const RECEIPTS_OF_THE_DAY = `(r.batch_id IN (SELECT id FROM deposit_batches WHERE deposit_date = ?)
  OR (r.batch_id IS NULL AND r.received_date = ?))`;

type Row = Omit<BatchSummary, 'difference'>;

function withDifference(row: Row): BatchSummary {
  return { ...row, difference: cents(row.expectedTotal - row.postedTotal) };
}

export function batchSummary(db: ReadDb, batchId: BatchId): BatchSummary {
  const row = one<Row>(db, `${BATCH_SUMMARY_SQL} WHERE b.id = ?`, batchId);
  if (!row) throw notFound('The batch');
  return withDifference(row);
}

export function batchSummaries(db: ReadDb, where: string, ...params: unknown[]): BatchSummary[] {
  return all<Row>(db, `${BATCH_SUMMARY_SQL} ${where}`, ...params).map(withDifference);
}

/**
 * The batch a posting goes into; it must still be open. Reads the batch row alone: its
 * totals add up every receipt in it, which each posting into a large lockbox batch would
 * otherwise pay for once more.
 */
export function requireOpenBatch(db: ReadDb, batchId: BatchId): void {
  const batch = one<Pick<BatchSummary, 'number' | 'depositDate' | 'status'>>(
    db,
    `SELECT ${batchNumberSql('b')} AS number, deposit_date AS depositDate, status
       FROM deposit_batches b WHERE id = ?`,
    batchId,
  );
  if (!batch) throw notFound('The batch');
  if (batch.status !== 'open') {
    throw conflict(
      `Batch ${batch.number} (${formatUsDate(batch.depositDate)}) is closed; open a new batch for these payments.`,
    );
  }
}

/** Totals by payment method over receipts matching the condition. */
export function methodTotals(db: ReadDb, where: string, ...params: unknown[]): MethodTotal[] {
  return all<MethodTotal>(
    db,
    `SELECT method,
         -- counted as the total adds up, and as a batch counts its receipts: a reversal
         -- cancels one payment where it is posted (the same day or batch, or a later day)
         sum(reverses_id IS NULL) - sum(reverses_id IS NOT NULL) AS count,
         sum(amount) AS total
       FROM receipts r WHERE kind <> 'refund' AND ${where}
       GROUP BY method ORDER BY method`,
    ...params,
  );
}
