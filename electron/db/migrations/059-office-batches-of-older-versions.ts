/**
 * Migration 59: deposit batches travel from this version on (electron/office/DESIGN.md,
 * "What posting writes beside the ledger"). A batch an older version opened at a linked
 * desk was never captured, so it has no office-wide id, and would fall back to `base:<id>`,
 * the name of the first copy's batch of that id, which another desk's own batch shares.
 * Each such batch (opened at or after the link, as the first copy's were not, and holding no
 * receipt of the first copy, which has no sync row, in case the clocks disagree) is named by
 * this desk now and noted for the outbox, so it goes, alone and ahead of the money, with the next
 * request. The receipts already here went out naming no batch, so the office does not hold
 * them in any: `receipts_batched_from` is the first receipt id that can have gone out naming
 * its batch, and a closing counts only those (batch-closings.ts). A copy linked after this
 * version keeps 0: every receipt it sends names its batch. Standalone, nothing changes.
 */
export const migration059 = `
ALTER TABLE office_link ADD COLUMN receipts_batched_from INTEGER NOT NULL DEFAULT 0;
UPDATE office_link SET receipts_batched_from = (SELECT ifnull(max(id), 0) + 1 FROM receipts);

INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'deposit_batches', b.id, 'insert' FROM deposit_batches b, office_link l
   WHERE b.created_at >= l.linked_at
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'deposit_batches' AND s.local_id = b.id)
     AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.batch_id = b.id AND NOT EXISTS
           (SELECT 1 FROM sync_rows s WHERE s.tbl = 'receipts' AND s.local_id = r.id))
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'deposit_batches' AND p.local_id = b.id);

INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT 'deposit_batches', b.id, l.desktop_id || ':' || b.id, 1 FROM deposit_batches b, office_link l
   WHERE b.created_at >= l.linked_at
     AND EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'deposit_batches' AND p.local_id = b.id)
     AND NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = 'deposit_batches' AND s.local_id = b.id);
`;
