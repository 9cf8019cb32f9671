/**
 * Migration 10: a deposit batch keeps its running total and receipt count. Every posting
 * shows the batch's total, and adding up all its receipts each time made posting into a
 * large lockbox batch slower with every payment. Receipts are append-only, so a trigger
 * on insert keeps the two columns exactly what summing the receipts gives; they are
 * filled from the receipts already there.
 */
export const migration010 = `
ALTER TABLE deposit_batches ADD COLUMN posted_total INTEGER NOT NULL DEFAULT 0;
-- payments less the reversals posted into the batch: a reversal cancels the one it reverses
ALTER TABLE deposit_batches ADD COLUMN receipt_count INTEGER NOT NULL DEFAULT 0;
UPDATE deposit_batches SET
  posted_total = (SELECT ifnull(sum(amount), 0) FROM receipts r WHERE r.batch_id = deposit_batches.id),
  receipt_count = (SELECT ifnull(sum(reverses_id IS NULL) - sum(reverses_id IS NOT NULL), 0)
                   FROM receipts r WHERE r.batch_id = deposit_batches.id);
CREATE TRIGGER receipts_batch_totals AFTER INSERT ON receipts WHEN NEW.batch_id IS NOT NULL
BEGIN
  UPDATE deposit_batches SET posted_total = posted_total + NEW.amount,
    receipt_count = receipt_count + iif(NEW.reverses_id IS NULL, 1, -1)
  WHERE id = NEW.batch_id;
END;
`;
