/**
 * Posting money by hand: deposit batches and the receipts posted into them, a maintained
 * list of adjustment reasons, write-offs waiting for a supervisor, payment plans with
 * their installments, promises to pay, and the office's billing rules.
 */
export const migration002 = `
-- The office's billing rules (approval limit, plan minimums, grace days...). Business
-- rules live with the business data, not in device preferences. value is JSON.
CREATE TABLE billing_rules (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);

-- The maintained list of reasons an adjustment may give. category groups them for
-- reporting; a reason is retired (active = 0), never deleted, because entries name it.
CREATE TABLE adjustment_reasons (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  category TEXT NOT NULL
    CHECK (category IN ('contractual', 'charity', 'small_balance', 'administrative', 'bad_debt')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO adjustment_reasons (code, label, category) VALUES
  ('CONTRACTUAL', 'Contractual allowance', 'contractual'),
  ('CHARITY', 'Charity care / financial assistance', 'charity'),
  ('SMALL_BALANCE', 'Small balance write-off', 'small_balance'),
  ('ADMIN', 'Administrative adjustment', 'administrative'),
  ('TIMELY_FILING', 'Administrative: timely filing write-off', 'administrative'),
  ('BAD_DEBT', 'Bad debt write-off', 'bad_debt');

CREATE TABLE deposit_batches (
  id INTEGER PRIMARY KEY,
  deposit_date TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('desk', 'mail', 'lockbox', 'insurer')),
  expected_total INTEGER NOT NULL CHECK (expected_total > 0),
  description TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  closed_at TEXT,
  closed_by INTEGER REFERENCES users (id)
);
CREATE INDEX deposit_batches_date ON deposit_batches (deposit_date);

-- Money received: one row per payment or refund however many ledger rows it spreads over.
-- Append-only like the ledger: reversing a receipt adds a row with the opposite amount
-- that points at it, in the same batch while that batch is open.
CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER REFERENCES deposit_batches (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('patient_payment', 'insurance_payment', 'refund')),
  payer_id INTEGER REFERENCES payers (id),
  method TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'eft')),
  check_number TEXT,
  reference TEXT,
  amount INTEGER NOT NULL,
  received_date TEXT NOT NULL,
  memo TEXT,
  reverses_id INTEGER UNIQUE REFERENCES receipts (id),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  -- an EOB can pay nothing (all to the deductible) and still post adjustments
  CHECK (reverses_id IS NOT NULL OR amount > 0 OR (kind = 'insurance_payment' AND amount = 0))
);
CREATE INDEX receipts_batch ON receipts (batch_id, amount, reverses_id);
CREATE INDEX receipts_account ON receipts (account_id);
CREATE INDEX receipts_date ON receipts (received_date);
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts are append-only; reverse instead'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts are append-only; reverse instead'); END;

ALTER TABLE ledger_entries ADD COLUMN receipt_id INTEGER REFERENCES receipts (id);
-- the EOB that reported an adjustment, so reversing that EOB can answer it
ALTER TABLE claim_adjustments ADD COLUMN receipt_id INTEGER REFERENCES receipts (id);
-- a claim to a secondary payer names the primary claim it follows
ALTER TABLE claims ADD COLUMN primary_claim_id INTEGER REFERENCES claims (id);
CREATE UNIQUE INDEX claims_secondary ON claims (primary_claim_id) WHERE primary_claim_id IS NOT NULL;
CREATE INDEX ledger_receipt ON ledger_entries (receipt_id) WHERE receipt_id IS NOT NULL;

-- A write-off above the approval limit waits here; it reaches the ledger only when a
-- supervisor approves it (ledger_entry_id then names the posted row).
CREATE TABLE adjustment_requests (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  side TEXT NOT NULL CHECK (side IN ('insurance', 'patient')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason_code TEXT NOT NULL REFERENCES adjustment_reasons (code),
  memo TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES users (id),
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id),
  decision_note TEXT,
  ledger_entry_id INTEGER REFERENCES ledger_entries (id)
);
CREATE INDEX adjustment_requests_status ON adjustment_requests (status, requested_at);
CREATE INDEX adjustment_requests_account ON adjustment_requests (account_id);

CREATE TABLE payment_plans (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'paid_off', 'broken', 'cancelled')),
  -- set by the daily check while an installment is late; cleared when it is caught up
  delinquent INTEGER NOT NULL DEFAULT 0 CHECK (delinquent IN (0, 1)),
  start_date TEXT NOT NULL,
  first_due_date TEXT NOT NULL,
  monthly_amount INTEGER NOT NULL CHECK (monthly_amount > 0),
  down_payment INTEGER NOT NULL DEFAULT 0 CHECK (down_payment >= 0),
  grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
  -- whether later patient charges join this plan (1) or stay outside it (0)
  include_new_charges INTEGER NOT NULL CHECK (include_new_charges IN (0, 1)),
  -- the patient payments already on the account when the plan began, so later ones count
  paid_before INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  ended_at TEXT,
  ended_by INTEGER REFERENCES users (id),
  end_reason TEXT
);
CREATE INDEX payment_plans_account ON payment_plans (account_id, status);
CREATE UNIQUE INDEX payment_plans_one_active ON payment_plans (account_id) WHERE status = 'active';

CREATE TABLE plan_installments (
  plan_id INTEGER NOT NULL REFERENCES payment_plans (id),
  number INTEGER NOT NULL CHECK (number >= 0),
  due_date TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (plan_id, number)
);

-- A promise to pay an amount by a date, or a credit extension (the patient balance due by
-- a new date). The daily check marks it kept or broken.
CREATE TABLE promises (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('promise', 'extension')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
  -- the patient payments already on the account when it was made
  paid_before INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  resolved_at TEXT
);
CREATE INDEX promises_open ON promises (status, due_date);
CREATE INDEX promises_account ON promises (account_id);
`;
