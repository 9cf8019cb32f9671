/**
 * Migration 53: documents filed after a desktop joined its office travel to the office
 * (letters, statements, appeals, and scanned correspondence), noted for the outbox like the records of migration 51,
 * only while the capture flag is on. Their files go to the server by content hash before
 * the entry that carries them (electron/office/documents.ts). A statement run's combined
 * file stays the printing desk's own, as its skips do: the statements in it travel one by
 * one. Only the insert is noted: when a document is marked sent, or its file removed at
 * de-identification, the other desktops are not told yet.
 *
 * Since migration 57 its capture triggers exist only while a desktop is linked to an office,
 * from their one definition in electron/office/capture-triggers.ts.
 */
export const migration053 = `
CREATE TRIGGER office_capture_documents AFTER INSERT ON documents
WHEN new.kind <> 'statement_run' AND (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('documents', new.id, 'insert');
END;

CREATE TRIGGER office_capture_correspondence AFTER INSERT ON correspondence
WHEN (SELECT capture FROM office_link) = 1
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op) VALUES ('correspondence', new.id, 'insert');
END;
`;
