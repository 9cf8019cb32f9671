import { describe, expect, it } from 'vitest';
import { all } from './query';
import { oldVersionFile } from './old-version-file';
import { openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';

/**
 * A version-59 desk's collection records, and its link to an office on March 1st when
 * `linked` (its write-off of account 2 then sent, as the ledger travelled already): from the
 * first copy, an agency (1), a sending and placement of account 1 and its agency referral
 * (1), and a move of account 3; made after the link, an agency (2), a sending and placement of
 * account 2 with its referral (2) and their history line, which went out, a credit report on
 * account 3 (3) whose line did not, a move of account 2 whose write-off went out, and one of
 * account 4 whose write-off did not.
 */
function versionFiftyNineFile(linked: boolean): string {
  const agency = (id: number, name: string, at: string) =>
    `(${id}, '${name}', '[]', 2500, 'net', '${at}', 1, '${at}', 1)`;
  const move = (id: number, account: number, request: number, at: string) =>
    `(${id}, ${account}, ${request}, 5000, '${at.slice(0, 10)}', '${at}', 1)`;
  const request = (id: number, account: number, entry: number) =>
    `(${id}, 'write_off', ${account}, 'patient', 5000, 'BAD_DEBT', 'Gone', '2026-01-01T10:00:00Z',
      1, 'approved', ${entry})`;
  const entry = (id: number, account: number, amount: number) =>
    `(${id}, ${account}, '${amount > 0 ? 'charge' : 'adjustment'}', 'patient', ${amount},
      '2026-01-02', ${amount > 0 ? 'NULL' : "'BAD_DEBT'"}, '2026-01-02T10:00:00Z', 1)`;
  return oldVersionFile(
    59,
    `
    INSERT INTO users (id, username, display_name, role, created_at)
      VALUES (1, 'sup', 'Sue Sup', 'supervisor', 't');
    INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Rivera', 'Ana', 't');
    INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date,
        financial_class, status, created_at)
      VALUES (1, 'A1', 1, 1, '2025-06-01', 'self_pay', 'agency', 't'),
             (2, 'A2', 1, 1, '2025-07-01', 'self_pay', 'bad_debt', 't'),
             (3, 'A3', 1, 1, '2025-07-01', 'self_pay', 'bad_debt', 't'),
             (4, 'A4', 1, 1, '2025-07-01', 'self_pay', 'bad_debt', 't');
    INSERT INTO ledger_entries (id, account_id, kind, side, amount, posting_date, reason_code,
        created_at, created_by)
      VALUES ${[entry(1, 2, 5000), entry(2, 2, -5000), entry(3, 3, 5000), entry(4, 3, -5000), entry(5, 4, 5000), entry(6, 4, -5000)].join(', ')};
    INSERT INTO adjustment_requests (id, kind, account_id, side, amount, reason_code, memo,
        requested_at, requested_by, status, ledger_entry_id)
      VALUES ${[request(1, 2, 2), request(2, 3, 4), request(3, 4, 6)].join(', ')};
    INSERT INTO bad_debt_moves (id, account_id, request_id, amount, moved_on, moved_at, moved_by)
      VALUES ${[move(1, 3, 2, '2026-02-01T10:00:00Z'), move(2, 2, 1, '2026-03-02T10:00:00Z'), move(3, 4, 3, '2026-03-03T10:00:00Z')].join(', ')};
    INSERT INTO agencies (id, name, columns, commission_bps, remittance, created_at, created_by,
        updated_at, updated_by)
      VALUES ${[agency(1, 'First Recovery', '2026-01-05T10:00:00Z'), agency(2, 'Second Recovery', '2026-03-02T09:00:00Z')].join(', ')};
    INSERT INTO agency_placement_batches (id, agency_id, placed_on, columns, account_count,
        balance, created_at, created_by)
      VALUES (1, 1, '2026-01-06', '[]', 1, 5000, '2026-01-06T10:00:00Z', 1),
             (2, 2, '2026-03-02', '[]', 1, 5000, '2026-03-02T10:00:00Z', 1);
    INSERT INTO agency_placements (id, agency_id, batch_id, account_id, placed_on, balance_placed)
      VALUES (1, 1, 1, 1, '2026-01-06', 5000), (2, 2, 2, 2, '2026-03-02', 5000);
    INSERT INTO extraordinary_actions (id, account_id, action, taken_on, taken_at, taken_by)
      VALUES (1, 1, 'agency_referral', '2026-01-06', '2026-01-06T10:00:00Z', 1),
             (2, 2, 'agency_referral', '2026-03-02', '2026-03-02T10:00:00Z', 1),
             (3, 3, 'credit_report', '2026-03-04', '2026-03-04T10:00:00Z', 1);
    INSERT INTO activities (id, account_id, kind, body, user_id, occurred_at)
      VALUES (1, 2, 'system', 'Placed with Second Recovery', 1, '2026-03-02T10:00:00.020Z'),
             (2, 3, 'system', 'Reported to the credit bureaus', 1, '2026-03-04T10:00:00.020Z');
    ${
      linked
        ? `INSERT INTO office_link (id, desktop_id, cursor, linked_at)
             VALUES (1, 'd1', '0', '2026-03-01T00:00:00.000Z');
           INSERT INTO sync_rows (tbl, local_id, gid)
             VALUES ('ledger_entries', 2, 'd1:2'), ('activities', 1, 'd1:1');`
        : ''
    }
  `,
  );
}

describe('migration 67: collection records an older version made at a linked desk', () => {
  it('names those made after the link by this desk and notes them, with their accounts, for the outbox', () => {
    const db = openDatabase(versionFiftyNineFile(true));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(
      all(db, `SELECT tbl, local_id AS id, gid FROM sync_rows ORDER BY tbl, local_id`),
    ).toEqual([
      { tbl: 'activities', id: 1, gid: 'd1:1' },
      { tbl: 'agencies', id: 2, gid: 'd1:2' },
      { tbl: 'agency_placement_batches', id: 2, gid: 'd1:2' },
      { tbl: 'agency_placements', id: 2, gid: 'd1:2' },
      { tbl: 'bad_debt_moves', id: 2, gid: 'd1:2' },
      // its write-off never went out: it stays here
      { tbl: 'bad_debt_moves', id: 3, gid: 'own:3' },
      { tbl: 'extraordinary_actions', id: 2, gid: 'd1:2' },
      // its history line never went out: it stays here
      { tbl: 'extraordinary_actions', id: 3, gid: 'own:3' },
      { tbl: 'ledger_entries', id: 2, gid: 'd1:2' },
    ]);
    expect(
      all(db, `SELECT tbl, local_id AS id, op FROM outbox_pending ORDER BY tbl, local_id`),
    ).toEqual([
      { tbl: 'accounts', id: 2, op: 'update' },
      { tbl: 'agencies', id: 2, op: 'insert' },
      { tbl: 'agency_placement_batches', id: 2, op: 'insert' },
      { tbl: 'agency_placements', id: 2, op: 'insert' },
      { tbl: 'bad_debt_moves', id: 2, op: 'insert' },
      { tbl: 'extraordinary_actions', id: 2, op: 'insert' },
    ]);
    db.close();
  });

  it('changes nothing on a standalone desk', () => {
    const db = openDatabase(versionFiftyNineFile(false));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(all(db, `SELECT tbl FROM sync_rows`)).toEqual([]);
    expect(all(db, `SELECT tbl FROM outbox_pending`)).toEqual([]);
    expect(all(db, `SELECT id, status FROM accounts ORDER BY id`)).toEqual([
      { id: 1, status: 'agency' },
      { id: 2, status: 'bad_debt' },
      { id: 3, status: 'bad_debt' },
      { id: 4, status: 'bad_debt' },
    ]);
    db.close();
  });
});
