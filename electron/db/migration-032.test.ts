import { describe, expect, it } from 'vitest';
import { all, run } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/** A version-26 file with a note and an open follow-up, as a standalone desktop has them. */
function versionTwentySixFile(): string {
  return oldVersionFile(
    26,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'rep', 'Rita Rep', 'representative', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
      financial_class, created_at) VALUES (1, 'A1', 1, 1, '2026-01-05', 'commercial', 't');
    INSERT INTO activities (id, account_id, kind, body, user_id, occurred_at)
      VALUES (1, 1, 'note', 'Called.', 1, 't');
    INSERT INTO follow_ups (id, account_id, kind, due_date, created_at, created_by)
      VALUES (1, 1, 'account', '2026-03-20', 't', 1);
  `,
  );
}

describe('migration 32: the office outbox', () => {
  it('keeps a standalone desktop as it was: nothing captured, the history append-only', () => {
    const db = openDatabase(versionTwentySixFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    run(db, `UPDATE follow_ups SET due_date = '2026-03-22' WHERE id = 1`);
    run(
      db,
      `INSERT INTO activities (account_id, kind, body, user_id, occurred_at)
         VALUES (1, 'note', 'Again.', 1, 't')`,
    );
    expect(all(db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(all(db, `SELECT * FROM outbox`)).toEqual([]);
    expect(() => run(db, `DELETE FROM activities WHERE id = 1`)).toThrow(/append-only/);
    expect(() => run(db, `UPDATE activities SET body = 'x' WHERE id = 1`)).toThrow(/append-only/);
    expect(all(db, `SELECT id, body FROM activities ORDER BY id`)).toEqual([
      { id: 1, body: 'Called.' },
      { id: 2, body: 'Again.' },
    ]);
    db.close();
  });
});
