/**
 * A deposit batch's number as every desk of an office shows it, in SQL over the batch row
 * `alias`. Standalone, and for the office's first copy, it is the batch's id ("Batch 3"). A
 * batch opened at a desk after it joined an office has another local id at each desk that
 * took it, so it is numbered from its office-wide id instead, `<desk uuid>:<id there>`: its
 * id at the desk that opened it and that desk's first six hex digits ("Batch 3-7F2A9C"), the
 * same on every desk, so people telling each other a batch's number mean one batch. Six
 * digits: with four, two desks of a fifty-desk office would share them one time in fifty.
 * A batch kept as this desk's own (`own:`, never sent) is shown by its id here.
 */
export function batchNumberSql(alias: string): string {
  // a batch opened in this very request has no office-wide id until the request commits
  // (outbox.ts names it then), but is already noted for the outbox: numbered as it will be
  return `coalesce((SELECT CASE
      WHEN s.gid LIKE 'own:%' THEN NULL
      WHEN s.gid LIKE 'base:%' THEN substr(s.gid, 6)
      ELSE substr(s.gid, instr(s.gid, ':') + 1) || '-' || upper(substr(s.gid, 1, 6)) END
    FROM sync_rows s WHERE s.tbl = 'deposit_batches' AND s.local_id = ${alias}.id),
    (SELECT ${alias}.id || '-' || upper(substr(l.desktop_id, 1, 6)) FROM office_link l
      WHERE l.id = 1 AND EXISTS (SELECT 1 FROM outbox_pending p
        WHERE p.tbl = 'deposit_batches' AND p.local_id = ${alias}.id AND p.op = 'insert')),
    CAST(${alias}.id AS TEXT))`;
}
