/**
 * Migration 11: each database files its documents in a folder of its own. Until now every
 * database in a folder shared one "documents" folder beside it, and documents were named
 * after their id, so two databases (or an older copy restored beside a newer folder)
 * claimed the same file names. A document now records the folder it was filed in,
 * relative to the database file's folder; the documents filed before keep their names
 * and are found where they are, in the shared "documents" folder (the default).
 * The append-only trigger is recreated so the folder cannot change either.
 */
export const migration011 = `
ALTER TABLE documents ADD COLUMN folder TEXT NOT NULL DEFAULT 'documents'
  CHECK (folder <> '' AND folder NOT LIKE '%/%' AND folder NOT LIKE '%\\%' AND folder NOT LIKE '.%');
DROP TRIGGER documents_sent_once;
CREATE TRIGGER documents_sent_once BEFORE UPDATE ON documents
WHEN OLD.sent_date IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title
  OR NEW.account_id IS NOT OLD.account_id OR NEW.claim_id IS NOT OLD.claim_id
  OR NEW.denial_id IS NOT OLD.denial_id OR NEW.run_document_id IS NOT OLD.run_document_id
  OR NEW.template_id IS NOT OLD.template_id OR NEW.template_copy_id IS NOT OLD.template_copy_id
  OR NEW.document_date IS NOT OLD.document_date OR NEW.folder IS NOT OLD.folder
  OR NEW.file_name IS NOT OLD.file_name
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.pages IS NOT OLD.pages OR NEW.bytes IS NOT OLD.bytes
  OR NEW.warnings IS NOT OLD.warnings OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'documents are append-only; only the sent date is recorded, once'); END;
`;
