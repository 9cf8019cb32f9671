/**
 * Migration 58: an 835 payment posted at another desk of the office and pulled here. Its
 * receipt arrives as any other, but the remittance record it belongs to (the 835 file, its
 * exceptions and tie-out) stays the importing desk's, so `receipts.remittance_id` is empty
 * here. The payment's payer and trace number travel with the receipt; this keeps them, so a
 * payer's reversal (claim status 22) in an 835 imported here finds the payment it takes
 * back, as it would at the desk that posted it. Written only by the sync worker's pull;
 * never captured or sent.
 */
export const migration058 = `
CREATE TABLE office_remittance_payments (
  receipt_id INTEGER PRIMARY KEY REFERENCES receipts (id),
  payer_identifier TEXT NOT NULL,
  trace_number TEXT NOT NULL
);
`;
