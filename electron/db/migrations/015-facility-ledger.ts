/**
 * Migration 15: provider-level adjustments (PLB) posted to the facility's own accounts.
 * Until now a PLB was only kept as the payer sent it (provider_adjustments), which no
 * screen listed, so interest a payer paid and money it withheld could not be found when a
 * cashier tied a deposit to the EFT. Each PLB amount now also gets a row here, on the
 * facility account its reason code belongs to, dated with the remittance; an overpayment
 * recovery (WO) that names one of our claims also posts to that claim's account.
 * `amount` is money to the facility: the payer's PLB04 with its sign turned, so interest
 * paid is positive and money taken back negative. Rows are never changed or removed.
 * Adjustments already imported are posted here from what was kept of them, at facility
 * level (the claim a WO named was not looked for then); the accounts follow the reason
 * code list in electron/importers/remittance/plb.ts as of this migration.
 */
export const migration015 = `
CREATE TABLE facility_ledger (
  id INTEGER PRIMARY KEY,
  provider_adjustment_id INTEGER NOT NULL UNIQUE REFERENCES provider_adjustments (id),
  remittance_id INTEGER NOT NULL REFERENCES remittances (id),
  account TEXT NOT NULL
    CHECK (account IN ('interest', 'recoveries', 'forwarding_balances', 'withholdings', 'other')),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  posting_date TEXT NOT NULL,
  claim_id INTEGER REFERENCES claims (id),
  ledger_entry_id INTEGER REFERENCES ledger_entries (id),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX facility_ledger_date ON facility_ledger (posting_date);
CREATE INDEX facility_ledger_remittance ON facility_ledger (remittance_id);
-- a remittance's tie-out adds up its PLB amounts and exceptions; a day's cash summary
-- finds its remittances by date
CREATE INDEX provider_adjustments_remittance ON provider_adjustments (remittance_id);
CREATE INDEX remittance_exceptions_remittance ON remittance_exceptions (remittance_id);
CREATE INDEX remittances_date ON remittances (remit_date);
CREATE TRIGGER facility_ledger_no_update BEFORE UPDATE ON facility_ledger
BEGIN SELECT RAISE(ABORT, 'the facility ledger is append-only; post a reversing entry'); END;
CREATE TRIGGER facility_ledger_no_delete BEFORE DELETE ON facility_ledger
BEGIN SELECT RAISE(ABORT, 'the facility ledger is append-only; post a reversing entry'); END;

INSERT INTO facility_ledger (provider_adjustment_id, remittance_id, account, amount,
    posting_date, created_at, created_by)
  SELECT p.id, p.remittance_id,
    CASE
      WHEN p.reason_code IN ('L6', 'CR') THEN 'interest'
      WHEN p.reason_code IN ('WO', 'WU', '72', 'B3') THEN 'recoveries'
      WHEN p.reason_code = 'FB' THEN 'forwarding_balances'
      WHEN p.reason_code IN ('LE', 'IR', 'E3', 'SL', 'L3', '50', '51', 'AM', 'OB') THEN 'withholdings'
      ELSE 'other'
    END,
    -p.amount, r.remit_date, f.imported_at, f.imported_by
  FROM provider_adjustments p JOIN remittances r ON r.id = p.remittance_id
  JOIN import_files f ON f.id = r.import_file_id
  WHERE p.amount <> 0
  ORDER BY p.id;
`;
