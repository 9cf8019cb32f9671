import type { ReadDb } from '../db/open';
import { localIdOf } from './gids';
import type { ServerRow } from './wire';

/**
 * A request another desk decided names what its approval posted. The posting comes before it
 * in the change log, but a desk whose own decision of the request was refused takes the
 * office's record of it at once, before its pull brings that posting: the request then waits
 * in sync_held, its desk's own decision withdrawn, until the posting is here (take.ts).
 */
export function awaitsItsPosting(db: ReadDb, r: ServerRow): boolean {
  if (r.tbl !== 'adjustment_requests') return false;
  const { ledgerEntryGid: entry, receiptGid: receipt } = r.row;
  return (
    (entry !== null && localIdOf(db, 'ledger_entries', entry) === undefined) ||
    (receipt !== null && localIdOf(db, 'receipts', receipt) === undefined)
  );
}
