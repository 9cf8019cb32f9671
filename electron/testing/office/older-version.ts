import type { Db } from '../../db/open';
import { all, run } from '../../db/query';
import { changes as changesSchema, type Change } from '../../office/wire';

/**
 * What a version before some tables travelled left of their rows at a linked desk: captured
 * by nothing (no office-wide id) and sent with nothing, the rest of each entry as it was.
 * `emptied: 'dropped'` also drops the entries left with no change, as a request that wrote
 * only those rows sealed none then; `'kept'` leaves them, empty, to go out as they are.
 */
export function unsentByAnOlderVersion(
  db: Db,
  tables: readonly Change['tbl'][],
  emptied: 'kept' | 'dropped',
): void {
  for (const t of tables) run(db, `DELETE FROM sync_rows WHERE tbl = ?`, t);
  for (const e of all<{ seq: number; changes: string }>(db, `SELECT seq, changes FROM outbox`)) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => !tables.includes(c.tbl));
    run(db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
  if (emptied === 'dropped') run(db, `DELETE FROM outbox WHERE changes = '[]'`);
}
