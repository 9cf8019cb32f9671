/**
 * Migration 36: scanned correspondence filed on accounts, and filed files removed when the
 * person they name is de-identified.
 *
 * - correspondence: a scanned letter (PDF, PNG, JPEG or TIFF) filed in this database's
 *   documents folder beside the generated documents, with its type, the name it came in
 *   under and its SHA-256 fingerprint. The same file filed twice on one account is one
 *   row (UNIQUE account_id, sha256). Append-only but for its removal.
 * - removed_at / removed_by on documents and correspondence: the file was deleted from
 *   disk when the person it names was de-identified. The row keeps its fingerprint, size
 *   and dates, so the history and the audit trail still say what was filed; the name a
 *   scan came in under (which may hold the person's name) becomes the marker. Removal is
 *   recorded once and is final: the narrowed triggers allow exactly that.
 */
export const migration036 = `
CREATE TABLE correspondence (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  type TEXT NOT NULL CHECK (type IN ('payer', 'patient', 'returned_mail', 'legal')),
  original_name TEXT NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  media TEXT NOT NULL CHECK (media IN ('pdf', 'png', 'jpeg', 'tiff')),
  received_date TEXT NOT NULL,
  folder TEXT NOT NULL
    CHECK (folder <> '' AND folder NOT LIKE '%/%' AND folder NOT LIKE '%\\%' AND folder NOT LIKE '.%'),
  file_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  removed_at TEXT,
  removed_by INTEGER REFERENCES users (id),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL)),
  UNIQUE (account_id, sha256)
);
CREATE INDEX correspondence_account ON correspondence (account_id, received_date);
CREATE TRIGGER correspondence_no_delete BEFORE DELETE ON correspondence
BEGIN SELECT RAISE(ABORT, 'correspondence is append-only'); END;
CREATE TRIGGER correspondence_removed_once BEFORE UPDATE ON correspondence
WHEN OLD.removed_at IS NOT NULL OR NEW.removed_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id OR NEW.type IS NOT OLD.type
  OR NEW.media IS NOT OLD.media OR NEW.received_date IS NOT OLD.received_date
  OR NEW.folder IS NOT OLD.folder OR NEW.file_name IS NOT OLD.file_name
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.bytes IS NOT OLD.bytes
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'correspondence is append-only; only its removal is recorded, once'); END;

ALTER TABLE documents ADD COLUMN removed_at TEXT;
ALTER TABLE documents ADD COLUMN removed_by INTEGER REFERENCES users (id);
DROP TRIGGER documents_sent_once;
-- as before (only the sent date, once), and besides: the removal, once, changing nothing else
CREATE TRIGGER documents_sent_once BEFORE UPDATE ON documents
WHEN OLD.removed_at IS NOT NULL
  OR (NEW.removed_at IS NULL) <> (NEW.removed_by IS NULL)
  OR (OLD.sent_date IS NOT NULL AND (NEW.sent_date IS NOT OLD.sent_date
    OR NEW.sent_by IS NOT OLD.sent_by OR NEW.sent_at IS NOT OLD.sent_at))
  OR (NEW.removed_at IS NOT NULL AND (NEW.sent_date IS NOT OLD.sent_date
    OR NEW.sent_by IS NOT OLD.sent_by OR NEW.sent_at IS NOT OLD.sent_at))
  OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title
  OR NEW.account_id IS NOT OLD.account_id OR NEW.claim_id IS NOT OLD.claim_id
  OR NEW.denial_id IS NOT OLD.denial_id OR NEW.run_document_id IS NOT OLD.run_document_id
  OR NEW.template_id IS NOT OLD.template_id OR NEW.template_copy_id IS NOT OLD.template_copy_id
  OR NEW.document_date IS NOT OLD.document_date OR NEW.folder IS NOT OLD.folder
  OR NEW.file_name IS NOT OLD.file_name
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.pages IS NOT OLD.pages OR NEW.bytes IS NOT OLD.bytes
  OR NEW.warnings IS NOT OLD.warnings OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'documents are append-only; only the sent date is recorded, once, and the removal of the file'); END;
`;
