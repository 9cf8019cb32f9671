import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contract, type InputOf } from '../../shared/api/contract';
import { isoDate } from '../../shared/dates/iso-date';
import { buildQueueCount, buildQueuePage } from '../queue/query';
import { SCHEMA_VERSION } from './migrations';
import { migration007 } from './migrations/007-open-follow-up-indexes';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';

// the payer and owner indexes of this migration were replaced by migration 45's, the one by
// due date by migration 46's
const QUEUE_INDEXES = ['follow_ups_rank'];

/** What a queue's counts are when they leave the page to the planner's choice. */
const LARGE_QUEUE = { total: 1e6, due: null, owner: null, payer: null, aging: null, kind: null };

/**
 * The queue as people use it: each sort, and the filters these indexes serve (a payer,
 * owner, kind or aging filter reads migration 45's indexes).
 */
const QUEUE_INPUTS: InputOf<'listQueue'>[] = [
  {},
  { sortBy: 'dueDate' },
  { sortBy: 'deadline' },
  { sortBy: 'balance', sortDir: 'asc' },
  { sortBy: 'age' },
  { minBalance: 10_000 },
];

/** A version-6 file holding one open and one finished follow-up. */
function versionSixFile(): string {
  return oldVersionFile(
    6,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't');
    INSERT INTO follow_ups (id, account_id, kind, status, due_date, reason, rank, created_at,
      created_by, completed_at, completed_by)
      VALUES (1, 1, 'account', 'open', '2026-02-01', 'Call the guarantor', 40, 't', 1, NULL, NULL),
             (2, 1, 'account', 'done', '2026-01-15', 'Sent a statement', 10, 't', 1, 't', 1);
  `,
  );
}

describe('migration 7 (open-only work queue indexes)', () => {
  it('keeps every follow-up and leaves the finished ones out of the queue indexes', () => {
    const db = openDatabase(versionSixFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT id, status FROM follow_ups ORDER BY id`).all()).toEqual([
      { id: 1, status: 'open' },
      { id: 2, status: 'done' },
    ]);
    const indexes = db.prepare(`PRAGMA index_list(follow_ups)`).all() as {
      name: string;
      partial: number;
    }[];
    for (const name of QUEUE_INDEXES)
      expect(indexes.find((i) => i.name === name)?.partial, name).toBe(1);
    // one entry each: the open follow-up
    for (const name of QUEUE_INDEXES) {
      const entries = db
        .prepare(`SELECT count(*) AS n FROM follow_ups INDEXED BY ${name} WHERE status = 'open'`)
        .get() as { n: number };
      expect(entries.n, name).toBe(1);
    }
    db.close();
  });

  it('leaves the plan of every work queue query as it was', () => {
    const raw = new Database(versionSixFile());
    const plans = () =>
      QUEUE_INPUTS.map((input) => {
        const parsed = contract.listQueue.input.parse(input);
        const today = isoDate('2026-03-01');
        // a large queue's page; the count of a minimum balance is read from the follow-ups
        const page = buildQueuePage(parsed, today, LARGE_QUEUE);
        const count = buildQueueCount(parsed, today);
        const sqls = parsed.minBalance == null ? [page.sql] : [page.sql, count.sql];
        return sqls.map((sql) =>
          (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(page.params) as { detail: string }[])
            .map((p) => p.detail)
            .join(' | '),
        );
      });
    const before = plans();
    raw.exec(migration007);
    expect(plans()).toEqual(before);
    raw.close();
  });
});
