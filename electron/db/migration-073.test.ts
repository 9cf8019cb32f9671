import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { ACCOUNT_A100, oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, run } from './query';

/** A version-71 file with a claim and the two status events a 277 recorded on it. */
function versionSeventyOneFile(): string {
  return oldVersionFile(
    71,
    `${ACCOUNT_A100}
    INSERT INTO claims (id, claim_number, account_id, payer_id, status, total_charge, created_at)
      VALUES (1, 'C100', 1, 1, 'rejected', 12500, 't');
    INSERT INTO import_files (id, kind, file_name, sha256, byte_size, status, summary, report,
        imported_at, imported_by)
      VALUES (7, '277', 'status.277', 'abc', 10, 'posted', 's', '{}', 't', 1);
    INSERT INTO claim_status_events (id, claim_id, import_file_id, category, status_code,
        effective_date, meaning, recorded_at)
      VALUES (1, 1, 7, 'A7', '21', '2026-02-01', 'Rejected: missing information', 't1'),
             (2, 1, 7, 'A7', NULL, NULL, 'Rejected', 't1');
  `,
  );
}

describe("migration 73: a 277's status events may come from another desk", () => {
  it('keeps every event with its file, and takes one that names no file', () => {
    const db = openDatabase(versionSeventyOneFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(
        all(
          db,
          `SELECT id, claim_id AS claim, import_file_id AS file, category, status_code AS code,
             effective_date AS effective, meaning, recorded_at AS at
           FROM claim_status_events ORDER BY id`,
        ),
      ).toEqual([
        {
          id: 1,
          claim: 1,
          file: 7,
          category: 'A7',
          code: '21',
          effective: '2026-02-01',
          meaning: 'Rejected: missing information',
          at: 't1',
        },
        {
          id: 2,
          claim: 1,
          file: 7,
          category: 'A7',
          code: null,
          effective: null,
          meaning: 'Rejected',
          at: 't1',
        },
      ]);
      // each keeps its file's SHA-256, by which the same file imported again is known
      expect(all(db, `SELECT DISTINCT file_sha256 AS sha FROM claim_status_events`)).toEqual([
        { sha: 'abc' },
      ]);
      run(
        db,
        `INSERT INTO claim_status_events (claim_id, category, meaning, recorded_at)
           VALUES (1, 'A2', 'Accepted', 't2')`,
      );
      expect(
        all(db, `SELECT import_file_id AS file FROM claim_status_events WHERE id = 3`),
      ).toEqual([{ file: null }]);
      // still a claim's own, and still read by claim
      expect(() =>
        run(
          db,
          `INSERT INTO claim_status_events (claim_id, category, meaning, recorded_at)
             VALUES (99, 'A2', 'Accepted', 't2')`,
        ),
      ).toThrow(/FOREIGN KEY/);
      expect(
        all<{ name: string }>(db, `PRAGMA index_list(claim_status_events)`).map((i) => i.name),
      ).toContain('claim_status_events_claim');
    } finally {
      db.close();
    }
  });
});
