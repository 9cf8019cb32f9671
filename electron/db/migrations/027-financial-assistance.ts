/**
 * Migration 27: the IRS section 501(r) clock and bad debt.
 *
 * - assistance_applications: financial-assistance applications per account (an account is
 *   one episode of care). The status moves pending -> incomplete -> eligible / ineligible;
 *   every change is also a line in the account's history, which is where its past is read.
 * - eca_notices: each written notice of extraordinary collection actions sent, with the
 *   deadline it names (the first day an ECA may be taken). Kept as sent.
 * - extraordinary_actions: each ECA taken (credit report, debt sale, legal action, agency
 *   referral) and, when undone (an eligible application reverses them), when and why.
 * - bad_debt_moves: each move of an account's patient balance to bad debt, after a
 *   supervisor approved its request, and its undoing by reversal.
 * - BAD_DEBT_RECOVERY: the reason of the adjustment that puts written-off money back on the
 *   account when a payment comes in after it, so the payment posts against it and reports
 *   count it apart. Inactive: nobody picks it by hand.
 */
export const migration027 = `
CREATE TABLE assistance_applications (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  received_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'incomplete', 'eligible', 'ineligible')),
  -- JSON array of what the applicant still has to send, while incomplete
  missing TEXT CHECK (missing IS NULL OR (json_valid(missing) AND json_type(missing) = 'array')),
  complete_by TEXT,
  -- what the patient owes for the episode after the discount, once eligible
  discounted_amount INTEGER CHECK (discounted_amount IS NULL OR discounted_amount >= 0),
  decided_on TEXT,
  decision_note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  CHECK ((status IN ('eligible', 'ineligible')) = (decided_on IS NOT NULL)),
  CHECK (status <> 'eligible' OR discounted_amount IS NOT NULL)
);
CREATE INDEX assistance_applications_account ON assistance_applications (account_id, status);

CREATE TABLE eca_notices (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  document_id INTEGER NOT NULL REFERENCES documents (id),
  sent_on TEXT NOT NULL,
  deadline TEXT NOT NULL CHECK (deadline > sent_on),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX eca_notices_account ON eca_notices (account_id, sent_on);
CREATE TRIGGER eca_notices_no_change BEFORE UPDATE ON eca_notices
BEGIN SELECT RAISE(ABORT, 'notices are kept as sent'); END;
CREATE TRIGGER eca_notices_no_delete BEFORE DELETE ON eca_notices
BEGIN SELECT RAISE(ABORT, 'notices are kept as sent'); END;

CREATE TABLE extraordinary_actions (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  action TEXT NOT NULL
    CHECK (action IN ('agency_referral', 'debt_sale', 'legal_action', 'credit_report')),
  taken_on TEXT NOT NULL,
  note TEXT,
  taken_at TEXT NOT NULL,
  taken_by INTEGER NOT NULL REFERENCES users (id),
  reversed_on TEXT,
  reversed_at TEXT,
  reversed_by INTEGER REFERENCES users (id),
  reversal_reason TEXT,
  CHECK ((reversed_on IS NULL) = (reversed_by IS NULL))
);
CREATE INDEX extraordinary_actions_account ON extraordinary_actions (account_id, reversed_on);

CREATE TABLE bad_debt_moves (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  request_id INTEGER NOT NULL UNIQUE REFERENCES adjustment_requests (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  moved_on TEXT NOT NULL,
  moved_at TEXT NOT NULL,
  -- the supervisor who approved it
  moved_by INTEGER NOT NULL REFERENCES users (id),
  undone_at TEXT,
  undone_by INTEGER REFERENCES users (id),
  undo_reason TEXT,
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE INDEX bad_debt_moves_account ON bad_debt_moves (account_id, undone_at);
CREATE UNIQUE INDEX bad_debt_moves_one_standing ON bad_debt_moves (account_id)
  WHERE undone_at IS NULL;

INSERT INTO adjustment_reasons (code, label, category, active)
  VALUES ('BAD_DEBT_RECOVERY', 'Bad debt recovery', 'bad_debt', 0);
`;
