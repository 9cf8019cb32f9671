/**
 * The first schema. Later migrations extend it; they never rewrite it.
 *
 * Money columns are INTEGER cents. Dates are TEXT 'YYYY-MM-DD'; timestamps TEXT ISO-8601 UTC.
 * Open-ended code lists (statuses, kinds) are checked by the API rather than by CHECK
 * constraints, so adding a value does not need a table rebuild; the few that can never
 * change (ledger side, ledger kind) are checked here too.
 */
export const migration001 = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  phone TEXT,
  role TEXT NOT NULL DEFAULT 'representative',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE facility (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  state TEXT NOT NULL,
  zip TEXT NOT NULL,
  phone TEXT,
  fax TEXT,
  npi TEXT,
  tax_id TEXT,
  web TEXT
);

CREATE TABLE payers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  payer_code TEXT NOT NULL UNIQUE,
  financial_class TEXT NOT NULL,
  claims_line1 TEXT, claims_line2 TEXT, claims_city TEXT, claims_state TEXT, claims_zip TEXT,
  appeals_line1 TEXT, appeals_line2 TEXT, appeals_city TEXT, appeals_state TEXT, appeals_zip TEXT,
  phone TEXT,
  fax TEXT,
  appeals_fax TEXT,
  timely_filing_days INTEGER NOT NULL CHECK (timely_filing_days > 0),
  appeal_window_days INTEGER NOT NULL CHECK (appeal_window_days > 0)
);

-- Patients and guarantors are both people; an account names one of each.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  last_name TEXT NOT NULL COLLATE NOCASE,
  first_name TEXT NOT NULL COLLATE NOCASE,
  middle_name TEXT,
  date_of_birth TEXT,
  sex TEXT,
  phone TEXT,
  -- digits only, for search
  phone_digits TEXT,
  returned_mail INTEGER NOT NULL DEFAULT 0 CHECK (returned_mail IN (0, 1)),
  deceased_date TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX people_name ON people (last_name, first_name);
CREATE INDEX people_dob ON people (date_of_birth);
CREATE INDEX people_phone ON people (phone_digits);

-- Address history: rows are only added. The current address is the one with the latest
-- effective date (ties: the latest recorded).
CREATE TABLE addresses (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  state TEXT NOT NULL,
  zip TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  reason TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX addresses_person ON addresses (person_id, effective_date, id);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  account_number TEXT NOT NULL UNIQUE,
  patient_id INTEGER NOT NULL REFERENCES people (id),
  guarantor_id INTEGER NOT NULL REFERENCES people (id),
  guarantor_relationship TEXT NOT NULL DEFAULT 'self',
  service_date TEXT NOT NULL,
  discharge_date TEXT,
  financial_class TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL,
  -- Cached from ledger_entries in the same transaction as every ledger write;
  -- tests prove they equal what the ledger derives.
  insurance_balance INTEGER NOT NULL DEFAULT 0,
  patient_balance INTEGER NOT NULL DEFAULT 0,
  -- posting date of the oldest amount still open (first in, first out), NULL when none
  oldest_open_date TEXT
);
CREATE INDEX accounts_patient ON accounts (patient_id);
CREATE INDEX accounts_guarantor ON accounts (guarantor_id);

CREATE TABLE coverages (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  payer_id INTEGER NOT NULL REFERENCES payers (id),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 9),
  member_id TEXT NOT NULL,
  group_number TEXT,
  subscriber_id INTEGER REFERENCES people (id),
  UNIQUE (account_id, priority)
);
CREATE INDEX coverages_payer ON coverages (payer_id);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  claim_number TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  coverage_id INTEGER REFERENCES coverages (id),
  payer_id INTEGER NOT NULL REFERENCES payers (id),
  payer_claim_number TEXT,
  billed_date TEXT,
  remit_date TEXT,
  status TEXT NOT NULL DEFAULT 'unbilled',
  total_charge INTEGER NOT NULL CHECK (total_charge >= 0),
  created_at TEXT NOT NULL
);
CREATE INDEX claims_account ON claims (account_id);
CREATE INDEX claims_payer_claim_number ON claims (payer_claim_number);

CREATE TABLE claim_lines (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  line_number INTEGER NOT NULL CHECK (line_number > 0),
  service_date TEXT NOT NULL,
  revenue_code TEXT,
  procedure_code TEXT,
  -- colon-separated, as in X12 composites: '25:59'
  modifiers TEXT,
  units REAL NOT NULL DEFAULT 1 CHECK (units > 0),
  charge INTEGER NOT NULL CHECK (charge >= 0),
  UNIQUE (claim_id, line_number)
);

-- Adjustment reasons the payer gave (CAS), claim-level when claim_line_id is NULL.
CREATE TABLE claim_adjustments (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  claim_line_id INTEGER REFERENCES claim_lines (id),
  group_code TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  amount INTEGER NOT NULL,
  quantity REAL,
  remit_date TEXT
);
CREATE INDEX claim_adjustments_claim ON claim_adjustments (claim_id);

CREATE TABLE claim_remarks (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims (id),
  claim_line_id INTEGER REFERENCES claim_lines (id),
  code TEXT NOT NULL
);
CREATE INDEX claim_remarks_claim ON claim_remarks (claim_id);

-- The ledger. Append-only: triggers refuse UPDATE and DELETE; a mistake is corrected by
-- a new row whose reverses_id points at the original. amount is signed: positive raises
-- the balance (charges, refunds), negative lowers it (payments, most adjustments).
CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  claim_line_id INTEGER REFERENCES claim_lines (id),
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'adjustment', 'transfer', 'refund')),
  side TEXT NOT NULL CHECK (side IN ('insurance', 'patient')),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  posting_date TEXT NOT NULL,
  payer_id INTEGER REFERENCES payers (id),
  reference TEXT,
  reason_code TEXT,
  memo TEXT,
  reverses_id INTEGER UNIQUE REFERENCES ledger_entries (id),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  CHECK (
    reverses_id IS NOT NULL
    OR (kind = 'charge' AND amount > 0)
    OR (kind = 'payment' AND amount < 0)
    OR (kind = 'refund' AND amount > 0)
    OR kind IN ('adjustment', 'transfer')
  )
);
CREATE INDEX ledger_account ON ledger_entries (account_id, posting_date, id);
CREATE INDEX ledger_claim ON ledger_entries (claim_id);
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead'); END;

-- Contact history. Append-only like the ledger: a wrong note is answered by another note.
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  kind TEXT NOT NULL,
  direction TEXT,
  party TEXT,
  outcome TEXT,
  body TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  occurred_at TEXT NOT NULL
);
CREATE INDEX activities_account ON activities (account_id, occurred_at);
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;

-- The work queue is made of open follow-ups. payer_id, balance, oldest_open_date,
-- account_number and patient_name copy the account (and claim) they are about, and rank is
-- a precomputed ordering key (see electron/queue/priority.ts); refreshQueueColumns rewrites
-- them whenever the account's ledger, patient or coverage or the follow-up changes, so
-- every queue filter and sort reads this one table and the default order is an index scan.
CREATE TABLE follow_ups (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  due_date TEXT NOT NULL,
  deadline_date TEXT,
  owner_id INTEGER REFERENCES users (id),
  reason TEXT,
  payer_id INTEGER REFERENCES payers (id),
  balance INTEGER NOT NULL DEFAULT 0,
  oldest_open_date TEXT,
  account_number TEXT NOT NULL DEFAULT '',
  patient_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  rank INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  completed_at TEXT,
  completed_by INTEGER REFERENCES users (id)
);
-- covering, so a filtered first page never leaves the index
CREATE INDEX follow_ups_rank ON follow_ups
  (status, rank, due_date, oldest_open_date, balance, payer_id, owner_id, kind);
CREATE INDEX follow_ups_due ON follow_ups (status, due_date, oldest_open_date, balance);
CREATE INDEX follow_ups_payer ON follow_ups (status, payer_id, due_date);
CREATE INDEX follow_ups_owner ON follow_ups (status, owner_id, due_date);
CREATE INDEX follow_ups_account ON follow_ups (account_id, status);
-- one open follow-up per account (claim_id NULL) or per claim
CREATE UNIQUE INDEX follow_ups_one_open ON follow_ups (account_id, ifnull(claim_id, 0), kind)
  WHERE status = 'open';
`;
