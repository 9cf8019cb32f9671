import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId, ReceiptId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, syncedState, twoDesktops } from '../testing/office/desktops';
import { moneyState, owing } from '../testing/office/money';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

const cash = (accountId: AccountId, amount: number) => ({
  accountId,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});

/** Every account's cached balance is its ledger's sum, and the day totals agree with it. */
function expectMoneyRight(ctx: Ctx): void {
  for (const b of moneyState(ctx).balances) expect(b.balance).toBe(b.ledgerSum);
  const totals = (sql: string) => oneOrThrow<{ amount: number; n: number }>(ctx.db, sql);
  expect(
    totals(`SELECT ifnull(sum(amount), 0) AS amount, ifnull(sum(entries), 0) AS n
              FROM ledger_day_totals`),
  ).toEqual(totals(`SELECT ifnull(sum(amount), 0) AS amount, count(*) AS n FROM ledger_entries`));
}

/** Each deposit batch's running totals, in the order they were first sent to the office. */
function batchOf(ctx: Ctx): { postedTotal: number; receiptCount: number }[] {
  return all<{ id: number; postedTotal: number; receiptCount: number }>(
    ctx.db,
    `SELECT id, posted_total AS postedTotal, receipt_count AS receiptCount FROM deposit_batches`,
  )
    .map((b) => ({ gid: gidOf(ctx.db, 'deposit_batches', b.id), ...b }))
    .sort((x, y) => (x.gid < y.gid ? -1 : x.gid > y.gid ? 1 : 0))
    .map(({ postedTotal, receiptCount }) => ({ postedTotal, receiptCount }));
}

describeWithPg('money between desktops', () => {
  it("adds up two desktops' offline payments on one account", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'takePayment', cash(accountId, 2_500));
    call(b.ctx, 'takePayment', cash(accountId, 4_000));
    call(b.ctx, 'takePayment', cash(accountId, 1_000));
    // each desk's first payment of the day opened its batch, which goes ahead of it
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 3, refused: 0 });
    await a.sync.pull();

    const onA = moneyState(a.ctx);
    expect(moneyState(b.ctx)).toEqual(onA);
    expect(onA.ledger.filter((l) => / payment /.test(l))).toHaveLength(3);
    expect(onA.balances).toEqual([
      { account: `base:${accountId}`, balance: 20_000 - 7_500, ledgerSum: 20_000 - 7_500 },
    ]);
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
    // each desk's deposit holds the money it counted, and each copy shows both deposits
    const batches = batchOf(a.ctx);
    expect([...batches].sort((x, y) => x.postedTotal - y.postedTotal)).toEqual([
      { postedTotal: 2_500, receiptCount: 1 },
      { postedTotal: 5_000, receiptCount: 2 },
    ]);
    expect(batchOf(b.ctx)).toEqual(batches);
    expect(await serverCount(server, `SELECT count(*) AS n FROM receipts`)).toBe(3);
    // the account's charge came with the office's upload; the payments from the desktops
    expect(await serverCount(server, `SELECT sum(amount) AS n FROM ledger_entries`)).toBe(
      20_000 - 7_500,
    );
    expect(all(a.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
  });

  it('accepts one of two reversals of one payment and lists the other, money right everywhere', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    const paid = call(b.ctx, 'takePayment', cash(accountId, 3_000));
    await b.sync.sync();
    await a.sync.pull();
    const onA = oneOrThrow<{ id: ReceiptId }>(
      a.ctx.db,
      `SELECT id FROM receipts WHERE amount = 3000`,
    ).id;
    call(a.ctx, 'reversePayment', { receiptId: onA, reason: 'Entered on the wrong account.' });
    if (paid.receiptId === null) expect.fail('no receipt');
    call(b.ctx, 'reversePayment', { receiptId: paid.receiptId, reason: 'Check returned.' });
    expect(batchOf(b.ctx)).toEqual([{ postedTotal: 0, receiptCount: 0 }]);
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    // B reads A's reversal while its own still holds the place, then hears its own refused
    await b.sync.pull();
    expect(all(b.ctx.db, `SELECT tbl FROM sync_held ORDER BY tbl`)).toEqual([
      { tbl: 'ledger_entries' },
      { tbl: 'receipts' },
    ]);
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await a.sync.pull();

    const [listed, ...more] = notSyncedActions(b.ctx.db);
    expect(more).toEqual([]);
    expect(all(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This payment was already reversed at another desktop ($30.00 on 03/16/2026); this reversal was withdrawn.',
      },
    ]);
    // what B's representative did is kept: the reversal, its rows and its history line
    expect(listed?.changes.map((c) => c.tbl)).toEqual(['receipts', 'ledger_entries', 'activities']);
    const state = moneyState(a.ctx);
    expect(moneyState(b.ctx)).toEqual(state);
    expect(state.receipts.filter((r) => / reverses [^-]/.test(r))).toHaveLength(1);
    expect(state.balances[0]).toMatchObject({ balance: 20_000, ledgerSum: 20_000 });
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
    // B's withdrawn reversal left its deposit batch, and A's, posted into the same batch
    // (which A pulled with the payment), took its place: the batch agrees on both
    expect(batchOf(b.ctx)).toEqual([{ postedTotal: 0, receiptCount: 0 }]);
    expect(batchOf(a.ctx)).toEqual(batchOf(b.ctx));
    expect(all(b.ctx.db, `SELECT body FROM activities WHERE body LIKE '%Check returned%'`)).toEqual(
      [],
    );
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM receipts WHERE reverses_gid IS NOT NULL`,
      ),
    ).toBe(1);
  });

  it("keeps each desktop's upkeep follow-ups its own, so a refused reversal lists only itself", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    const openCredit = (ctx: Ctx) =>
      all<{ id: number }>(
        ctx.db,
        `SELECT id FROM follow_ups WHERE kind = 'credit_balance' AND status = 'open'`,
      );
    // $50.00 more than is owed: B's upkeep opens a credit balance follow-up, B's alone
    const paid = call(b.ctx, 'takePayment', cash(accountId, 25_000));
    if (paid.receiptId === null) expect.fail('no receipt');
    expect(openCredit(b.ctx)).toHaveLength(1);
    // the payment and the batch it opened
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM follow_ups WHERE kind = 'credit_balance'`,
      ),
    ).toBe(0);
    // A takes the payment and its own upkeep opens A's follow-up, which it does not send
    await a.sync.pull();
    expect(openCredit(a.ctx)).toHaveLength(1);
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 0 });
    // a person closing A's follow-up changes a row the server never had: the change stays
    // here; the person's note travels
    const [credit] = openCredit(a.ctx);
    if (!credit) expect.fail('no credit follow-up');
    call(a.ctx, 'completeFollowUp', { followUpId: credit.id, note: 'Refund requested.' });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect(all(a.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM follow_ups WHERE kind = 'credit_balance'`,
      ),
    ).toBe(0);
    expect(moneyState(a.ctx)).toEqual(moneyState(b.ctx));

    // both reverse the payment: A's is accepted; B's is refused and listed, and nothing else
    const onA = oneOrThrow<{ id: ReceiptId }>(
      a.ctx.db,
      `SELECT id FROM receipts WHERE amount = 25000`,
    ).id;
    call(a.ctx, 'reversePayment', { receiptId: onA, reason: 'Card declined.' });
    call(b.ctx, 'reversePayment', { receiptId: paid.receiptId, reason: 'Card declined.' });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await b.sync.sync()).push.refused).toBe(1);
    await syncAll(a, b);
    await syncAll(a, b);

    expect(
      all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`).map((r) =>
        r.reason.replace(/ \(.*$/, ''),
      ),
    ).toEqual(['This payment was already reversed at another desktop']);
    expect(all(a.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(moneyState(b.ctx).balances[0]).toMatchObject({ balance: 20_000, ledgerSum: 20_000 });
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    // the credit is gone on both, and each desktop's upkeep closed its own follow-up
    expect(openCredit(a.ctx)).toEqual([]);
    expect(openCredit(b.ctx)).toEqual([]);
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
  });

  it('refuses to change or remove a ledger row or a receipt on the server', async () => {
    const server = await createServerDatabase();
    const { a, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'takePayment', cash(accountId, 2_000));
    await a.sync.sync();

    const owner = new pg.Client(server);
    await owner.connect();
    const login = `desk_${crypto.randomBytes(4).toString('hex')}`;
    const password = crypto.randomBytes(12).toString('hex');
    await owner.query(
      `CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE claimdesk_desktop`,
    );
    const desk = new pg.Client({ ...server, user: login, password });
    try {
      // not even the owner: the rows are insert-only by trigger
      for (const sql of [
        `UPDATE ledger_entries SET amount = -1`,
        `DELETE FROM ledger_entries`,
        `UPDATE receipts SET amount = 1`,
        `DELETE FROM receipts`,
        `TRUNCATE ledger_entries`,
      ]) {
        await expect(owner.query(sql), sql).rejects.toThrow(/insert-only/);
      }
      // a desktop's login may read and add, never change or remove
      await desk.connect();
      expect(
        (await desk.query(`SELECT amount FROM ledger_entries ORDER BY gid LIKE 'base:%'`)).rows,
      ).toEqual([{ amount: '-2000' }, { amount: '20000' }]);
      for (const sql of [`UPDATE ledger_entries SET amount = -1`, `DELETE FROM receipts`]) {
        await expect(desk.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      const rights = await owner.query<{ tbl: string; right: string; has: boolean }>(
        `SELECT t AS tbl, r AS right, has_table_privilege($1, t, r) AS has
           FROM unnest(ARRAY['receipts', 'ledger_entries']) t,
                unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) r`,
        [login],
      );
      expect(rights.rows.filter((r) => r.has).map((r) => `${r.tbl} ${r.right}`)).toEqual([
        'receipts SELECT',
        'receipts INSERT',
        'ledger_entries SELECT',
        'ledger_entries INSERT',
      ]);
      expect(await serverCount(server, `SELECT count(*) AS n FROM ledger_entries`)).toBe(2);
    } finally {
      await desk.end().catch(() => undefined);
      await owner.query(`DROP OWNED BY ${login}; DROP ROLE ${login}`);
      await owner.end();
    }
  });
});
