import type { AccountId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { all, one, oneOrThrow, run } from '../db/query';
import { PERSON_TEXTS } from '../purge/scrub-records';

type Table = keyof typeof PERSON_TEXTS;

/**
 * A record on the account of each of `tables` whose free texts each name the patient
 * (`name`, "First Last"), as a person types them: a rule lifted, a hold, a release, an ended
 * plan, a promise, a decided application whose missing items name her, a collection action
 * and its reversal, a move to bad debt undone, a recalled placement, a write-off asked for and
 * refused with a note. Written by plain SQL in
 * one transaction (a linked desk's capture notes them as it would a handler's).
 */
export function addRecordsNaming(
  db: Db,
  accountId: AccountId,
  userId: number,
  name: string,
  tables: readonly Table[] = Object.keys(PERSON_TEXTS) as Table[],
): void {
  const at = '2026-03-01T10:00:00.000Z';
  const person = oneOrThrow<{ id: number }>(
    db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    accountId,
  ).id;
  // asked for by someone else where the copy has another user: nobody decides their own, and
  // the office refuses a desk's request refused by its asker (server migration 39)
  const asker =
    one<{ id: number }>(db, `SELECT id FROM users WHERE id <> ? ORDER BY id`, userId)?.id ?? userId;
  const write: Record<Table, () => void> = {
    contact_restrictions: () =>
      run(
        db,
        `INSERT INTO contact_restrictions (account_id, person_id, kind, effective_date, note,
           attorney_name, recorded_at, recorded_by, lifted_at, lifted_by, lift_reason)
         VALUES (?, ?, 'attorney', '2026-03-01', ?, 'Paul Attorney', ?, ?, ?, ?, ?)`,
        accountId,
        person,
        `${name} retained counsel.`,
        at,
        userId,
        at,
        userId,
        `${name}'s attorney withdrew.`,
      ),
    collection_holds: () =>
      run(
        db,
        `INSERT INTO collection_holds (account_id, kind, note, opened_on, opened_at, opened_by)
         VALUES (?, 'dispute', ?, '2026-03-01', ?, ?)`,
        accountId,
        `${name} disputes the bill.`,
        at,
        userId,
      ),
    statement_hold_releases: () =>
      run(
        db,
        `INSERT INTO statement_hold_releases (account_id, hold, reason, released_at, released_by)
         VALUES (?, 'dispute', ?, ?, ?)`,
        accountId,
        `${name} asked for one statement.`,
        at,
        userId,
      ),
    payment_plans: () => {
      const plan = run(
        db,
        `INSERT INTO payment_plans (account_id, status, start_date, first_due_date, monthly_amount,
           grace_days, include_new_charges, created_at, created_by, ended_at, ended_by, end_reason)
         VALUES (?, 'cancelled', '2026-03-01', '2026-04-01', 5000, 10, 0, ?, ?, ?, ?, ?)`,
        accountId,
        at,
        userId,
        at,
        userId,
        `${name} paid in full instead.`,
      ).lastInsertRowid;
      run(
        db,
        `INSERT INTO plan_installments (plan_id, number, due_date, amount)
         VALUES (?, 1, '2026-04-01', 5000)`,
        plan,
      );
    },
    promises: () =>
      run(
        db,
        `INSERT INTO promises (account_id, kind, amount, due_date, note, created_at, created_by)
         VALUES (?, 'promise', 2500, '2026-03-20', ?, ?, ?)`,
        accountId,
        `${name} will pay Friday.`,
        at,
        userId,
      ),
    assistance_applications: () =>
      run(
        db,
        `INSERT INTO assistance_applications (account_id, received_on, status, missing,
           decided_on, decision_note, decided_by, recorded_at, recorded_by)
         VALUES (?, '2026-03-01', 'ineligible', ?, '2026-03-05', ?, ?, ?, ?)`,
        accountId,
        JSON.stringify([`${name}'s pay stubs`, 'Bank "savings" statement']),
        `${name} is over the income limit.`,
        userId,
        at,
        userId,
      ),
    bad_debt_moves: () =>
      run(
        db,
        `INSERT INTO bad_debt_moves (account_id, amount, moved_on, moved_at, moved_by,
           undone_at, undone_by, undo_reason)
         VALUES (?, 1000, '2026-03-01', ?, ?, ?, ?, ?)`,
        accountId,
        at,
        userId,
        at,
        userId,
        `${name}'s estate paid.`,
      ),
    agency_placements: () => {
      const agency = run(
        db,
        `INSERT INTO agencies (name, columns, commission_bps, remittance, created_at, created_by,
           updated_at, updated_by) VALUES (?, '[]', 2000, 'gross', ?, ?, ?, ?)`,
        `Acme Recovery ${accountId}`,
        at,
        userId,
        at,
        userId,
      ).lastInsertRowid;
      const batch = run(
        db,
        `INSERT INTO agency_placement_batches (agency_id, placed_on, columns, account_count,
           balance, created_at, created_by) VALUES (?, '2026-03-01', '[]', 1, 1000, ?, ?)`,
        agency,
        at,
        userId,
      ).lastInsertRowid;
      run(
        db,
        `INSERT INTO agency_placements (agency_id, batch_id, account_id, placed_on, balance_placed,
           recalled_on, recalled_at, recalled_by, recall_reason)
         VALUES (?, ?, ?, '2026-03-01', 1000, '2026-03-02', ?, ?, ?)`,
        agency,
        batch,
        accountId,
        at,
        userId,
        `${name} died.`,
      );
    },
    extraordinary_actions: () =>
      run(
        db,
        `INSERT INTO extraordinary_actions (account_id, action, taken_on, note, taken_at, taken_by,
           reversed_on, reversed_at, reversed_by, reversal_reason)
         VALUES (?, 'credit_report', '2026-03-01', ?, ?, ?, '2026-03-02', ?, ?, ?)`,
        accountId,
        `Reported ${name}.`,
        at,
        userId,
        at,
        userId,
        `${name} applied for assistance.`,
      ),
    adjustment_requests: () =>
      run(
        db,
        `INSERT INTO adjustment_requests (kind, account_id, side, amount, reason_code, memo,
           status, requested_at, requested_by, decided_at, decided_by, decision_note)
         VALUES ('write_off', ?, 'patient', 1500, 'SMALL_BALANCE', ?, 'rejected', ?, ?, ?, ?, ?)`,
        accountId,
        `Write off per ${name}'s hardship call.`,
        at,
        asker,
        at,
        userId,
        `${name} has not sent the hardship letter.`,
      ),
  };
  db.transaction(() => {
    for (const t of tables) write[t]();
  })();
}

/** Every free text of the collection records on the accounts, as `table.column: text` lines. */
export function personTextsOf(db: ReadDb, accountIds: readonly number[]): string[] {
  return Object.entries(PERSON_TEXTS).flatMap(([tbl, columns]) =>
    all<Record<string, string | null>>(
      db,
      `SELECT ${columns.join(', ')} FROM ${tbl}
        WHERE account_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      JSON.stringify(accountIds),
    ).flatMap((r) => columns.map((c) => `${tbl}.${c}: ${r[c] ?? ''}`)),
  );
}
