/**
 * Migration 44: money travels to the office. A patient's payment (its receipt and every
 * ledger row belonging to it, a bad-debt recovery included) and its reversal are noted for
 * the outbox like notes (migration 32), only while the capture flag is on. Other money
 * (charges, adjustments, insurance payments, refunds) stays on the desktop that posted it
 * for now: an EOB also changes claims and their adjustments, which do not travel yet.
 *
 * Receipts and ledger rows stay append-only, except that a desktop takes the server's
 * state when the server refuses a request (the payment was already reversed at another
 * desktop): the rows that request wrote are withdrawn, only while the sync worker writes
 * with the capture off, as activities are. A withdrawn row takes back what its insert
 * added to the day totals (migration 35) and to its batch's running total (migration 10),
 * so neither can disagree with the ledger afterwards.
 *
 * A request that moves money is sent as two entries: its money and notes, then the
 * follow-ups it (or the upkeep after it) opened or changed, in an entry that names the
 * first in part_of. Money is refused only when a reversal comes second; a follow-up can be
 * refused for many reasons (another desktop's upkeep opened the same credit follow-up
 * first) and must not take a payment down with it. Should the money be refused, the
 * entry that is part of it goes to the not-synced list with it.
 *
 * Since migration 57 its capture triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
const MONEY = `kind IN ('payment', 'refund')`;
const PAYER = `CASE WHEN old.${MONEY} THEN ifnull(old.payer_id, 0) ELSE 0 END`;
const METHOD = `CASE WHEN old.${MONEY} THEN ifnull((SELECT r.method FROM receipts r WHERE r.id = old.receipt_id), '') ELSE '' END`;
const USER = `CASE WHEN old.${MONEY} THEN old.created_by ELSE 0 END`;
const CAPTURING = `(SELECT capture FROM office_link) = 1`;
const PATIENT_RECEIPT = (receiptId: string) =>
  `(SELECT kind FROM receipts WHERE id = ${receiptId}) = 'patient_payment'`;

export const migration044 = `
ALTER TABLE outbox ADD COLUMN part_of INTEGER;

CREATE TRIGGER office_capture_receipt AFTER INSERT ON receipts
WHEN new.kind = 'patient_payment' AND ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('receipts', new.id, 'insert');
END;

CREATE TRIGGER office_capture_ledger_entry AFTER INSERT ON ledger_entries
WHEN new.receipt_id IS NOT NULL AND ${PATIENT_RECEIPT('new.receipt_id')} AND ${CAPTURING}
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('ledger_entries', new.id, 'insert');
END;

DROP TRIGGER ledger_entries_no_delete;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead'); END;

DROP TRIGGER receipts_no_delete;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'receipts are append-only; reverse instead'); END;

CREATE TRIGGER ledger_entries_withdrawn_day_totals AFTER DELETE ON ledger_entries
BEGIN
  UPDATE ledger_day_totals SET amount = amount - old.amount, entries = entries - 1
   WHERE posting_date = old.posting_date
     AND facility_id = (SELECT facility_id FROM accounts WHERE id = old.account_id)
     AND financial_class = (SELECT financial_class FROM accounts WHERE id = old.account_id)
     AND kind = old.kind AND side = old.side AND payer_id = ${PAYER} AND method = ${METHOD}
     AND created_by = ${USER};
END;

CREATE TRIGGER receipts_withdrawn_batch_totals AFTER DELETE ON receipts
WHEN old.batch_id IS NOT NULL
BEGIN
  UPDATE deposit_batches SET posted_total = posted_total - old.amount,
      receipt_count = receipt_count - (CASE WHEN old.reverses_id IS NULL THEN 1 ELSE -1 END)
   WHERE id = old.batch_id;
END;
`;
