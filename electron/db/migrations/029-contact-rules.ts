/**
 * Migration 29: contact rules, returned checks and de-identification.
 *
 * - contact_restrictions: what limits contact with a guarantor, each with the date it took
 *   effect: a request to stop contact, a dispute in writing, representation by an attorney
 *   (whose contact is kept, since calls and letters go there instead) or a bankruptcy filing.
 *   A dispute is about one account; the others are the guarantor's and cover every account
 *   they guarantee. A restriction is lifted once, with who, when and why; otherwise rows
 *   are kept as recorded.
 * - call_times: for each outbound call logged to a patient or guarantor, the time it was in
 *   their zone (from the state of the address called) and the warnings the representative
 *   confirmed to log it.
 * - returned_checks: a patient's check the bank sent back, against the payment it reversed,
 *   with the bank's reason and the returned-check fee charged (if the office charges one).
 * - deidentifications: a deceased person whose name, addresses, date of birth and phones
 *   were replaced by a marker after the retention period, by whom and why. The history's
 *   rows and an estate representative's may then be rewritten, and only to put the marker
 *   in: the append-only triggers are narrowed to allow exactly that.
 */
export const migration029 = `
CREATE TABLE contact_restrictions (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  kind TEXT NOT NULL
    CHECK (kind IN ('cease_contact', 'written_dispute', 'attorney', 'bankruptcy')),
  effective_date TEXT NOT NULL,
  note TEXT,
  attorney_name TEXT,
  attorney_phone TEXT,
  attorney_address TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  lifted_at TEXT,
  lifted_by INTEGER REFERENCES users (id),
  lift_reason TEXT,
  CHECK (kind <> 'attorney' OR ifnull(length(trim(attorney_name)), 0) > 0),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE INDEX contact_restrictions_account ON contact_restrictions (account_id) WHERE lifted_at IS NULL;
CREATE INDEX contact_restrictions_person ON contact_restrictions (person_id) WHERE lifted_at IS NULL;
CREATE TRIGGER contact_restrictions_lift_once BEFORE UPDATE ON contact_restrictions
WHEN OLD.lifted_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id
  OR NEW.person_id IS NOT OLD.person_id OR NEW.kind IS NOT OLD.kind
  OR NEW.effective_date IS NOT OLD.effective_date OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'a contact restriction is kept as recorded; it may be lifted once'); END;
CREATE TRIGGER contact_restrictions_no_delete BEFORE DELETE ON contact_restrictions
BEGIN SELECT RAISE(ABORT, 'a contact restriction is kept as recorded; it may be lifted once'); END;

CREATE TABLE call_times (
  activity_id INTEGER PRIMARY KEY REFERENCES activities (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  -- null when the person called has no address whose state names a zone
  time_zone TEXT,
  local_label TEXT,
  -- JSON array of the warnings confirmed to log the call
  warnings TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(warnings) AND json_type(warnings) = 'array')
);
CREATE INDEX call_times_account ON call_times (account_id);
CREATE TRIGGER call_times_no_update BEFORE UPDATE ON call_times
BEGIN SELECT RAISE(ABORT, 'call times are kept as logged'); END;

CREATE TABLE returned_checks (
  id INTEGER PRIMARY KEY,
  receipt_id INTEGER NOT NULL UNIQUE REFERENCES receipts (id),
  reversal_receipt_id INTEGER NOT NULL UNIQUE REFERENCES receipts (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  returned_on TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('nsf', 'account_closed', 'stop_payment', 'other')),
  note TEXT,
  fee_entry_id INTEGER REFERENCES ledger_entries (id),
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX returned_checks_account ON returned_checks (account_id);
CREATE INDEX returned_checks_recorded ON returned_checks (recorded_at);
CREATE TRIGGER returned_checks_no_update BEFORE UPDATE ON returned_checks
BEGIN SELECT RAISE(ABORT, 'returned checks are kept as recorded'); END;
CREATE TRIGGER returned_checks_no_delete BEFORE DELETE ON returned_checks
BEGIN SELECT RAISE(ABORT, 'returned checks are kept as recorded'); END;

CREATE TABLE deidentifications (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES people (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  done_at TEXT NOT NULL,
  done_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE TRIGGER deidentifications_no_change BEFORE UPDATE ON deidentifications
BEGIN SELECT RAISE(ABORT, 'de-identifications are kept as made'); END;
CREATE TRIGGER deidentifications_no_delete BEFORE DELETE ON deidentifications
BEGIN SELECT RAISE(ABORT, 'de-identifications are kept as made'); END;

DROP TRIGGER activities_no_update;
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
WHEN NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id
  OR NEW.claim_id IS NOT OLD.claim_id OR NEW.kind IS NOT OLD.kind
  OR NEW.direction IS NOT OLD.direction OR NEW.party IS NOT OLD.party
  OR NEW.outcome IS NOT OLD.outcome OR NEW.user_id IS NOT OLD.user_id
  OR NEW.occurred_at IS NOT OLD.occurred_at OR instr(NEW.body, '[removed]') = 0
  OR NOT EXISTS (SELECT 1 FROM deidentifications d JOIN accounts a
    ON d.person_id IN (a.patient_id, a.guarantor_id) WHERE a.id = OLD.account_id)
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;

DROP TRIGGER estate_representatives_no_update;
CREATE TRIGGER estate_representatives_no_update BEFORE UPDATE ON estate_representatives
WHEN NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.name <> '[removed]' OR NEW.line1 <> '[removed]'
  OR NOT EXISTS (SELECT 1 FROM deidentifications WHERE person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'estate representatives are kept as recorded'); END;
`;
