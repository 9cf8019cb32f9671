import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { isoDate } from '../../shared/dates/iso-date';
import { buildQueueCount, buildQueuePage, type QueueCounts } from '../queue/query';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, oneOrThrow } from './query';

/**
 * A version-44 file with open follow-ups whose oldest amounts are 10, 100 and 400 days
 * old today, one with nothing open, and a finished one.
 */
function versionFortyFourFile(): string {
  // one open follow-up of a kind per account
  const kinds = ['account', 'callback', 'claim_status', 'statement', 'account'];
  const f = (id: number, status: string, oldest: string) =>
    `(${id}, 1, '${kinds[id - 1]}', '${status}', '2026-01-01', ${id}, ${oldest}, 't', 1)`;
  return oldVersionFile(
    44,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't');
    INSERT INTO follow_ups (id, account_id, kind, status, due_date, rank, oldest_open_date,
        created_at, created_by)
      VALUES ${[
        f(1, 'open', `date('now', 'localtime', '-10 days')`),
        f(2, 'open', `date('now', 'localtime', '-100 days')`),
        f(3, 'open', `date('now', 'localtime', '-400 days')`),
        f(4, 'open', 'NULL'),
        f(5, 'done', `date('now', 'localtime', '-100 days')`),
      ].join(', ')};
  `,
  );
}

describe("migration 45: the work queue's filters in rank order", () => {
  it("puts each open follow-up in today's aging bucket and reads a filter from its index", () => {
    const db = openDatabase(versionFortyFourFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(all(db, `SELECT id, aging_bucket AS bucket FROM follow_ups ORDER BY id`)).toEqual([
        { id: 1, bucket: 'current' },
        { id: 2, bucket: 'd91_120' },
        { id: 3, bucket: 'over120' },
        { id: 4, bucket: null },
        { id: 5, bucket: null },
      ]);
      const indexes = all<{ name: string; partial: number }>(db, `PRAGMA index_list(follow_ups)`);
      const names = indexes.map((i) => i.name);
      expect(names).not.toContain('follow_ups_payer');
      expect(names).not.toContain('follow_ups_owner');
      for (const name of ['payer', 'owner', 'kind', 'aging'].map((k) => `follow_ups_${k}_rank`))
        expect(indexes.find((i) => i.name === name)?.partial, name).toBe(1);

      const denials = all<{ name: string; partial: number }>(db, `PRAGMA index_list(denials)`);
      expect(denials.find((i) => i.name === 'denials_unresolved')?.partial).toBe(1);
      const accounts = all<{ name: string; partial: number }>(db, `PRAGMA index_list(accounts)`);
      for (const name of ['accounts_owing', 'accounts_owing_number'])
        expect(accounts.find((i) => i.name === name)?.partial, name).toBe(1);

      const input = contract.listQueue.input.parse({ kind: 'callback', agingBucket: 'd91_120' });
      const today = isoDate('2026-06-15');
      const count = buildQueueCount(input, today);
      expect(oneOrThrow<QueueCounts>(db, count.sql, count.params).total).toBe(1);
      // read in rank order, as a queue too large to sort is (the counts name no filter)
      const large = { total: 1e6, due: null, owner: null, payer: null, aging: null, kind: null };
      const q = buildQueuePage(input, today, large);
      expect(all<{ id: number }>(db, q.sql, q.params).map((r) => r.id)).toEqual([2]);
      const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${q.sql}`, q.params);
      expect(plan[0]?.detail).toMatch(/follow_ups_aging_rank \(status=\? AND aging_bucket=\?\)/);
    } finally {
      db.close();
    }
  });
});
