/**
 * Migration 61: denials travel from this version on (electron/office/DESIGN.md, "Denials").
 * A denial an older version recorded at a linked desk was never captured, so it has no
 * office-wide id and would fall back to `base:<id>`, the name of the first copy's denial of
 * that id, which is another claim's denial on the other desks: its first change would have
 * overwritten that one there. Each such denial (recorded at or after the link, and
 * tracked by a follow-up this desk or another opened after joining, which no denial of the
 * first copy is, in case the clocks disagree) is named by this desk now and noted for the
 * outbox, so it goes, in an entry of its own, with the next request. Standalone, nothing
 * changes. The payer's answers recorded on it before stay on this desk.
 */
export const migration061 = `
INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'denials', d.id, 'insert' FROM denials d, office_link l
   WHERE d.created_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'denials' AND s.local_id = d.id)
     AND EXISTS (SELECT 1 FROM sync_rows f WHERE f.tbl = 'follow_ups'
           AND f.local_id = d.follow_up_id AND f.gid NOT LIKE 'base:%')
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'denials' AND p.local_id = d.id);

INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'denials', d.id, l.desktop_id || ':' || d.id, 1 FROM denials d, office_link l
   WHERE EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'denials' AND p.local_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'denials' AND s.local_id = d.id);
`;
