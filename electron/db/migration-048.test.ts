import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { queueRank } from '../queue/priority';
import { PASSED_DEADLINES, rerankPassedDeadlines } from '../upkeep/rerank';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all } from './query';

/**
 * A version-47 file: open follow-ups with a deadline passed, one still ahead, one with none,
 * and a finished one whose deadline passed; each ranked as on 2026-05-01, when every
 * deadline still counted.
 */
function versionFortySevenFile(): string {
  const f = (id: number, status: string, deadline: string, rank: number) =>
    `(${id}, ${id}, 'denial', '${status}', '2026-05-01', ${deadline}, 50000, '2026-01-01',
      ${rank}, 't', 1)`;
  const accounts = [1, 2, 3, 4].map(
    (id) => `(${id}, 'A${id}', 1, 1, '2026-01-02', 'self_pay', 't')`,
  );
  return oldVersionFile(
    47,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES ${accounts.join(', ')};
    INSERT INTO follow_ups (id, account_id, kind, status, due_date, deadline_date, balance,
        oldest_open_date, rank, created_at, created_by)
      VALUES ${[
        f(1, 'open', `'2026-05-20'`, -100),
        f(2, 'open', `'2026-07-01'`, -200),
        f(3, 'open', 'NULL', -300),
        f(4, 'done', `'2026-05-20'`, -400),
      ].join(', ')};
  `,
  );
}

describe('migration 48: open follow-ups by deadline', () => {
  it('holds only the open follow-ups with a deadline, and the re-rank reads them from it alone', () => {
    const db = openDatabase(versionFortySevenFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      const index = all<{ name: string; partial: number }>(db, `PRAGMA index_list(follow_ups)`);
      expect(index.find((i) => i.name === 'follow_ups_open_deadline')?.partial).toBe(1);
      const inIndex = all<{ id: number }>(
        db,
        `SELECT id FROM follow_ups INDEXED BY follow_ups_open_deadline
           WHERE status = 'open' AND deadline_date IS NOT NULL ORDER BY deadline_date`,
      );
      expect(inIndex.map((r) => r.id)).toEqual([1, 2]);

      const today = isoDate('2026-06-15');
      const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${PASSED_DEADLINES}`, today);
      expect(plan.map((p) => p.detail)).toEqual([
        'SEARCH follow_ups USING COVERING INDEX follow_ups_open_deadline (deadline_date>? AND deadline_date<?)',
      ]);
      // the passed one open follow-up is re-ranked; the finished one and the rest are left
      expect(rerankPassedDeadlines(db, today)).toBe(1);
      const ranks = all<{ id: number; rank: number }>(
        db,
        `SELECT id, rank FROM follow_ups ORDER BY id`,
      );
      const passed = queueRank(
        {
          balance: 50_000,
          oldestOpenDate: isoDate('2026-01-01'),
          dueDate: isoDate('2026-05-01'),
          deadlineDate: isoDate('2026-05-20'),
        },
        today,
      );
      expect(ranks).toEqual([
        { id: 1, rank: passed },
        { id: 2, rank: -200 },
        { id: 3, rank: -300 },
        { id: 4, rank: -400 },
      ]);
    } finally {
      db.close();
    }
  });
});
