import type { FollowUpId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { queueRank, type RankInput } from '../queue/priority';
import { all, prepare } from '../db/query';

/** The open follow-ups whose deadline is before the day given, with what ranks them. */
export const PASSED_DEADLINES = `SELECT id, balance, oldest_open_date AS oldestOpenDate,
    due_date AS dueDate, deadline_date AS deadlineDate, rank
  FROM follow_ups WHERE status = 'open' AND deadline_date < ?`;
export const RERANK = `UPDATE follow_ups SET rank = ? WHERE id = ?`;

/**
 * Re-ranks the open follow-ups whose deadline has passed (part of the daily work); on
 * 200,000 accounts it touches only the follow-ups with passed deadlines.
 */
export function rerankPassedDeadlines(db: Db, today: IsoDate): number {
  const rows = all<RankInput & { id: FollowUpId; rank: number }>(db, PASSED_DEADLINES, today);
  const update = prepare(db, RERANK);
  let changed = 0;
  for (const r of rows) {
    const rank = queueRank(r, today);
    if (rank !== r.rank) {
      update.run(rank, r.id);
      changed++;
    }
  }
  return changed;
}
