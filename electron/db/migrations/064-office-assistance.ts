/**
 * Migration 64: financial-assistance applications and the notices of extraordinary
 * collection actions travel between the desks of an office from this version on (see the
 * office design, "Financial assistance and the 501(r) notice").
 *
 * A notice is kept as sent and never deleted: still so, but for the sync worker (the capture
 * off), which withdraws one the office refused with the request that sent it, as it does a
 * placement (migration 60).
 *
 * The applications and notices an older version recorded at a linked desk were never
 * captured, so they have no office-wide id and would fall back to `base:<id>`, the name of
 * the first copy's row of that id, which another desk's own row may share. An application
 * still waiting (received or incomplete, recorded at or after the link, told from the first
 * copy's by the clock alone) is named by this desk now and noted for the outbox as an
 * insert, as migration 62 sends the contact rules: kept here alone, the other desks would go
 * on billing and taking collection actions against a patient who has applied. It goes alone
 * (outbox.ts); refused (another desk's application waits on the account), it takes the
 * usual way back. One naming an account the office does not have stays here, its own.
 *
 * A decided one, and every notice, is named this desk's own (`own:`), as migration 60 named
 * the collection records: never sent, nor are its later changes (the decision's charity
 * adjustment and the actions it reverses still travel). A decision an older version made
 * keeps no supervisor's name (migration 66), which the server judges an insert decided by
 * (server migration 21): it would be refused and withdrawn here. A notice kept here only
 * leaves the other desks counting none sent, the cautious side. Standalone, nothing changes.
 */
export const migration064 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'assistance_applications', a.id, 'insert' FROM assistance_applications a, office_link l
   WHERE a.recorded_at >= l.linked_at AND a.status IN ('pending', 'incomplete')
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'assistance_applications' AND s.local_id = a.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'assistance_applications' AND p.local_id = a.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'assistance_applications', a.id, l.desktop_id || ':' || a.id, 1
    FROM assistance_applications a, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p
                  WHERE p.tbl = 'assistance_applications' AND p.local_id = a.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'assistance_applications' AND s.local_id = a.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'assistance_applications', a.id, 'own:' || a.id, 1
    FROM assistance_applications a, office_link l
   WHERE a.recorded_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'assistance_applications' AND s.local_id = a.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'eca_notices', n.id, 'own:' || n.id, 1 FROM eca_notices n, office_link l
   WHERE n.created_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'eca_notices' AND s.local_id = n.id);

DROP TRIGGER eca_notices_no_delete;
CREATE TRIGGER eca_notices_no_delete BEFORE DELETE ON eca_notices
  WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'notices are kept as sent'); END;
`;
