/**
 * Migration 76: a request waiting for a supervisor's approval and its decision travel between
 * the desks of an office from this version on (see the office design, "A request waiting for
 * approval"). The table is unchanged: a request taken from another desk names its accounts,
 * entries and people by this copy's ids, as every record does.
 *
 * What an older version did at a linked desk was captured by nothing, so those requests have
 * no office-wide id and would fall back to `base:<id>`, the name of the first copy's request
 * of that id, which another desk's own request may share. As migration 64 sends the waiting
 * financial-assistance applications:
 *
 * - a request filed here since the link (told from the first copy's by the clock alone) and
 *   still waiting is named by this desk now and noted for the outbox as an insert; the sync
 *   worker seals it before it writes any of the office's rows (sync.ts), each alone
 *   (outbox.ts), so a supervisor at any desk sees it. One naming a record the office does not
 *   have (this desk's own) stays here, its own;
 * - one filed here since the link and decided already is named this desk's own (`own:`),
 *   never sent: its posting went to the office when it was posted, and the request itself is
 *   of no use to another desk now;
 * - a request of the first copy (every desk holds it, waiting) that a supervisor decided here
 *   since the link has its decision noted as a change from version 1, so no other desk decides
 *   it again and posts it twice. Its posting reached the office when it was made; another
 *   desk's decision of it sent first refuses this one, listed, saying what was posted twice.
 *
 * Standalone, nothing changes.
 */
export const migration076 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'adjustment_requests', r.id, 'insert' FROM adjustment_requests r, office_link l
   WHERE r.requested_at >= l.linked_at AND r.status = 'pending'
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'adjustment_requests' AND s.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'adjustment_requests' AND p.local_id = r.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'adjustment_requests', r.id, l.desktop_id || ':' || r.id, 1
    FROM adjustment_requests r, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p
                  WHERE p.tbl = 'adjustment_requests' AND p.local_id = r.id AND p.op = 'insert')
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'adjustment_requests' AND s.local_id = r.id);
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'adjustment_requests', r.id, 'own:' || r.id, 1 FROM adjustment_requests r, office_link l
   WHERE r.requested_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'adjustment_requests' AND s.local_id = r.id);
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'adjustment_requests', r.id, 'update' FROM adjustment_requests r, office_link l
   WHERE r.requested_at < l.linked_at AND r.status <> 'pending' AND r.decided_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'adjustment_requests' AND s.local_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'adjustment_requests' AND p.local_id = r.id);
`;
