/**
 * Migration 71: the agency edits an older version made at a linked desk travel (see the office
 * design, "An agency edited in Settings").
 *
 * Before this version an agency travelled only as it was added: its later edits in Settings
 * (renamed, its commission, remittance or file layout changed, set to take no new accounts)
 * stayed on the desk that made them. An edit made here since the link is told by this desk's
 * own audit trail, which records every request with what it asked (`saveAgency` naming the
 * agency first in its detail, `{"agencyId":7,…`): not by the row's times, which an agency
 * another desk's upgrade sent as it then stood (migration 67) carries too, though nobody here
 * edited it. Each agency so edited, but for this desk's own (a record the office refused), is
 * noted for the outbox as a change from the version this desk holds; the sync worker seals it
 * as this desk left it before it writes any of the office's rows (sync.ts), and the seal sends
 * it alone (outbox.ts). Another desk's edit of the same agency, sent first, refuses it, listed
 * for a supervisor, and this desk takes the office's. Standalone, nothing changes.
 */
export const migration071 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'agencies', g.id, 'update' FROM agencies g
   WHERE g.id IN (
       SELECT CAST(substr(x.detail, 13, instr(substr(x.detail, 13), ',') - 1) AS INTEGER)
         FROM audit_log x, office_link l
        WHERE x.method = 'saveAgency' AND x.at >= l.linked_at
          AND x.detail LIKE '{"agencyId":%')
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'agencies' AND s.local_id = g.id AND s.gid LIKE 'own:%')
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'agencies' AND p.local_id = g.id);
`;
