/** A linked desk's letterhead saved since the link, noted for the outbox (the second part). */
export const LETTERHEAD_SAVED_SINCE_THE_LINK = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'letterhead', 1, 'update' FROM facility f, office_link l
   WHERE f.id = 1
     AND EXISTS (SELECT 1 FROM audit_log x
                  WHERE x.method = 'saveFacility' AND x.at > l.linked_at)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'letterhead');
`;

/**
 * Migration 77: the letterhead travels (server migration 36; see the office design, "The
 * office's letterhead").
 *
 * The letterhead (`facility`, id 1) now keeps who saved it last and when, so the server can
 * judge that a supervisor did, as it judges a billing rule. A letterhead saved before this
 * version takes both from this desk's own audit trail (its last `saveFacility`); one set up
 * otherwise (a demo, a file from before the audit trail) keeps none.
 *
 * At a linked desk, an older version saved the letterhead on this desk only. When its audit
 * trail shows a save since the link, the letterhead is noted for the outbox as a change from
 * the first copy's (version 1), sent alone before any of the office's rows are written
 * (sync.ts): the office then holds what this desk has printed since, and the other desks take
 * it. Another desk's sent first refuses it, listed for a supervisor, and this desk takes the
 * office's. A desk that saved nothing since the link sends nothing and takes the office's
 * letterhead when one arrives. Standalone, only the two columns are filled.
 */
export const migration077 = `
ALTER TABLE facility ADD COLUMN updated_at TEXT;
ALTER TABLE facility ADD COLUMN updated_by INTEGER REFERENCES users (id);

UPDATE facility
   SET updated_at = (SELECT at FROM audit_log WHERE method = 'saveFacility'
                      ORDER BY id DESC LIMIT 1),
       updated_by = (SELECT user_id FROM audit_log WHERE method = 'saveFacility'
                      ORDER BY id DESC LIMIT 1)
 WHERE id = 1;
${LETTERHEAD_SAVED_SINCE_THE_LINK}`;
