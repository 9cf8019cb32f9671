import { describe, expect, it } from 'vitest';
import { recountQueueIfOff } from '../upkeep/queue-counts';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion, type Db } from './open';
import { all, run } from './query';

/**
 * A version-45 file: two payers' open follow-ups due on two days, one unassigned and with
 * nothing open (no payer, no bucket), and a finished one that is not counted.
 */
function versionFortyFiveFile(): string {
  // one open follow-up of a kind per account
  const f = (id: number, kind: string, status: string, due: string, rest: string) =>
    `(${id}, ${Math.ceil(id / 2)}, '${kind}', '${status}', '${due}', ${rest}, 't', 1)`;
  return oldVersionFile(
    45,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO payers (id, payer_code, name, financial_class, timely_filing_days,
      appeal_window_days) VALUES
      (1, 'P1', 'Payer One', 'commercial', 90, 180), (2, 'P2', 'Payer Two', 'medicare', 365, 120);
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A100', 1, 1, '2026-01-02', 'self_pay', 't'),
      (2, 'A200', 1, 1, '2026-01-02', 'self_pay', 't'), (3, 'A300', 1, 1, '2026-01-02', 'self_pay', 't');
    INSERT INTO follow_ups (id, account_id, kind, status, due_date, payer_id, owner_id,
        aging_bucket, created_at, created_by)
      VALUES ${[
        f(1, 'denial', 'open', '2026-03-01', `1, 1, 'current'`),
        f(2, 'claim_status', 'open', '2026-03-01', `1, 1, 'current'`),
        f(3, 'denial', 'open', '2026-03-02', `2, 1, 'd31_60'`),
        f(4, 'account', 'open', '2026-03-02', 'NULL, NULL, NULL'),
        f(5, 'denial', 'done', '2026-03-01', `1, 1, 'current'`),
      ].join(', ')};
  `,
  );
}

/** The counts as kept, and as counted from the follow-ups. */
function keptAndCounted(db: Db) {
  const kept = all(
    db,
    `SELECT due_date, payer_id, kind, owner_id, aging_bucket, n FROM queue_counts
      ORDER BY 1, 2, 3, 4, 5`,
  );
  const counted = all(
    db,
    `SELECT due_date, ifnull(payer_id, 0) AS payer_id, kind, ifnull(owner_id, 0) AS owner_id,
       ifnull(aging_bucket, '') AS aging_bucket, count(*) AS n
     FROM follow_ups WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  );
  return { kept, counted };
}

describe("migration 46: the work queue's counts", () => {
  it('counts the open follow-ups by key, and its triggers keep each change counted', () => {
    const db = openDatabase(versionFortyFiveFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(all(db, `SELECT * FROM queue_counts ORDER BY due_date, kind`)).toEqual([
        {
          due_date: '2026-03-01',
          payer_id: 1,
          kind: 'claim_status',
          owner_id: 1,
          aging_bucket: 'current',
          n: 1,
        },
        {
          due_date: '2026-03-01',
          payer_id: 1,
          kind: 'denial',
          owner_id: 1,
          aging_bucket: 'current',
          n: 1,
        },
        {
          due_date: '2026-03-02',
          payer_id: 0,
          kind: 'account',
          owner_id: 0,
          aging_bucket: '',
          n: 1,
        },
        {
          due_date: '2026-03-02',
          payer_id: 2,
          kind: 'denial',
          owner_id: 1,
          aging_bucket: 'd31_60',
          n: 1,
        },
      ]);
      const changes = [
        // a second under a key that has one, and a new key
        `INSERT INTO follow_ups (account_id, kind, due_date, payer_id, owner_id, aging_bucket,
           created_at, created_by) VALUES (1, 'callback', '2026-03-01', 1, 1, 'current', 't', 1),
           (2, 'callback', '2026-03-05', NULL, NULL, NULL, 't', 1)`,
        `UPDATE follow_ups SET status = 'done' WHERE id = 1`,
        `UPDATE follow_ups SET status = 'open' WHERE id = 5`,
        `UPDATE follow_ups SET due_date = '2026-03-09', owner_id = NULL WHERE id = 2`,
        `UPDATE follow_ups SET payer_id = 1, aging_bucket = 'over120' WHERE id = 4`,
        // rewritten as the upkeep does, unchanged: nothing moves
        `UPDATE follow_ups SET payer_id = payer_id, aging_bucket = aging_bucket, rank = 7`,
        `UPDATE follow_ups SET kind = 'statement' WHERE id = 3`,
        `DELETE FROM follow_ups WHERE id IN (3, 1)`,
      ];
      for (const sql of changes) {
        run(db, sql);
        const { kept, counted } = keptAndCounted(db);
        expect(kept, sql).toEqual(counted);
      }
      // a key's row goes with its last follow-up
      expect(all(db, `SELECT * FROM queue_counts WHERE n < 1`)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('counts again when the kept counts do not add up, as after a write with triggers off', () => {
    const db = openDatabase(versionFortyFiveFile());
    try {
      expect(recountQueueIfOff(db)).toBe(false);
      run(db, `DELETE FROM queue_counts WHERE kind = 'denial'`);
      expect(recountQueueIfOff(db)).toBe(true);
      const { kept, counted } = keptAndCounted(db);
      expect(kept).toEqual(counted);
    } finally {
      db.close();
    }
  });
});
