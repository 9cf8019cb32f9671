import pg from 'pg';
import { expect } from 'vitest';
import type { AccountId, BatchId, PersonId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all, oneOrThrow, run } from '../../db/query';
import { gidOf, gidOrNull } from '../../office/gids';
import { addAddress, addBilledClaim, addPayer } from '../builders';
import { call } from '../call';
import { TEST_TODAY } from '../test-db';
import { everyoneSupervisor, type Desktop } from './desktops';

/** An account the patient owes $200.00 on, so payments have a claim to pay. */
export function owing(ctx: Ctx, accountId: AccountId): void {
  addBilledClaim(ctx, accountId, addPayer(ctx), [20_000], 'patient');
}

/** The account's patient owes $200.00 at an address, so statements would go to them. */
export function owingPatient(ctx: Ctx, account: AccountId): void {
  owing(ctx, account);
  const patient = oneOrThrow<{ id: PersonId }>(
    ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    account,
  ).id;
  addAddress(ctx, patient);
}

/** The same, with every desktop's user a supervisor in the copy the office starts from. */
export function supervisorsOwing(ctx: Ctx, account: AccountId): void {
  everyoneSupervisor(ctx);
  owingPatient(ctx, account);
}

/**
 * The same, and the hospital's letterhead naming where to pay and to ask for financial
 * assistance: a 501(r) facility whose letters can be filed.
 */
export function supervisorsOwingWithLetterhead(ctx: Ctx, account: AccountId): void {
  supervisorsOwing(ctx, account);
  run(
    ctx.db,
    `INSERT OR IGNORE INTO facility (id, name, line1, city, state, zip, phone, remit_to,
       payment_url, assistance_phone, assistance_url)
     VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
       '(207) 555-0100', 'Harbor Point Hospital, PO Box 9050, Portland, ME 04104',
       'pay.harborpoint.example', '(207) 555-0188', 'www.harborpoint.example/assistance')`,
  );
}

/**
 * A desktop's money, by office-wide ids, to compare copies: each ledger row (what it
 * reverses, if anything), and per account the cached balance beside its ledger sum.
 */
export function moneyState(ctx: Ctx): {
  ledger: string[];
  receipts: string[];
  balances: { account: string; balance: number; ledgerSum: number }[];
} {
  const ledger = all<{ id: number; amount: number; kind: string; reversesId: number | null }>(
    ctx.db,
    `SELECT id, amount, kind, reverses_id AS reversesId FROM ledger_entries`,
  ).map(
    (l) =>
      `${gidOf(ctx.db, 'ledger_entries', l.id)} ${l.kind} ${l.amount}` +
      ` reverses ${gidOrNull(ctx.db, 'ledger_entries', l.reversesId) ?? '-'}`,
  );
  const receipts = all<{ id: number; amount: number; reversesId: number | null }>(
    ctx.db,
    `SELECT id, amount, reverses_id AS reversesId FROM receipts`,
  ).map(
    (r) =>
      `${gidOf(ctx.db, 'receipts', r.id)} ${r.amount}` +
      ` reverses ${gidOrNull(ctx.db, 'receipts', r.reversesId) ?? '-'}`,
  );
  const balances = all<{ id: number; balance: number; ledgerSum: number }>(
    ctx.db,
    `SELECT a.id, a.insurance_balance + a.patient_balance AS balance,
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id)
           AS ledgerSum
       FROM accounts a ORDER BY a.id`,
  )
    .map((b) => ({
      account: gidOf(ctx.db, 'accounts', b.id),
      balance: b.balance,
      ledgerSum: b.ledgerSum,
    }))
    // by office-wide id: an account created after joining has another local id on each copy
    .sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
  return { ledger: ledger.sort(), receipts: receipts.sort(), balances };
}

/** Every account's balance is its ledger's sum here, and the server's sum of its rows. */
export async function expectLedgersAgree(server: pg.ClientConfig, ...desktops: Desktop[]) {
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rows } = await client.query<{ account: string; sum: string }>(
      `SELECT account_gid AS account, sum(amount)::text AS sum FROM ledger_entries
         GROUP BY account_gid`,
    );
    const onServer = new Map(rows.map((r) => [r.account, Number(r.sum)]));
    const states = desktops.map((d) => moneyState(d.ctx));
    for (const s of states.slice(1)) expect(s).toEqual(states[0]);
    for (const d of desktops) {
      // the day totals take back what a withdrawn row added, by day, kind and side
      const byDay = (sql: string) => all(d.ctx.db, `${sql} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
      expect(
        byDay(`SELECT posting_date, kind, side, sum(amount) AS amount, sum(entries) AS n
                 FROM ledger_day_totals WHERE entries <> 0`),
      ).toEqual(
        byDay(`SELECT posting_date, kind, side, sum(amount) AS amount, count(*) AS n
                 FROM ledger_entries`),
      );
    }
    for (const s of states) {
      for (const b of s.balances) {
        expect(b.balance, b.account).toBe(b.ledgerSum);
        expect(b.balance, b.account).toBe(onServer.get(b.account) ?? 0);
      }
    }
    return states[0]?.balances ?? [];
  } finally {
    await client.end();
  }
}

/** A patient's check posted today into a deposit batch, as the payment screen sends it. */
export const batchPayment = (
  accountId: AccountId,
  batchId: number,
  amount: number,
  checkNumber: string,
) => ({
  accountId,
  batchId: batchId as BatchId,
  amount,
  method: 'check' as const,
  checkNumber,
  receivedDate: TEST_TODAY,
});

/** A write-off of the patient's balance as a person posts it, under their limit or waiting. */
export const writeOffPatient = (ctx: Ctx, accountId: AccountId, amount: number, memo: string) =>
  call(ctx, 'postAdjustment', {
    accountId,
    side: 'patient',
    amount,
    reasonCode: 'SMALL_BALANCE',
    memo,
  });
