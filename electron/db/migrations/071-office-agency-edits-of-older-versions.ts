/**
 * Migration 71: the agency edits an older version made at a linked desk travel (see the office
 * design, "An account's own changes").
 *
 * Before this version an agency travelled only as it was added: its later edits in Settings
 * (renamed, its commission, remittance or file layout changed, set to take no new accounts)
 * stayed on the desk that made them. Since nothing but the adding travelled, an agency this
 * desk holds with its last edit later than its adding was edited here; each such edit made
 * since the link, of an agency the office has or the first copy's (not this desk's own), is
 * noted for the outbox as a change from the version this desk holds, which the seal sends
 * alone (outbox.ts). Another desk's edit of the same agency, sent first after its own
 * upgrade, refuses it, listed for a supervisor, and this desk takes the office's. Standalone,
 * nothing changes.
 */
export const migration071 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'agencies', g.id, 'update' FROM agencies g, office_link l
   WHERE g.updated_at > g.created_at AND g.updated_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s
                      WHERE s.tbl = 'agencies' AND s.local_id = g.id AND s.gid LIKE 'own:%')
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p
                      WHERE p.tbl = 'agencies' AND p.local_id = g.id);
`;
