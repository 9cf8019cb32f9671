/**
 * Migration 5: documents filed on accounts (appeal letters, statements, statement runs)
 * and supervisors' copies of the shipped templates.
 */
export const migration005 = `
-- A supervisor's edited version of a shipped template. template_id names the shipped
-- template (its file name) the copy stands in for; the shipped file itself is never
-- written. valid says whether the text passed validation when it was last saved: a copy
-- with errors is a draft and cannot be put in use.
CREATE TABLE template_copies (
  id INTEGER PRIMARY KEY,
  template_id TEXT NOT NULL,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX template_copies_template ON template_copies (template_id, id);

-- The copy in use for a template; without a row the shipped text is in use.
CREATE TABLE template_in_use (
  template_id TEXT PRIMARY KEY,
  copy_id INTEGER NOT NULL UNIQUE REFERENCES template_copies (id),
  set_at TEXT NOT NULL,
  set_by INTEGER NOT NULL REFERENCES users (id)
);

-- Every generated PDF, filed on its account. file_name is relative to the "documents"
-- folder beside the database file; sha256 and bytes let a reopened file be checked
-- against what was filed. A statement run's combined file has no account; each statement
-- printed in it is also filed on its own account and names the run (run_document_id).
-- document_date is the date printed on the document (letter or statement date).
-- Append-only: the only change ever made is recording, once, when it was sent.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('appeal', 'statement', 'letter', 'statement_run')),
  title TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts (id),
  claim_id INTEGER REFERENCES claims (id),
  denial_id INTEGER REFERENCES denials (id),
  run_document_id INTEGER REFERENCES documents (id),
  template_id TEXT,
  template_copy_id INTEGER REFERENCES template_copies (id),
  document_date TEXT NOT NULL,
  file_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  pages INTEGER NOT NULL CHECK (pages > 0),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  -- JSON array of the gaps the document printed with ("[MEMBER ID]"...)
  warnings TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(warnings) AND json_type(warnings) = 'array'),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  sent_date TEXT,
  sent_by INTEGER REFERENCES users (id),
  sent_at TEXT,
  CHECK ((sent_date IS NULL) = (sent_by IS NULL) AND (sent_date IS NULL) = (sent_at IS NULL)),
  CHECK ((kind = 'statement_run') = (account_id IS NULL))
);
CREATE INDEX documents_account ON documents (account_id, kind, document_date)
  WHERE account_id IS NOT NULL;
CREATE INDEX documents_denial ON documents (denial_id) WHERE denial_id IS NOT NULL;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER documents_sent_once BEFORE UPDATE ON documents
WHEN OLD.sent_date IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title
  OR NEW.account_id IS NOT OLD.account_id OR NEW.claim_id IS NOT OLD.claim_id
  OR NEW.denial_id IS NOT OLD.denial_id OR NEW.run_document_id IS NOT OLD.run_document_id
  OR NEW.template_id IS NOT OLD.template_id OR NEW.template_copy_id IS NOT OLD.template_copy_id
  OR NEW.document_date IS NOT OLD.document_date OR NEW.file_name IS NOT OLD.file_name
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.pages IS NOT OLD.pages OR NEW.bytes IS NOT OLD.bytes
  OR NEW.warnings IS NOT OLD.warnings OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'documents are append-only; only the sent date is recorded, once'); END;
`;
