import type { Db } from '../db/open';
import { QUEUE_COUNTS_FILL } from '../db/migrations/046-queue-counts';
import { oneOrThrow, run } from '../db/query';

/** The counts kept, added up, and the open follow-ups counted. */
export const COUNTS_CHECK = `SELECT (SELECT ifnull(sum(n), 0) FROM queue_counts) AS kept,
    (SELECT count(*) FROM follow_ups WHERE status = 'open') AS open`;

/**
 * Counts the work queue's follow-ups again when the counts the triggers keep (migration
 * 46) do not add up to the open follow-ups, as in a file written with its triggers off
 * (the bench's fast build writes a database that way) or by a tool that dropped them
 * (part of the daily work). Returns whether it had to.
 */
export function recountQueueIfOff(db: Db): boolean {
  const { kept, open } = oneOrThrow<{ kept: number; open: number }>(db, COUNTS_CHECK);
  if (kept === open) return false;
  run(db, `DELETE FROM queue_counts`);
  run(db, QUEUE_COUNTS_FILL);
  return true;
}
