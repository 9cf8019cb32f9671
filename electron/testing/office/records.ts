import pg from 'pg';
import { expect } from 'vitest';
import type { AccountId, PayerId, UserId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all, oneOrThrow, run } from '../../db/query';
import type { Claim837 } from '../../importers/claims/claim-types';
import { gidOf, gidOrNull } from '../../office/gids';
import { addAccount, addClaim, addPerson, makeSupervisor } from '../builders';
import { call } from '../call';
import { claimFileText, testClaim } from '../claims';
import { COLUMNS, sheet, sheetRow } from '../csv-sheet';
import { TEST_TODAY } from '../test-db';
import type { Desktop } from './desktops';
import { moneyState } from './money';
import { file277 } from '../x12/write-277';

/**
 * A desktop's records (people, addresses, accounts, coverages, claims with their statuses,
 * lines, the providers the claim files named for them, and the status events 277s recorded
 * on them) by office-wide ids, to compare copies: each names what it belongs to by its gid.
 */
export function recordsState(ctx: Ctx): {
  people: string[];
  addresses: string[];
  accounts: string[];
  coverages: string[];
  claims: string[];
  lines: string[];
  providers: string[];
  statusEvents: string[];
} {
  const rows = <T>(sql: string, show: (r: T) => string) => all<T>(ctx.db, sql).map(show).sort();
  return {
    people: rows<{ id: number; name: string }>(
      `SELECT id, last_name || ', ' || first_name AS name FROM people`,
      (r) => `${gidOf(ctx.db, 'people', r.id)} ${r.name}`,
    ),
    addresses: rows<{ id: number; person: number; line1: string }>(
      `SELECT id, person_id AS person, line1 FROM addresses`,
      (r) => `${gidOf(ctx.db, 'addresses', r.id)} ${gidOf(ctx.db, 'people', r.person)} ${r.line1}`,
    ),
    accounts: rows<{ id: number; number: string; name: string }>(
      `SELECT a.id, a.account_number AS number, p.last_name || ', ' || p.first_name AS name
         FROM accounts a JOIN people p ON p.id = a.patient_id`,
      (r) => `${gidOf(ctx.db, 'accounts', r.id)} ${r.number} ${r.name}`,
    ),
    coverages: rows<{ id: number; account: number; priority: number }>(
      `SELECT id, account_id AS account, priority FROM coverages`,
      (r) =>
        `${gidOf(ctx.db, 'coverages', r.id)} ${gidOf(ctx.db, 'accounts', r.account)} ${r.priority}`,
    ),
    claims: rows<{
      id: number;
      number: string;
      account: number;
      coverage: number | null;
      status: string;
    }>(
      `SELECT id, claim_number AS number, account_id AS account, coverage_id AS coverage, status
         FROM claims`,
      (r) =>
        `${gidOf(ctx.db, 'claims', r.id)} ${r.number} ${gidOf(ctx.db, 'accounts', r.account)}` +
        ` ${gidOrNull(ctx.db, 'coverages', r.coverage) ?? '-'} ${r.status}`,
    ),
    lines: rows<{ id: number; claim: number; n: number; charge: number }>(
      `SELECT id, claim_id AS claim, line_number AS n, charge FROM claim_lines`,
      (r) =>
        `${gidOf(ctx.db, 'claim_lines', r.id)} ${gidOf(ctx.db, 'claims', r.claim)} ${r.n} ${r.charge}`,
    ),
    providers: [
      ...rows<{ claim: number; role: string; name: string; npi: string | null }>(
        `SELECT claim_id AS claim, role, name, npi FROM claim_providers`,
        (r) => `${gidOf(ctx.db, 'claims', r.claim)} ${r.role} ${r.name} ${r.npi ?? '-'}`,
      ),
      ...rows<{ line: number; role: string; name: string; npi: string | null }>(
        `SELECT claim_line_id AS line, role, name, npi FROM claim_line_providers`,
        (r) => `${gidOf(ctx.db, 'claim_lines', r.line)} ${r.role} ${r.name} ${r.npi ?? '-'}`,
      ),
    ].sort(),
    statusEvents: rows<{ id: number; claim: number; category: string; code: string | null }>(
      `SELECT id, claim_id AS claim, category, status_code AS code FROM claim_status_events`,
      (r) =>
        `${gidOf(ctx.db, 'claim_status_events', r.id)} ${gidOf(ctx.db, 'claims', r.claim)}` +
        ` ${r.category}:${r.code ?? '-'}`,
    ),
  };
}

/** One number the server's database answers. */
export async function serverCount(server: pg.ClientConfig, sql: string): Promise<number> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
  } finally {
    await client.end();
  }
}

/** The payer the test claims bill, in the copy every desktop starts from. */
export function withAcme(ctx: Ctx): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO payers (name, payer_code, financial_class, timely_filing_days,
         appeal_window_days) VALUES ('Acme Health Plan', 'ACME01', 'commercial', 180, 180)`,
  );
}

/** Acme, and K-100 acknowledged already, in the copy every desktop starts from. */
export function withAcknowledgedClaim(ctx: Ctx, account: AccountId): void {
  withAcme(ctx);
  const payerId = oneOrThrow<{ id: PayerId }>(
    ctx.db,
    `SELECT id FROM payers WHERE payer_code = 'ACME01'`,
  ).id;
  addClaim(ctx, account, payerId, { number: 'K-100', status: 'acknowledged' });
}

/** The number of the account's one claim at a desk, as a payer's file names it. */
export const claimNumberOf = (ctx: Ctx, accountId: AccountId): string =>
  oneOrThrow<{ n: string }>(
    ctx.db,
    `SELECT claim_number AS n FROM claims WHERE account_id = ?`,
    accountId,
  ).n;

/** Acme and an account of the copy every desktop starts from, for Ana Rivera, covered by Acme. */
export function withRiveraAccount(ctx: Ctx): void {
  withAcme(ctx);
  const payerId = oneOrThrow<{ id: PayerId }>(
    ctx.db,
    `SELECT id FROM payers WHERE payer_code = 'ACME01'`,
  ).id;
  const patientId = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
  addAccount(ctx, { number: '200500', patientId, payerId });
}

/** Acme, and every desktop's user a supervisor, who may import a spreadsheet. */
export function withSupervisors(ctx: Ctx): void {
  withAcme(ctx);
  for (const { id } of all<{ id: UserId }>(ctx.db, `SELECT id FROM users`)) {
    makeSupervisor(ctx, id);
  }
}

export function importSheet(d: Desktop, numbers: string[]): void {
  const report = call(d.ctx, 'importCsv', {
    fileName: 'accounts.csv',
    text: sheet(numbers.map((n) => sheetRow(n, 'ACME01'))),
    columns: COLUMNS,
  });
  expect(report.imported).toBe(numbers.length);
}

export function importClaim(
  d: Desktop,
  pcn: string,
  charges: number[],
  file = `${pcn}.837`,
  over: Partial<Claim837> = {},
): void {
  const report = call(d.ctx, 'importFile', {
    fileName: file,
    text: claimFileText([testClaim(pcn, charges, over)]),
  });
  expect(report.status).toBe('posted');
}

export function accountId(ctx: Ctx, number: string): AccountId {
  return oneOrThrow<{ id: AccountId }>(
    ctx.db,
    `SELECT id FROM accounts WHERE account_number = ?`,
    number,
  ).id;
}

/** Every account's cached balance is its ledger's sum, and the day totals agree with it. */
export function expectMoneyRight(ctx: Ctx): void {
  for (const b of moneyState(ctx).balances) expect(b.balance).toBe(b.ledgerSum);
  const totals = (sql: string) => oneOrThrow<{ amount: number; n: number }>(ctx.db, sql);
  expect(
    totals(`SELECT ifnull(sum(amount), 0) AS amount, ifnull(sum(entries), 0) AS n
              FROM ledger_day_totals`),
  ).toEqual(totals(`SELECT ifnull(sum(amount), 0) AS amount, count(*) AS n FROM ledger_entries`));
}

export const cash = (id: AccountId, amount: number) => ({
  accountId: id,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});
/** A payer's acknowledgment (A2) or rejection (A7) of one claim, its control number `control`. */
export function claimStatusFile(claim: string, rejected: boolean, control: number): string {
  const codes = [rejected ? 'A7:21:85' : 'A2:20:PR'];
  return file277([{ patientControlNumber: claim, status: { codes } }], {
    controlNumber: String(control).padStart(9, '0'),
  });
}

/** This desktop's id in its office. */
export function officeId(d: Desktop): string {
  return oneOrThrow<{ id: string }>(d.ctx.db, `SELECT desktop_id AS id FROM office_link`).id;
}
