/**
 * Migration 78: a de-identified person's name taken out of the memos of their accounts' money
 * rows.
 *
 * An approved write-off copies its request's memo into the ledger row it posts ("Small balance
 * write-off: Write off per Eleanor Testwell's hardship call."), and a person types a direct
 * write-off's or a receipt's memo as they please; the de-identification's scrub
 * (purge/scrub-records.ts, MONEY_TEXTS) now rewrites those memos as it does the records' texts.
 * Ledger rows and receipts are append-only (migrations 1 and 2): as migration 65 narrowed the
 * records' rules, each now lets through an update that changes only the memo, to a text holding
 * the marker, on an account of a person recorded as de-identified. Every other column (amount,
 * dates, kind, side, references, what it reverses) must stay as it is, so no balance or total
 * moves. The capture flag could not serve: a standalone desktop has no link row to turn it off.
 */
const DEIDENTIFIED = `EXISTS (SELECT 1 FROM deidentifications d JOIN accounts a
      ON d.person_id IN (a.patient_id, a.guarantor_id) WHERE a.id = OLD.account_id)`;

/** Only the memo changed, to a text with the marker, on a de-identified person's account. */
const memoScrubbed = (fixed: readonly string[]) =>
  `(${fixed.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')}
    AND NEW.memo IS NOT OLD.memo AND instr(NEW.memo, '[removed]') > 0
    AND ${DEIDENTIFIED})`;

/** Every column of a ledger row but its memo, each held as it was (migration-078.test.ts). */
export const LEDGER_FIXED = [
  'id',
  'account_id',
  'claim_id',
  'claim_line_id',
  'kind',
  'side',
  'amount',
  'posting_date',
  'payer_id',
  'reference',
  'reason_code',
  'reverses_id',
  'created_at',
  'created_by',
  'receipt_id',
];

/** Every column of a receipt but its memo, likewise. */
export const RECEIPTS_FIXED = [
  'id',
  'batch_id',
  'account_id',
  'kind',
  'payer_id',
  'method',
  'check_number',
  'reference',
  'amount',
  'received_date',
  'reverses_id',
  'created_at',
  'created_by',
  'remittance_id',
];

export const migration078 = `
DROP TRIGGER ledger_entries_no_update;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
WHEN NOT ${memoScrubbed(LEDGER_FIXED)}
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead'); END;

DROP TRIGGER receipts_no_update;
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
WHEN NOT ${memoScrubbed(RECEIPTS_FIXED)}
BEGIN SELECT RAISE(ABORT, 'receipts are append-only; reverse instead'); END;
`;
