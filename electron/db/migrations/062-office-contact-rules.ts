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
 * another desk's own row may share. A cease-contact request or a dispute kept here alone
 * would let the other desks go on calling and billing, so each made at or after the link is
 * named by this desk now and noted for the outbox as an insert, carrying the row as it now
 * stands (lifted or closed included), as migration 59 sends an older version's batches: it
 * goes with the next request, in an entry of its own (outbox.ts), and one the office refuses
 * takes the usual way back. One naming an account the office does not have (its own) stays
 * here, its own, as the seal leaves it. The first copy's rows are told from them by the
 * clock alone: nothing else of theirs travelled, and the first copy's never did either.
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

INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'contact_restrictions', r.id, 'insert' FROM contact_restrictions r, office_link l
   WHERE r.recorded_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'contact_restrictions' AND s.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'contact_restrictions' AND p.local_id = r.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'contact_restrictions', r.id, l.desktop_id || ':' || r.id, 1 FROM contact_restrictions r, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'contact_restrictions' AND p.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'contact_restrictions' AND s.local_id = r.id);
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'collection_holds', h.id, 'insert' FROM collection_holds h, office_link l
   WHERE h.opened_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'collection_holds' AND s.local_id = h.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'collection_holds' AND p.local_id = h.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'collection_holds', h.id, l.desktop_id || ':' || h.id, 1 FROM collection_holds h, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'collection_holds' AND p.local_id = h.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'collection_holds' AND s.local_id = h.id);
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'statement_hold_releases', r.id, 'insert' FROM statement_hold_releases r, office_link l
   WHERE r.released_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'statement_hold_releases' AND s.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'statement_hold_releases' AND p.local_id = r.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'statement_hold_releases', r.id, l.desktop_id || ':' || r.id, 1 FROM statement_hold_releases r, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'statement_hold_releases' AND p.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'statement_hold_releases' AND s.local_id = r.id);
`;
