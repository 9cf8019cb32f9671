import type { Db } from '../db/open';
import { run } from '../db/query';
import { localIdOf } from './gids';
import type { Change } from './wire';

/**
 * A refused decision of a request the office holds no row of: one of the first copy, which
 * reaches the server only with its first decision, so a refusal (its target reversed at
 * another desk first, or a decider the office does not know as a supervisor) brings nothing
 * back to take. The request waits again here, as it does at the office and every other desk,
 * rather than read decided with nothing posted and no way to decide it again; its next
 * decision starts from the version it started from (take-refused.ts, startAgainFrom). Only
 * once what the decision posted is gone: a posting that stands here (other work names it,
 * or an older version sent it before the decision could travel) keeps its decision beside
 * it, listed, so it is not approved and posted a second time.
 */
export function settleRefusedRequests(
  db: Db,
  changes: readonly Change[],
  taken: ReadonlySet<string>,
): void {
  for (const c of changes) {
    if (c.tbl !== 'adjustment_requests' || c.op !== 'update') continue;
    if (taken.has(`${c.tbl} ${c.gid}`)) continue;
    const id = localIdOf(db, c.tbl, c.gid);
    if (id === undefined) continue;
    // what an approval posted and still stands here (an older version's, sent long before its
    // decision) keeps the decision beside it: withdrawn, the request names it no more
    run(
      db,
      `UPDATE adjustment_requests SET status = 'pending', decided_at = NULL, decided_by = NULL,
         decision_note = NULL WHERE id = ? AND ledger_entry_id IS NULL AND receipt_id IS NULL`,
      id,
    );
  }
}
