/**
 * Server migration 8: filed documents (letters, statements, appeals) and scanned
 * correspondence filed at a desktop after it joined, and their files by content hash.
 *
 * `document_files` holds each file once, named by the SHA-256 of its bytes: the same
 * letter filed twice (or by two desktops) is one row. The key is checked against the bytes
 * by the server itself (a CHECK), so no desktop can store bytes under a hash they do not
 * have. A file is uploaded before the entry that carries its document, and `documents`
 * names it by a foreign key, so a desktop that pulls a document can always fetch its bytes.
 * PDFs are plain here (a desktop seals its own copy at rest with its own key); TLS protects
 * them on the way.
 *
 * Both tables are insert-only as the records of migration 5 are: a trigger refuses UPDATE,
 * DELETE and TRUNCATE to everyone, and the desktops' role is granted INSERT and SELECT only.
 * Where each desktop keeps the file (its folder and name), the denial an appeal answers,
 * the template copy used and the run a statement was printed in stay the filing desk's own.
 */
export const serverMigration008 = `
CREATE TABLE document_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  CONSTRAINT document_files_hash CHECK (encode(sha256(bytes), 'hex') = sha256),
  CONSTRAINT document_files_size CHECK (length(bytes) = size)
);

CREATE TABLE documents (
  gid text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('appeal', 'statement', 'letter')),
  title text NOT NULL,
  account_gid text NOT NULL,
  claim_gid text,
  template_id text,
  document_date text NOT NULL CHECK (document_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  sha256 text NOT NULL REFERENCES document_files (sha256),
  pages integer NOT NULL CHECK (pages > 0),
  bytes bigint NOT NULL CHECK (bytes > 0),
  warnings text NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE INDEX documents_account ON documents (account_gid);
CREATE INDEX documents_file ON documents (sha256);

-- one scan is filed once on an account, office-wide as on each desktop
CREATE TABLE correspondence (
  gid text PRIMARY KEY,
  account_gid text NOT NULL,
  type text NOT NULL,
  original_name text NOT NULL,
  media text NOT NULL CHECK (media IN ('pdf', 'png', 'jpeg', 'tiff')),
  received_date text NOT NULL CHECK (received_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  sha256 text NOT NULL REFERENCES document_files (sha256),
  bytes bigint NOT NULL CHECK (bytes > 0),
  created_at text NOT NULL,
  created_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id),
  CONSTRAINT correspondence_filed_once UNIQUE (account_gid, sha256)
);

CREATE TRIGGER document_files_insert_only BEFORE UPDATE OR DELETE ON document_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER document_files_no_truncate BEFORE TRUNCATE ON document_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER documents_insert_only BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER correspondence_insert_only BEFORE UPDATE OR DELETE ON correspondence
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER correspondence_no_truncate BEFORE TRUNCATE ON correspondence
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

REVOKE ALL ON document_files, documents, correspondence FROM PUBLIC;
GRANT SELECT, INSERT ON document_files, documents, correspondence TO claimdesk_desktop;
`;
