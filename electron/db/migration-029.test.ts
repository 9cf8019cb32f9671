import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { all, run } from './query';

/** A version-26 file with a logged call and a check payment, as they were before contact rules. */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Okafor', 'Maria', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, created_at) VALUES (1, 'A-1', 1, 1, '2026-01-05', 'self_pay', 't');
    INSERT INTO activities (id, account_id, kind, direction, party, outcome, body, user_id,
        occurred_at) VALUES (1, 1, 'call', 'outbound', 'guarantor', 'no_answer', 'Called', 1,
        '2026-02-01T15:00:00.000Z');
    INSERT INTO receipts (id, account_id, kind, method, check_number, amount, received_date,
        created_at, created_by) VALUES (1, 1, 'patient_payment', 'check', '101', 2500,
        '2026-02-02', 't', 1);
  `,
  );
}

describe('migration 29: contact restrictions, call times, returned checks, de-identification', () => {
  it('keeps calls and payments as they were, with nothing restricted or returned', () => {
    const db = openDatabase(versionTwentySixFile());
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(all(db, `SELECT id, body FROM activities`)).toEqual([{ id: 1, body: 'Called' }]);
      for (const table of ['contact_restrictions', 'call_times', 'returned_checks']) {
        expect(all(db, `SELECT count(*) AS n FROM ${table}`), table).toEqual([{ n: 0 }]);
      }
      // an attorney's representation is not recorded without the attorney
      expect(() =>
        run(
          db,
          `INSERT INTO contact_restrictions (account_id, person_id, kind, effective_date,
             recorded_at, recorded_by) VALUES (1, 1, 'attorney', '2026-02-03', 't', 1)`,
        ),
      ).toThrow(/CHECK/);
      run(
        db,
        `INSERT INTO contact_restrictions (id, account_id, person_id, kind, effective_date,
           recorded_at, recorded_by) VALUES (7, 1, 1, 'cease_contact', '2026-02-03', 't', 1)`,
      );
      expect(() =>
        run(db, `UPDATE contact_restrictions SET kind = 'bankruptcy' WHERE id = 7`),
      ).toThrow(/kept as recorded/);
      run(
        db,
        `UPDATE contact_restrictions SET lifted_at = 'u', lifted_by = 1, lift_reason = 'r'
           WHERE id = 7`,
      );
      expect(() =>
        run(db, `UPDATE contact_restrictions SET lift_reason = 'other' WHERE id = 7`),
      ).toThrow(/lifted once/);
      expect(() => run(db, `DELETE FROM contact_restrictions`)).toThrow(/kept as recorded/);
      // history stays append-only: only a de-identified person's rows take the marker
      expect(() => run(db, `UPDATE activities SET body = '[removed]' WHERE id = 1`)).toThrow(
        /append-only/,
      );
      run(
        db,
        `INSERT INTO deidentifications (person_id, account_id, reason, done_at, done_by)
           VALUES (1, 1, 'Retention over', 't', 1)`,
      );
      expect(() => run(db, `UPDATE activities SET body = 'Called Ana' WHERE id = 1`)).toThrow(
        /append-only/,
      );
      run(db, `UPDATE activities SET body = 'Called [removed]' WHERE id = 1`);
    } finally {
      db.close();
    }
  });
});
