/**
 * Migration 70: the sent marks an older version recorded at a linked desk travel (see the
 * office design, "Filed documents and scans").
 *
 * Before this version a document's sent date stayed on the desk that marked it: the other
 * desks showed the letter waiting, left it out of their appeals report, and let a
 * representative mark it sent (and mail it) again. Each document the office has of this desk's
 * marking (named office-wide by a desk, not the first copy's, which every desk holds as it was
 * uploaded, and not this desk's own) is noted for the outbox as its sending, which the seal
 * sends in one entry apart from the request's work (outbox.ts): the office keeps the first
 * mark of a document, so a mark it has already changes nothing. Standalone, nothing changes.
 */
export const migration070 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'document_sendings', d.id, 'insert' FROM documents d
    JOIN sync_rows s ON s.tbl = 'documents' AND s.local_id = d.id, office_link l
   WHERE d.sent_date IS NOT NULL AND d.removed_at IS NULL AND d.kind <> 'statement_run'
     AND s.gid NOT LIKE 'own:%' AND s.gid NOT LIKE 'base:%'
     AND NOT EXISTS (SELECT 1 FROM sync_rows x
                      WHERE x.tbl = 'document_sendings' AND x.local_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'document_sendings' AND p.local_id = d.id);
`;
