/**
 * Electronic files coming in (835 remittances, 277 claim status), what each posted, the
 * claims nobody could match, provider-level adjustments, and denials with their workflow.
 */
export const migration003 = `
-- One row per file imported, whatever happened to it; report is the JSON shown afterwards.
CREATE TABLE import_files (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('835', '277', '837', 'csv', 'unknown')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('posted', 'partial', 'duplicate', 'rejected')),
  summary TEXT NOT NULL,
  report TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX import_files_time ON import_files (imported_at);

-- One row per 835 transaction posted. The payer and trace number identify a remittance,
-- so the same one imported again is recognised and posts nothing.
CREATE TABLE remittances (
  id INTEGER PRIMARY KEY,
  import_file_id INTEGER NOT NULL REFERENCES import_files (id),
  payer_id INTEGER REFERENCES payers (id),
  payer_name TEXT NOT NULL,
  payer_identifier TEXT NOT NULL,
  trace_number TEXT NOT NULL,
  payment_amount INTEGER NOT NULL,
  payment_method TEXT,
  remit_date TEXT NOT NULL,
  claim_count INTEGER NOT NULL,
  UNIQUE (payer_identifier, trace_number)
);

ALTER TABLE receipts ADD COLUMN remittance_id INTEGER REFERENCES remittances (id);
CREATE INDEX receipts_remittance ON receipts (remittance_id) WHERE remittance_id IS NOT NULL;

-- Remittance claims that matched no claim of ours, or failed their checks. The claim as
-- read is kept so a person can match it by hand and post it, or set it aside.
CREATE TABLE remittance_exceptions (
  id INTEGER PRIMARY KEY,
  remittance_id INTEGER NOT NULL REFERENCES remittances (id),
  patient_control_number TEXT NOT NULL,
  payer_claim_number TEXT,
  patient_name TEXT,
  charge INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  reason TEXT NOT NULL,
  postable INTEGER NOT NULL CHECK (postable IN (0, 1)),
  claim_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'set_aside')),
  claim_id INTEGER REFERENCES claims (id),
  resolved_at TEXT,
  resolved_by INTEGER REFERENCES users (id),
  note TEXT
);
CREATE INDEX remittance_exceptions_status ON remittance_exceptions (status);

-- PLB: money the payer withheld or added for the facility, not for a patient.
CREATE TABLE provider_adjustments (
  id INTEGER PRIMARY KEY,
  remittance_id INTEGER NOT NULL REFERENCES remittances (id),
  provider_id TEXT NOT NULL,
  fiscal_period_date TEXT,
  reason_code TEXT NOT NULL,
  reference_id TEXT,
  amount INTEGER NOT NULL
);

-- A denied claim being worked: one per claim, tied to its denial follow-up.
CREATE TABLE denials (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL UNIQUE REFERENCES claims (id),
  follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id),
  remittance_id INTEGER REFERENCES remittances (id),
  category TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('appeal', 'correct_and_resubmit')),
  -- the codes as sent, e.g. 'CO-50 N115'
  codes TEXT NOT NULL,
  amount INTEGER NOT NULL,
  remit_date TEXT NOT NULL,
  deadline_date TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'new',
  appeal_level TEXT NOT NULL DEFAULT 'first' CHECK (appeal_level IN ('first', 'second', 'external')),
  resolution TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX denials_open ON denials (state, deadline_date);

-- What 277 claim status responses said about a claim, in order.
CREATE TABLE claim_status_events (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  import_file_id INTEGER NOT NULL REFERENCES import_files (id),
  category TEXT NOT NULL,
  status_code TEXT,
  effective_date TEXT,
  meaning TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX claim_status_events_claim ON claim_status_events (claim_id);
`;
