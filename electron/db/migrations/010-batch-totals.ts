/**
 * Migration 10: a deposit batch keeps its running total and receipt count. Every posting
 * shows the batch's total, and adding up all its receipts each time made posting into a
 * large lockbox batch slower with every payment. The columns are filled here from the
 * receipts already there; from then on insertReceipt, the one place receipts are
 * written, moves them. (An insert trigger would do the same, but it makes SQLite keep a
 * statement journal for every receipt insert, batch or not: measured at more than twice
 * the cost of the insert.) With the totals kept, the receipts' batch index no longer
 * needs the amounts, nor the many receipts outside any batch (every remittance's).
 */
export const migration010 = `
ALTER TABLE deposit_batches ADD COLUMN posted_total INTEGER NOT NULL DEFAULT 0;
-- payments less the reversals posted into the batch: a reversal cancels the one it reverses
ALTER TABLE deposit_batches ADD COLUMN receipt_count INTEGER NOT NULL DEFAULT 0;
UPDATE deposit_batches SET
  posted_total = (SELECT ifnull(sum(amount), 0) FROM receipts r WHERE r.batch_id = deposit_batches.id),
  receipt_count = (SELECT ifnull(sum(reverses_id IS NULL) - sum(reverses_id IS NOT NULL), 0)
                   FROM receipts r WHERE r.batch_id = deposit_batches.id);
DROP INDEX receipts_batch;
CREATE INDEX receipts_batch ON receipts (batch_id) WHERE batch_id IS NOT NULL;
`;
