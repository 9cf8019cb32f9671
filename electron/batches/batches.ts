import { insertedId, type BatchId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid } from '../../shared/api/errors';
import type { BatchSummary, BatchView, CashSummary, ReceiptView } from '../../shared/api/batches';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx, ReadCtx } from '../core/context';
import { remittancesOn } from '../importers/remittance/detail';
import { providerAdjustmentViews } from '../importers/remittance/plb';
import {
  batchSummaries,
  batchSummary,
  methodTotals,
  RECEIPTS_OF_THE_DAY,
  requireOpenBatch,
} from './summary';
import { all, oneOrThrow, run } from '../db/query';
import { returnedChecksOn } from '../returned-checks/record';

/** A deposit date further back than this is a mistyped year, not a late deposit. */
const MAX_BATCH_AGE_DAYS = 90;

export function openBatch(ctx: Ctx, input: ParsedInputOf<'openBatch'>): BatchSummary {
  const today = ctx.clock.today();
  if (input.depositDate > today) {
    throw invalid(
      `The deposit date ${formatUsDate(input.depositDate)} is in the future.`,
      'depositDate',
    );
  }
  if (input.depositDate < addDays(today, -MAX_BATCH_AGE_DAYS)) {
    throw invalid(
      `The deposit date ${formatUsDate(input.depositDate)} is more than ${MAX_BATCH_AGE_DAYS} days ago; check the date.`,
      'depositDate',
    );
  }
  const id = insertedId<BatchId>(
    run(
      ctx.db,
      `INSERT INTO deposit_batches (deposit_date, source, expected_total, description,
             created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
      input.depositDate,
      input.source,
      input.expectedTotal,
      input.description,
      ctx.clock.now(),
      ctx.userId,
    ),
  );
  return batchSummary(ctx.db, id);
}

/** Corrects a mistyped expected total while the batch is open. */
export function setBatchTotal(ctx: Ctx, input: ParsedInputOf<'setBatchTotal'>): BatchSummary {
  requireOpenBatch(ctx.db, input.batchId);
  run(
    ctx.db,
    `UPDATE deposit_batches SET expected_total = ? WHERE id = ?`,
    input.expectedTotal,
    input.batchId,
  );
  return batchSummary(ctx.db, input.batchId);
}

export function listBatches(ctx: ReadCtx, input: ParsedInputOf<'listBatches'>): BatchSummary[] {
  const status = input.status ?? null;
  return batchSummaries(
    ctx.db,
    `WHERE (? IS NULL OR b.status = ?) ORDER BY b.status = 'open' DESC, b.deposit_date DESC, b.id DESC LIMIT +?`,
    status,
    status,
    input.limit,
  );
}

const RECEIPT_SQL = `SELECT r.id, r.account_id AS accountId, a.account_number AS accountNumber,
    p.last_name || ', ' || p.first_name AS patientName, r.kind, py.name AS payerName, r.method,
    r.check_number AS checkNumber, r.reference, r.amount, r.received_date AS receivedDate, r.memo,
    r.reverses_id AS reversesId, (SELECT id FROM receipts x WHERE x.reverses_id = r.id) AS reversedById,
    u.display_name AS createdBy, r.created_at AS createdAt
  FROM receipts r JOIN accounts a ON a.id = r.account_id JOIN people p ON p.id = a.patient_id
  JOIN users u ON u.id = r.created_by LEFT JOIN payers py ON py.id = r.payer_id`;

export function getBatch(ctx: ReadCtx, input: ParsedInputOf<'getBatch'>): BatchView {
  const batch = batchSummary(ctx.db, input.batchId);
  return {
    batch,
    receipts: all<ReceiptView>(
      ctx.db,
      `${RECEIPT_SQL} WHERE r.batch_id = ? ORDER BY r.id DESC`,
      input.batchId,
    ),
    byMethod: methodTotals(ctx.db, 'batch_id = ?', input.batchId),
  };
}

/** Closes a batch once what was posted equals what was deposited, to the cent. */
export function closeBatch(ctx: Ctx, input: ParsedInputOf<'closeBatch'>): BatchSummary {
  requireOpenBatch(ctx.db, input.batchId);
  const batch = batchSummary(ctx.db, input.batchId);
  if (batch.difference !== 0) {
    const how =
      batch.difference > 0
        ? `${formatCents(batch.difference)} short of`
        : `${formatCents(cents(-batch.difference))} over`;
    throw conflict(
      `Batch ${batch.number} does not balance: the posted ${formatCents(batch.postedTotal)} is ${how} the expected ${formatCents(batch.expectedTotal)}. Post or reverse payments, or correct the expected total.`,
    );
  }
  if (batch.receiptCount === 0) throw conflict('An empty batch cannot be closed.');
  run(
    ctx.db,
    `UPDATE deposit_batches SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
    input.batchId,
  );
  return batchSummary(ctx.db, input.batchId);
}

/**
 * The day's deposits: every batch dated that day, totals by method, loose postings, and
 * the remittances dated that day with how each payment ties out and the provider-level
 * adjustments they posted to the facility's accounts.
 */
export function getCashSummary(ctx: ReadCtx, input: ParsedInputOf<'getCashSummary'>): CashSummary {
  const { db } = ctx;
  const batches = batchSummaries(db, `WHERE b.deposit_date = ? ORDER BY b.id`, input.date);
  const byMethod = methodTotals(db, RECEIPTS_OF_THE_DAY, input.date, input.date);
  const loose = oneOrThrow<{ total: Cents }>(
    db,
    `SELECT ifnull(sum(amount), 0) AS total FROM receipts
       WHERE batch_id IS NULL AND received_date = ? AND kind <> 'refund'`,
    input.date,
  );
  return {
    date: input.date,
    batches,
    byMethod,
    total: sumCents(byMethod.map((m) => m.total)),
    openBatches: batches.filter((b) => b.status === 'open').length,
    unbatchedTotal: loose.total,
    remittances: remittancesOn(db, input.date),
    providerAdjustments: providerAdjustmentViews(db, 'f.posting_date = ?', input.date),
    returnedChecks: returnedChecksOn(db, input.date),
  };
}
