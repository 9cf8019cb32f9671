/**
 * Server migration 27: when a filed document went out (an appeal letter mailed to the payer,
 * a statement), marked once at one desk. Until now the mark stayed on that desk, so another
 * desk's appeals report did not count a letter sent there, and its list showed it waiting.
 *
 * One row a document (`document_sendings_once`); insert-only as the documents are, a desk
 * writing only in its own name. A second desk's mark of the same document is not an error
 * (the letter went out): the office keeps the first.
 */
export const serverMigration027 = `
CREATE TABLE document_sendings (
  gid text PRIMARY KEY,
  document_gid text NOT NULL CONSTRAINT document_sendings_once UNIQUE,
  sent_date text NOT NULL CHECK (sent_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  sent_at text NOT NULL,
  sent_by text NOT NULL,
  desktop_id uuid NOT NULL REFERENCES desktops (id)
);
CREATE TRIGGER document_sendings_insert_only BEFORE UPDATE OR DELETE ON document_sendings
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER document_sendings_no_truncate BEFORE TRUNCATE ON document_sendings
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE document_sendings ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_sendings_read ON document_sendings FOR SELECT USING (true);
CREATE POLICY document_sendings_insert_own ON document_sendings FOR INSERT
  WITH CHECK (my_desk(desktop_id) AND starts_with(gid, desktop_id::text || ':'));
REVOKE ALL ON document_sendings FROM PUBLIC;
GRANT SELECT, INSERT ON document_sendings TO claimdesk_desktop;
`;
