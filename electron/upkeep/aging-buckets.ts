import type { FollowUpId } from '../../shared/ids';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { all, prepare } from '../db/query';
import { agingBucketOf } from './queue-columns';

/** A bucket's open follow-ups whose oldest open date is before the day given. */
export const PAST_BUCKET = `SELECT id, oldest_open_date AS oldestOpenDate FROM follow_ups
  WHERE status = 'open' AND aging_bucket = ? AND oldest_open_date < ?`;
export const MOVE_TO_BUCKET = `UPDATE follow_ups SET aging_bucket = ? WHERE id = ?`;

/**
 * Moves open follow-ups on to the aging bucket their oldest open amount has reached
 * (part of the daily work). Each bucket's follow-ups past its last day are read from the
 * bucket's own index, so a day touches only the follow-ups that crossed a boundary.
 */
export function moveAgingBuckets(db: Db, today: IsoDate): number {
  const update = prepare(db, MOVE_TO_BUCKET);
  let moved = 0;
  for (const bucket of AGING_BUCKETS) {
    if (bucket.maxDays === null) continue;
    const rows = all<{ id: FollowUpId; oldestOpenDate: IsoDate }>(
      db,
      PAST_BUCKET,
      bucket.key,
      addDays(today, -bucket.maxDays),
    );
    for (const r of rows) {
      update.run(agingBucketOf(r.oldestOpenDate, today), r.id);
      moved++;
    }
  }
  return moved;
}
