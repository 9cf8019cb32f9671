/**
 * Migration 17: a dunning cycle by guarantor, with holds that say why.
 *
 * - dunning_stages: per account, the stage its guarantor's statements reached and the last
 *   statement's amount due, so wording never goes back to gentler while the balance stays
 *   unpaid, and "Previous balance" is what the last statement asked for. Accounts brought
 *   in by spreadsheet start here at the stage their history gives.
 * - collection_holds: the holds no other table records (a dispute, a bankruptcy, a
 *   financial-assistance application), each opened and closed with who and when.
 * - statement_hold_releases: a supervisor's release of one hold on one account, with the
 *   reason; it lets the next statement go out and is used up by it.
 * - statement_run_skips: for every run, each account it did not print and why.
 * - facility: where payments go (remit-to / lockbox), the payment web address, the billing
 *   questions and financial-assistance contacts and the language-assistance taglines.
 */
export const migration017 = `
CREATE TABLE dunning_stages (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
  guarantor_id INTEGER NOT NULL REFERENCES people (id),
  -- 0 statement, 1 second statement, 2 past due, 3 final notice, 4 pre-collection
  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),
  -- the date the cycle is counted from: the first statement of this unpaid balance
  first_statement_date TEXT NOT NULL,
  statements_sent INTEGER NOT NULL DEFAULT 0 CHECK (statements_sent >= 0),
  last_statement_date TEXT,
  last_amount_due INTEGER,
  -- 'statement' when a run set it, 'import' when a spreadsheet's history did
  source TEXT NOT NULL CHECK (source IN ('statement', 'import')),
  updated_at TEXT NOT NULL
);
CREATE INDEX dunning_stages_guarantor ON dunning_stages (guarantor_id);

CREATE TABLE collection_holds (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('dispute', 'bankruptcy', 'assistance')),
  note TEXT,
  opened_on TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by INTEGER NOT NULL REFERENCES users (id),
  closed_at TEXT,
  closed_by INTEGER REFERENCES users (id),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX collection_holds_open ON collection_holds (account_id, kind) WHERE closed_at IS NULL;

CREATE TABLE statement_hold_releases (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  hold TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  released_at TEXT NOT NULL,
  released_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX statement_hold_releases_account ON statement_hold_releases (account_id, released_at);
CREATE TRIGGER statement_hold_releases_no_change BEFORE UPDATE ON statement_hold_releases
BEGIN SELECT RAISE(ABORT, 'hold releases are kept as made'); END;
CREATE TRIGGER statement_hold_releases_no_delete BEFORE DELETE ON statement_hold_releases
BEGIN SELECT RAISE(ABORT, 'hold releases are kept as made'); END;

CREATE TABLE statement_run_skips (
  id INTEGER PRIMARY KEY,
  run_document_id INTEGER NOT NULL REFERENCES documents (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  hold TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX statement_run_skips_run ON statement_run_skips (run_document_id);
CREATE INDEX statement_run_skips_account ON statement_run_skips (account_id);

ALTER TABLE facility ADD COLUMN remit_to TEXT;
ALTER TABLE facility ADD COLUMN payment_url TEXT;
ALTER TABLE facility ADD COLUMN billing_phone TEXT;
ALTER TABLE facility ADD COLUMN assistance_phone TEXT;
ALTER TABLE facility ADD COLUMN assistance_url TEXT;
ALTER TABLE facility ADD COLUMN assistance_summary_url TEXT;
ALTER TABLE facility ADD COLUMN language_taglines TEXT;
`;
