/**
 * Migration 62: the contact rules and statement holds between the desks of an office.
 *
 * A contact restriction and a collection hold travel as recorded, and later their lifting or
 * closing (see the office design, "Contact rules and statement holds"); a release of a hold
 * for the next statement travels as made. A restriction is kept as recorded and lifted once:
 * still so, but for the sync worker (the capture off), which writes the office's row over
 * this desk's when another desk lifted it first and this desk's lifting was refused. A
 * release is kept as made, but for the sync worker, which withdraws one the office refused
 * (its account refused with it).
 *
 * Those an older version made at a linked desk were never captured, so they have no
 * office-wide id and would fall back to `base:<id>`, the first copy's row of that id, which
 * another desk's own row may share: a lifting or closing sent now would land on that row
 * there. Each made at or after the link is named this desk's own (`own:`), never sent, nor
 * its later change, as migration 60 did for the collection records.
 */
export const migration062 = `
DROP TRIGGER contact_restrictions_lift_once;
CREATE TRIGGER contact_restrictions_lift_once BEFORE UPDATE ON contact_restrictions
WHEN (SELECT capture FROM office_link) IS NOT 0 AND (OLD.lifted_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id
  OR NEW.person_id IS NOT OLD.person_id OR NEW.kind IS NOT OLD.kind
  OR NEW.effective_date IS NOT OLD.effective_date OR NEW.recorded_at IS NOT OLD.recorded_at)
BEGIN SELECT RAISE(ABORT, 'a contact restriction is kept as recorded; it may be lifted once'); END;
DROP TRIGGER statement_hold_releases_no_delete;
CREATE TRIGGER statement_hold_releases_no_delete BEFORE DELETE ON statement_hold_releases
  WHEN (SELECT capture FROM office_link) IS NOT 0
BEGIN SELECT RAISE(ABORT, 'hold releases are kept as made'); END;

INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'contact_restrictions', r.id, 'own:' || r.id, 1 FROM contact_restrictions r, office_link l
   WHERE r.recorded_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'contact_restrictions' AND s.local_id = r.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'collection_holds', h.id, 'own:' || h.id, 1 FROM collection_holds h, office_link l
   WHERE h.opened_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'collection_holds' AND s.local_id = h.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'statement_hold_releases', r.id, 'own:' || r.id, 1
    FROM statement_hold_releases r, office_link l
   WHERE r.released_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'statement_hold_releases' AND s.local_id = r.id);
`;
