import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/**
 * A version-59 file: account 1 in bad debt with $30.00 recovered since (a $10.00 recovery
 * reversed with its payment), account 2 moved, recovered on and undone.
 */
function versionFiftyNineFile(): string {
  return oldVersionFile(
    59,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'sup', 'Sue Sup', 'supervisor', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, status, created_at)
      VALUES (1, 'A1', 1, 1, '2025-06-01', 'self_pay', 'bad_debt', 't'),
             (2, 'A2', 1, 1, '2025-07-01', 'self_pay', 'open', 't');
    INSERT INTO adjustment_requests (id, kind, account_id, side, amount, reason_code, memo,
        requested_at, requested_by)
      VALUES (1, 'write_off', 1, 'patient', 5000, 'BAD_DEBT', 'Gone', '2026-01-01T10:00:00Z', 1),
             (2, 'write_off', 2, 'patient', 5000, 'BAD_DEBT', 'Gone', '2026-01-01T10:00:00Z', 1);
    INSERT INTO ledger_entries (id, account_id, kind, side, amount, posting_date, reason_code,
        reverses_id, created_at, created_by)
      VALUES (1, 1, 'charge', 'patient', 5000, '2025-06-01', NULL, NULL, '2025-06-01T10:00:00Z', 1),
             (2, 1, 'adjustment', 'patient', -5000, '2026-01-02', 'BAD_DEBT', NULL,
              '2026-01-02T10:00:00Z', 1),
             (3, 1, 'adjustment', 'patient', 3000, '2026-02-01', 'BAD_DEBT_RECOVERY', NULL,
              '2026-02-01T10:00:00Z', 1),
             (4, 1, 'adjustment', 'patient', 1000, '2026-02-02', 'BAD_DEBT_RECOVERY', NULL,
              '2026-02-02T10:00:00Z', 1),
             (5, 1, 'adjustment', 'patient', -1000, '2026-02-03', 'BAD_DEBT_RECOVERY', 4,
              '2026-02-03T10:00:00Z', 1),
             (6, 2, 'charge', 'patient', 5000, '2025-07-01', NULL, NULL, '2025-07-01T10:00:00Z', 1),
             (7, 2, 'adjustment', 'patient', -5000, '2026-01-02', 'BAD_DEBT', NULL,
              '2026-01-02T10:00:00Z', 1),
             (8, 2, 'adjustment', 'patient', 2000, '2026-02-01', 'BAD_DEBT_RECOVERY', NULL,
              '2026-02-01T10:00:00Z', 1);
    INSERT INTO bad_debt_moves (id, account_id, request_id, amount, moved_on, moved_at, moved_by,
        undone_at, undone_by, undo_reason)
      VALUES (1, 1, 1, 5000, '2026-01-02', '2026-01-02T10:00:00Z', 1, NULL, NULL, NULL),
             (2, 2, 2, 5000, '2026-01-02', '2026-01-02T10:00:00Z', 1, '2026-03-01T10:00:00Z', 1,
              'Estate will pay');
  `,
  );
}

describe('migration 60: moves to bad debt from the office', () => {
  it('keeps every move, a standing one with what was recovered on it since', () => {
    const db = openDatabase(versionFiftyNineFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      all(
        db,
        `SELECT id, request_id AS request, undone_at IS NOT NULL AS undone, recovered
           FROM bad_debt_moves ORDER BY id`,
      ),
    ).toEqual([
      { id: 1, request: 1, undone: 0, recovered: 3000 },
      { id: 2, request: 2, undone: 1, recovered: 0 },
    ]);
  });
});
