import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import type { DatabaseKey } from '../db/cipher';
import { closeDatabase, openDatabase } from '../db/open';
import { ensureUser } from '../users/users';
import { all, oneOrThrow } from '../db/query';

/** The "today" every test works on unless it says otherwise. */
export const TEST_TODAY: IsoDate = isoDate('2026-03-16');

/**
 * A real SQLite file in a fresh temp folder, migrated, with a signed-in user; `key`: the
 * file created encrypted with it, as the app creates one.
 */
export function createTestCtx(
  today: IsoDate = TEST_TODAY,
  { key }: { key?: DatabaseKey } = {},
): Ctx & { dir: string; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-test-'));
  const databasePath = path.join(dir, 'test.sqlite');
  const db = openDatabase(databasePath, { key });
  const clock = fixedClock(today);
  const userId = ensureUser(db, 'rep.one', 'Rita Representative', clock.now());
  return {
    db,
    clock,
    userId,
    databasePath,
    dir,
    close() {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Row counts of every table, to prove a refused request wrote nothing. The audit trail is
 * left out: it gains a row for every view and every write, an import that posts nothing
 * included, and electron/audit tests what it records.
 */
export function tableCounts(ctx: Ctx): Record<string, number> {
  const tables = all<{ name: string }>(
    ctx.db,
    `SELECT name FROM sqlite_master
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'`,
  );
  return Object.fromEntries(tables.map(({ name }) => [name, rowCount(ctx, name)]));
}

/** Rows in one table. */
export function rowCount(ctx: Ctx, table: string): number {
  return oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM "${table}"`).n;
}

export type TestCtx = ReturnType<typeof createTestCtx>;

/**
 * The copies the work queue keeps on each open follow-up (balance, oldest open date,
 * account number, patient name) agree with the account: proves a writer refreshed them.
 */
export function staleQueueColumns(ctx: Ctx, accountId: number): number {
  const row = oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT count(*) AS n FROM follow_ups f JOIN accounts a ON a.id = f.account_id
       JOIN people p ON p.id = a.patient_id
       WHERE f.account_id = ? AND f.status = 'open' AND (
         f.balance <> a.insurance_balance + a.patient_balance
         OR f.oldest_open_date IS NOT a.oldest_open_date
         OR f.account_number <> a.account_number
         OR f.patient_name <> p.last_name || ', ' || p.first_name)`,
    accountId,
  );
  return row.n;
}

/** Accounts whose cached balance is not what their ledger adds up to; 0 when the books balance. */
export function balanceDrift(ctx: Ctx): number {
  const row = oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT count(*) AS n FROM accounts a WHERE a.insurance_balance + a.patient_balance <>
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id)`,
  );
  return row.n;
}
