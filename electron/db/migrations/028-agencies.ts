/**
 * Migration 28: collection agencies, the accounts placed with them and recalled, and the
 * payment files they send.
 * - agencies: kept by a supervisor; `columns` is the placement file's layout, a JSON list
 *   drawn from a closed set of column keys (shared/api/agencies.ts), so no clinical code or
 *   SSN can ever be chosen; the commission in basis points; whether the account is
 *   credited what the patient paid (gross) or only what the agency sent (net).
 * - agency_placement_batches: one per "send" to an agency, the file's columns as sent.
 * - agency_placements: an account at an agency from a date until recalled; at most one open
 *   placement per account. Only the recall columns are ever set after the insert.
 * - agency_payment_files / agency_payments: each file posted, and each row with the
 *   agency's reference, unique per agency, so a row posted once never posts again.
 */
export const migration028 = `
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  columns TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array'),
  commission_bps INTEGER NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
  remittance TEXT NOT NULL CHECK (remittance IN ('gross', 'net')),
  contact TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE agency_placement_batches (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies (id),
  placed_on TEXT NOT NULL,
  columns TEXT NOT NULL,
  account_count INTEGER NOT NULL CHECK (account_count > 0),
  balance INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX agency_placement_batches_agency ON agency_placement_batches (agency_id, id);

CREATE TABLE agency_placements (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies (id),
  batch_id INTEGER NOT NULL REFERENCES agency_placement_batches (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  placed_on TEXT NOT NULL,
  balance_placed INTEGER NOT NULL,
  recalled_on TEXT,
  recalled_at TEXT,
  recalled_by INTEGER REFERENCES users (id),
  recall_reason TEXT,
  CHECK ((recalled_on IS NULL) = (recalled_at IS NULL)
    AND (recalled_on IS NULL) = (recalled_by IS NULL)
    AND (recalled_on IS NULL) = (recall_reason IS NULL))
);
CREATE UNIQUE INDEX agency_placements_open ON agency_placements (account_id)
  WHERE recalled_on IS NULL;
CREATE INDEX agency_placements_account ON agency_placements (account_id, id);
CREATE INDEX agency_placements_agency ON agency_placements (agency_id, recalled_on);
CREATE INDEX agency_placements_placed ON agency_placements (placed_on);
CREATE INDEX agency_placements_recalled ON agency_placements (recalled_on)
  WHERE recalled_on IS NOT NULL;
CREATE TRIGGER agency_placements_kept BEFORE UPDATE ON agency_placements
  WHEN OLD.recalled_on IS NOT NULL OR NEW.agency_id IS NOT OLD.agency_id
    OR NEW.account_id IS NOT OLD.account_id OR NEW.batch_id IS NOT OLD.batch_id
    OR NEW.placed_on IS NOT OLD.placed_on OR NEW.balance_placed IS NOT OLD.balance_placed
BEGIN SELECT RAISE(ABORT, 'a placement is kept as placed; only its recall is recorded'); END;
CREATE TRIGGER agency_placements_no_delete BEFORE DELETE ON agency_placements
BEGIN SELECT RAISE(ABORT, 'placements are kept'); END;

CREATE TABLE agency_payment_files (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies (id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX agency_payment_files_agency ON agency_payment_files (agency_id, sha256);

CREATE TABLE agency_payments (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES agency_payment_files (id),
  agency_id INTEGER NOT NULL REFERENCES agencies (id),
  placement_id INTEGER NOT NULL REFERENCES agency_placements (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  paid_on TEXT NOT NULL,
  reference TEXT NOT NULL,
  -- what the patient paid the agency, the agency's share of it, and how it was posted
  gross INTEGER NOT NULL CHECK (gross > 0),
  commission INTEGER NOT NULL CHECK (commission BETWEEN 0 AND gross),
  remittance TEXT NOT NULL CHECK (remittance IN ('gross', 'net')),
  receipt_id INTEGER REFERENCES receipts (id),
  UNIQUE (agency_id, reference)
);
CREATE INDEX agency_payments_account ON agency_payments (account_id);
CREATE INDEX agency_payments_paid ON agency_payments (paid_on);
CREATE TRIGGER agency_payments_no_update BEFORE UPDATE ON agency_payments
BEGIN SELECT RAISE(ABORT, 'agency payments are kept as posted'); END;
CREATE TRIGGER agency_payments_no_delete BEFORE DELETE ON agency_payments
BEGIN SELECT RAISE(ABORT, 'agency payments are kept as posted'); END;

INSERT INTO adjustment_reasons (code, label, category) VALUES
  ('AGENCY_COMMISSION', 'Collection agency commission', 'administrative');
`;
