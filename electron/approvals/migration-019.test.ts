import { describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations';
import { oldVersionFile } from '../db/old-version-file';
import { openDatabase, schemaVersion } from '../db/open';
import { call } from '../testing/call';
import { TEST_TODAY } from '../testing/test-db';

// the version just before 19, whichever numbers are merged in between
const before19 = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 19) - 1]?.version ?? 0;

describe('migration 19 (approvals of refunds and reversals; user permissions)', () => {
  it('keeps an older file’s write-off requests, waiting and decided, as write-offs', () => {
    const file = oldVersionFile(
      before19,
      `
      INSERT INTO users (id, username, display_name, role, created_at) VALUES
        (1, 'boss', 'Bea Boss', 'supervisor', 't'), (2, 'rep', 'Rita Rep', 'representative', 't');
      INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Doe', 'Jane', 't');
      INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
          financial_class, created_at) VALUES (5, 'A5', 1, 1, '2026-01-02', 'self_pay', 't');
      INSERT INTO adjustment_requests (id, account_id, side, amount, reason_code, memo, status,
          requested_at, requested_by, decided_at, decided_by, decision_note) VALUES
        (1, 5, 'patient', 60000, 'CHARITY', 'FA approved', 'pending', '2026-03-01T10:00:00Z', 2,
          NULL, NULL, NULL),
        (2, 5, 'patient', 70000, 'BAD_DEBT', 'Gone', 'rejected', '2026-02-01T10:00:00Z', 1,
          '2026-02-02T10:00:00Z', 1, 'Own request, decided before the rule');
    `,
    );
    const db = openDatabase(file);
    const ctx: Ctx = { db, clock: fixedClock(TEST_TODAY), userId: 1 as UserId, databasePath: file };
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(
        call(ctx, 'listAdjustmentRequests', {}).map((r) => [
          r.id,
          r.kind,
          r.reasonLabel,
          r.requestedBy,
        ]),
      ).toEqual([[1, 'write_off', 'Charity care / financial assistance', 'Rita Rep']]);
      expect(call(ctx, 'listAdjustmentRequests', { status: 'rejected' })[0]).toMatchObject({
        kind: 'write_off',
        amount: 70000,
        decisionNote: 'Own request, decided before the rule',
      });
      expect(call(ctx, 'listUserPermissions', {})).toEqual({ grants: [], canChange: true });
      // each kind carries what it needs to post, in the table too
      expect(() =>
        db
          .prepare(
            `INSERT INTO adjustment_requests (kind, account_id, side, amount, memo, requested_at,
               requested_by) VALUES ('refund', 5, 'patient', 100, 'x', 't', 2)`,
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      expect(
        db
          .prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM adjustment_requests WHERE ledger_entry_id = 1`)
          .all()
          .map((r) => (r as { detail: string }).detail)
          .join(' '),
      ).toMatch(
        /USING COVERING INDEX adjustment_requests_entry|USING INDEX adjustment_requests_entry/,
      );
    } finally {
      db.close();
    }
  });
});
