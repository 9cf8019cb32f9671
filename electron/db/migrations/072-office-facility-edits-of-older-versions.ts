/**
 * Migration 72: the facility edits an older version made at a linked desk travel (see the
 * office design, "A facility edited in Settings").
 *
 * Before this version a facility travelled only as it was added: renamed or given another NPI
 * in Settings, it changed on the desk that did it only. As migration 71 finds an agency's, an
 * edit made here since the link is told by this desk's own audit trail (`saveBillingFacility`
 * naming the facility first in its detail, `{"facilityId":7,…`; an adding names none), not by
 * anything on the row, which keeps no time of its edit. Each facility so edited, but for the
 * main one (id 1, which follows this desk's own letterhead) and this desk's own (a record the
 * office refused), is noted for the outbox as a change from the version this desk holds; the
 * sync worker seals it before it writes any of the office's rows (sync.ts), and the seal sends
 * it alone (outbox.ts). Another desk's edit of the same facility sent first, or an NPI another
 * facility of the office carries, refuses it, listed for a supervisor, and this desk takes the
 * office's. Standalone, nothing changes.
 */
export const migration072 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'facilities', f.id, 'update' FROM facilities f
   WHERE f.id <> 1 AND f.id IN (
       SELECT CAST(substr(x.detail, 15, instr(substr(x.detail, 15), ',') - 1) AS INTEGER)
         FROM audit_log x, office_link l
        WHERE x.method = 'saveBillingFacility' AND x.at >= l.linked_at
          AND x.detail LIKE '{"facilityId":%')
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'facilities' AND s.local_id = f.id AND s.gid LIKE 'own:%')
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'facilities' AND p.local_id = f.id);
`;
