import type { FollowUpId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { queueRank, type RankInput } from '../queue/priority';
import { all, prepare } from '../db/query';

/**
 * The open follow-ups whose deadline is before the day given, with what ranks them. Named
 * index: with the status alone the planner guesses a few hundred rows and reads every
 * open follow-up's row instead.
 */
export const PASSED_DEADLINES = `SELECT id, balance, oldest_open_date AS oldestOpenDate,
    due_date AS dueDate, deadline_date AS deadlineDate, rank
  FROM follow_ups INDEXED BY follow_ups_open_deadline
  WHERE status = 'open' AND deadline_date IS NOT NULL AND deadline_date < ?`;
export const RERANK = `UPDATE follow_ups SET rank = ? WHERE id = ?`;

/**
 * Re-ranks the open follow-ups whose deadline has passed (part of the daily work). They are
 * read from the open deadlines' own index (migration 48), which holds what the rank is
 * worked out from, so a day reads neither a follow-up without a deadline nor a row, and
 * writes only the ranks that changed.
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
