import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays, isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor, NAME } from '../testing/office/eleanor';
import { owing, writeOffPatient } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { balanceDrift, TEST_TODAY } from '../testing/test-db';
import type { ServerConfig } from './server/connection';

/*
 * A direct write-off's and a payment's memo name the patient as typed; de-identifying her
 * takes her names out of them on the server (the table, its log) and at every desk, and
 * moves no money: the server's sums and each desk's balances stay as they were, and the
 * de-identifying desk sends nothing for the scrub of its own copy.
 */

const LONG_AGO = isoDate('2014-02-03');
const at = (ctx: Ctx, day: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(day)) });

/** Eleanor owes $200.00 from long ago, at every desk (the office's first copy). */
function hersOwing(ctx: Ctx, accountId: AccountId): void {
  eleanor(ctx, accountId);
  owing(at(ctx, LONG_AGO), accountId);
}

const pay = (ctx: Ctx, accountId: AccountId, amount: number, memo: string) =>
  call(ctx, 'takePayment', {
    accountId,
    amount,
    method: 'cash',
    receivedDate: ctx.clock.today(),
    memo,
  });

/** The server's money rows' memos, in the tables and their log, as text. */
const serverMemos = async (server: ServerConfig) =>
  (
    await serverRows<{ t: string }>(
      server,
      `SELECT memo AS t FROM ledger_entries WHERE memo IS NOT NULL
       UNION ALL SELECT memo FROM receipts WHERE memo IS NOT NULL
       UNION ALL SELECT row::text FROM change_log WHERE tbl IN ('ledger_entries', 'receipts')`,
    )
  ).map((r) => r.t);

/** The server's money, without the memos. */
const serverMoney = (server: ServerConfig) =>
  serverRows(
    server,
    `SELECT (SELECT jsonb_agg(to_jsonb(l) - 'memo' ORDER BY gid) FROM ledger_entries l) AS ledger,
       (SELECT jsonb_agg(to_jsonb(r) - 'memo' ORDER BY gid) FROM receipts r) AS receipts,
       (SELECT sum(amount) FROM ledger_entries) AS sum`,
  );

const memosAt = (d: Desktop) =>
  all<{ memo: string }>(
    d.ctx.db,
    `SELECT memo FROM ledger_entries WHERE memo IS NOT NULL
     UNION ALL SELECT memo FROM receipts WHERE memo IS NOT NULL`,
  ).map((r) => r.memo);

const balancesAt = (d: Desktop) =>
  all(d.ctx.db, `SELECT id, insurance_balance, patient_balance FROM accounts ORDER BY id`);

describeWithPg("a de-identified patient's money rows", () => {
  it('keep their memos on the server and at every desk without her name, and every amount', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, hersOwing);
    const hers = accountIds[0] as AccountId;
    call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
    pay(at(b.ctx, LONG_AGO), hers, 5_000, 'Eleanor Testwell paid at the window.');
    writeOffPatient(at(b.ctx, LONG_AGO), hers, 15_000, "Eleanor Testwell's estate has nothing.");
    await syncAll(b, a);
    for (const d of [a, b]) closeAccount(d, hers);
    expect((await serverMemos(server)).filter((t) => NAME.test(t))).toHaveLength(6);
    const money = await serverMoney(server);
    const balances = balancesAt(a);

    deidentifyAt(a, hers);
    // the scrub of A's own money rows is no change to send: only the de-identification goes
    const sealed = all<{ changes: string }>(a.ctx.db, `SELECT changes FROM outbox`).flatMap(
      (e) => JSON.parse(e.changes) as { tbl: string }[],
    );
    expect(sealed.map((c) => c.tbl)).toContain('people');
    expect(sealed.filter((c) => c.tbl === 'ledger_entries' || c.tbl === 'receipts')).toEqual([]);
    expect(memosAt(a).filter((t) => NAME.test(t))).toEqual([]);
    await syncAll(a, b);

    expect((await serverMemos(server)).filter((t) => NAME.test(t))).toEqual([]);
    expect(await serverMemos(server)).toEqual(
      expect.arrayContaining([
        `Small balance write-off: ${REMOVED}'s estate has nothing.`,
        `${REMOVED} paid at the window.`,
      ]),
    );
    expect(await serverMoney(server)).toEqual(money);
    for (const d of [a, b]) {
      expect(memosAt(d).filter((t) => NAME.test(t))).toEqual([]);
      expect(memosAt(d)).toContain(`Small balance write-off: ${REMOVED}'s estate has nothing.`);
      expect(balancesAt(d)).toEqual(balances);
      expect(balanceDrift(d.ctx)).toBe(0);
    }
    expect(all(a.ctx.db, `SELECT seq FROM not_synced`)).toEqual([]);
  });

  it('are blanked whole where typed before it and arriving after, their amounts kept', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, hersOwing);
    const hers = accountIds[0] as AccountId;
    writeOffPatient(at(a.ctx, LONG_AGO), hers, 20_000, 'Nothing to collect.');
    // B, not yet synced, takes a payment the day before A de-identifies her
    pay(at(b.ctx, addDays(TEST_TODAY, -1)), hers, 2_500, "Eleanor Testwell's daughter paid.");
    closeAccount(a, hers);
    deidentifyAt(a, hers);
    await a.sync.sync();
    // B sends it, then takes the de-identification: its copy scrubbed by her names
    await b.sync.sync();
    expect(memosAt(b)).toContain(`${REMOVED}'s daughter paid.`);
    // A has no names left to look for: the memo typed before is blanked whole
    await a.sync.pull();
    expect(
      all(a.ctx.db, `SELECT memo, amount FROM receipts WHERE amount = 2500 ORDER BY id`),
    ).toEqual([{ memo: REMOVED, amount: 2_500 }]);
    expect(
      all(a.ctx.db, `SELECT memo, amount FROM ledger_entries WHERE amount = -2500 ORDER BY id`),
    ).toEqual([{ memo: REMOVED, amount: -2_500 }]);
    expect(memosAt(a)).toContain('Small balance write-off: Nothing to collect.');
    for (const d of [a, b]) expect(balanceDrift(d.ctx)).toBe(0);
    // nothing was sent for it
    expect(await a.sync.sync()).toMatchObject({ push: { accepted: 0, refused: 0 } });
  });

  it('are changed on the server only in the purge, and then only in their memo', async () => {
    const server = await createServerDatabase();
    const { b, accountIds } = await twoDesktops(server, 1, hersOwing);
    pay(b.ctx, accountIds[0] as AccountId, 2_500, 'At the window.');
    await b.sync.sync();
    const client = new pg.Client(server);
    await client.connect();
    const tryUpdate = async (purging: boolean, sql: string) => {
      await client.query('BEGIN');
      try {
        if (purging) await client.query(`SELECT set_config('claimdesk.purging', 'on', true)`);
        await client.query(sql);
        return 'updated';
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      } finally {
        await client.query('ROLLBACK');
      }
    };
    try {
      for (const t of ['ledger_entries', 'receipts']) {
        expect(await tryUpdate(false, `UPDATE ${t} SET memo = '${REMOVED}'`)).toBe(
          `${t} rows are insert-only`,
        );
        expect(await tryUpdate(true, `UPDATE ${t} SET memo = '${REMOVED}'`)).toBe('updated');
        expect(await tryUpdate(true, `UPDATE ${t} SET amount = amount + 1`)).toBe(
          `${t} rows are insert-only`,
        );
        expect(await tryUpdate(true, `UPDATE ${t} SET memo = '${REMOVED}', created_at = 'x'`)).toBe(
          `${t} rows are insert-only`,
        );
        expect(await tryUpdate(true, `DELETE FROM ${t}`)).toBe(`${t} rows are insert-only`);
      }
    } finally {
      await client.end();
    }
  });
});
