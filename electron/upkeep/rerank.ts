import type { IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { queueRank, type RankInput } from './priority';

const sweptOn = new WeakMap<Db, IsoDate>();

/**
 * Once a day (per open database), re-ranks the open follow-ups whose deadline has passed,
 * so a missed deadline stops pushing them up the queue. The first queue read of the day
 * pays for it; on 200,000 accounts it touches only the follow-ups with passed deadlines.
 */
export function rerankPassedDeadlines(db: Db, today: IsoDate): number {
  if (sweptOn.get(db) === today) return 0;
  const rows = db
    .prepare(
      `SELECT id, balance, oldest_open_date AS oldestOpenDate, due_date AS dueDate,
         deadline_date AS deadlineDate, rank
       FROM follow_ups WHERE status = 'open' AND deadline_date < ?`,
    )
    .all(today) as (RankInput & { id: number; rank: number })[];
  const update = db.prepare(`UPDATE follow_ups SET rank = ? WHERE id = ?`);
  let changed = 0;
  db.transaction(() => {
    for (const r of rows) {
      const rank = queueRank(r, today);
      if (rank !== r.rank) {
        update.run(rank, r.id);
        changed++;
      }
    }
  })();
  sweptOn.set(db, today);
  return changed;
}
