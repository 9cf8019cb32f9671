/**
 * Migration 67: the collection records an older version made at a linked desk travel (see the
 * office design, "An account's own changes").
 *
 * A move to bad debt, an agency, a sending of accounts to one, a placement and an
 * extraordinary collection action made by a version before migration 60 were captured by
 * nothing, so they have no office-wide id and would fall back to `base:<id>`, the first copy's
 * row of that id, which another desk's own row may share. Migration 60 named them this desk's
 * own, never sent: the other desks then held the account "at agency" with no placement to
 * recall, or took an agency of the same name this desk could not hold beside its own. Now
 * each made at or after the link is named by this desk and noted for the outbox as an insert
 * carrying the row as it now stands (undone or recalled included), with the account's status
 * noted beside it, as migration 59 sends an older version's deposit batches: the seal sends
 * them with the next request, parents first and apart from its work (outbox.ts), and a refusal
 * takes the usual way back.
 *
 * Each is told from the first copy's as a batch is by its receipts, not by the clock alone: a
 * move's write-off went out from this desk (the ledger travelled already), and a placement's,
 * sending's and action's history line did (notes always travelled), which no first-copy row's
 * did. An agency has neither: the clock tells it, unless a first-copy sending names it. One
 * made after the link by the clock that fails its test stays this desk's own, as migration 60
 * named it. A desk that passed migration 60 before this one keeps its own rows as they are: by
 * now a row may be its own for another reason too (a record the office refused, kept for what
 * names it), which must not go again. Standalone, nothing changes.
 */
export const migration067 = [
  // an agency named by a sending of the first copy is the first copy's, whatever the clock says
  older(
    'agencies',
    'g',
    'g.created_at',
    `NOT EXISTS (SELECT 1 FROM agency_placement_batches b WHERE b.agency_id = g.id
                  AND NOT ${sendingLineSent('b')})`,
  ),
  older('agency_placement_batches', 'b', 'b.created_at', sendingLineSent('b')),
  older(
    'agency_placements',
    'p',
    '(SELECT b.created_at FROM agency_placement_batches b WHERE b.id = p.batch_id)',
    lineSent(
      'p.account_id',
      '(SELECT b.created_at FROM agency_placement_batches b WHERE b.id = p.batch_id)',
    ),
  ),
  older(
    'bad_debt_moves',
    'm',
    'm.moved_at',
    `EXISTS (SELECT 1 FROM adjustment_requests q
               JOIN sync_rows s ON s.tbl = 'ledger_entries' AND s.local_id = q.ledger_entry_id
              WHERE q.id = m.request_id AND s.gid = l.desktop_id || ':' || q.ledger_entry_id)`,
  ),
  older('extraordinary_actions', 'e', 'e.taken_at', lineSent('e.account_id', 'e.taken_at')),
  // the account's status goes with its records, so another desk no longer holds it open (or
  // "at agency" with nothing to recall): a move or placement refused leaves it on its records
  `INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT 'accounts', a.id, 'update' FROM accounts a
   WHERE a.status IN ('bad_debt', 'agency')
     AND (EXISTS (SELECT 1 FROM outbox_pending p JOIN bad_debt_moves m
                    ON p.tbl = 'bad_debt_moves' AND p.local_id = m.id WHERE m.account_id = a.id)
       OR EXISTS (SELECT 1 FROM outbox_pending p JOIN agency_placements x
                    ON p.tbl = 'agency_placements' AND p.local_id = x.id WHERE x.account_id = a.id))
     AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = 'accounts' AND p.local_id = a.id);`,
].join('\n');

/**
 * Whether the account's history line written with a record at `at` went out from this desk
 * (`l`, the link): every action of the collection cycle writes one in its request, and notes
 * travelled from the first version that linked. The first copy's lines have no sync row. The
 * line is written a moment after the record, by the same clock, so within a minute of it.
 */
export function lineSent(account: string, at: string): string {
  return `EXISTS (SELECT 1 FROM activities act
               JOIN sync_rows s ON s.tbl = 'activities' AND s.local_id = act.id
              WHERE act.account_id = ${account} AND s.gid = l.desktop_id || ':' || act.id
                AND julianday(act.occurred_at) BETWEEN julianday(${at})
                                                  AND julianday(${at}) + 60.0 / 86400)`;
}

/** A sending's: the line of one of its placements went out. */
function sendingLineSent(b: string): string {
  return `EXISTS (SELECT 1 FROM agency_placements x WHERE x.batch_id = ${b}.id
                  AND ${lineSent('x.account_id', `${b}.created_at`)})`;
}

/**
 * One table's rows made at or after the link (`madeAt`, by this desk's clock) with no sync row:
 * those `sent` allows named `<desktop_id>:<id>` and noted as inserts, the rest named `own:<id>`.
 * On a standalone desk (no `office_link` row) it selects nothing.
 */
export function older(tbl: string, alias: string, madeAt: string, sent = '1'): string {
  const noSyncRow = `NOT EXISTS (SELECT 1 FROM sync_rows s WHERE s.tbl = '${tbl}' AND s.local_id = ${alias}.id)`;
  const noted = `EXISTS (SELECT 1 FROM outbox_pending p WHERE p.tbl = '${tbl}' AND p.local_id = ${alias}.id)`;
  return `INSERT INTO outbox_pending (tbl, local_id, op)
  SELECT '${tbl}', ${alias}.id, 'insert' FROM ${tbl} ${alias}, office_link l
   WHERE ${madeAt} >= l.linked_at AND ${sent} AND ${noSyncRow} AND NOT ${noted};
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT '${tbl}', ${alias}.id, l.desktop_id || ':' || ${alias}.id, 1 FROM ${tbl} ${alias}, office_link l
   WHERE ${noted} AND ${noSyncRow};
INSERT INTO sync_rows (tbl, local_id, gid, version)
  SELECT '${tbl}', ${alias}.id, 'own:' || ${alias}.id, 1 FROM ${tbl} ${alias}, office_link l
   WHERE ${madeAt} >= l.linked_at AND ${noSyncRow};`;
}
