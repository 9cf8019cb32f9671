import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { moveToBadDebt } from '../testing/office/bad-debt';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

const pay = (d: Desktop, account: AccountId) =>
  call(d.ctx, 'postPatientPayment', {
    accountId: account,
    amount: 5_000,
    method: 'cash',
    receivedDate: '2026-03-16',
  });

const undo = (d: Desktop, account: AccountId) =>
  call(d.ctx, 'undoBadDebt', { accountId: account, reason: 'Estate will pay' });

const statusOf = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ status: string }>(d.ctx.db, `SELECT status FROM accounts WHERE id = ?`, account)
    .status;

/** The bad-debt and recovery adjustments still standing (not reversed, not a reversal). */
const standingBadDebt = (d: Desktop, account: AccountId) =>
  all<{ reason: string; amount: number }>(
    d.ctx.db,
    `SELECT reason_code AS reason, amount FROM ledger_entries l
      WHERE account_id = ? AND reason_code IN ('BAD_DEBT', 'BAD_DEBT_RECOVERY')
        AND reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id)`,
    account,
  );

const REFUSED =
  "Someone changed this account's move to bad debt first at another desktop; this desktop took the office's record of it.";

/**
 * A payment at one desk on an account in bad debt recovers part of the write-off; the move's
 * undoing at another desk reverses only the recoveries that desk knows of. Both changing the
 * move, the office accepts only the first; the second is listed for its desk to redo.
 */
describeWithPg('a recovery at one desk while another undoes the move', () => {
  async function raced() {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    moveToBadDebt(a, account, { approver: b.ctx.userId });
    await syncAll(a, b);
    pay(b, account);
    undo(a, account);
    return { server, a, b, account };
  }

  it('the undoing first: the payment and its recovery are refused whole, then posted on the open account', async () => {
    const { server, a, b, account } = await raced();
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push.refused).toBe(1);
    await syncAll(a, b);

    // B's payment went back with its recovery; the account is open and owes what it did
    let balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([20_000]);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('open');
      expect(standingBadDebt(d, account)).toEqual([]);
    }
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([REFUSED]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);

    // redone on the office's state: an ordinary payment on the reopened account
    pay(b, account);
    await syncAll(a, b);
    balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([15_000]);
    for (const d of [a, b]) expect(standingBadDebt(d, account)).toEqual([]);
    expect(
      await serverRows(server, `SELECT count(*)::int AS n FROM receipts WHERE amount = 5000`),
    ).toEqual([{ n: 1 }]);
  });

  it('the recovery first: the undoing is refused whole, then redone reversing the recovery too', async () => {
    const { server, a, b, account } = await raced();
    expect((await b.sync.sync()).push.refused).toBe(0);
    expect((await a.sync.sync()).push.refused).toBe(1);
    await syncAll(a, b);

    // still in bad debt, $50 of the $200 written off recovered by B's payment
    let balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([0]);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('bad_debt');
      expect(call(d.ctx, 'getBadDebt', { accountId: account }).standing).toMatchObject({
        amount: 20_000,
        recovered: 5_000,
      });
    }
    expect(await serverRows(server, `SELECT recovered::int AS n FROM bad_debt_moves`)).toEqual([
      { n: 5_000 },
    ]);
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([REFUSED]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);

    // redone on the office's state: the undoing reverses B's recovery as well
    undo(a, account);
    await syncAll(a, b);
    balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([15_000]);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('open');
      expect(standingBadDebt(d, account)).toEqual([]);
    }
  });

  it("a payment's reversal taking its recovery back is refused beside the undoing, never reversed twice", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    moveToBadDebt(a, account, { approver: b.ctx.userId });
    await syncAll(a, b);
    const paid = pay(b, account);
    await syncAll(a, b);
    call(b.ctx, 'reversePayment', { receiptId: paid.receiptId ?? 0, reason: 'Check returned' });
    undo(a, account);
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push.refused).toBe(1);
    await syncAll(a, b);

    // A's undoing reversed the write-off and the recovery; the payment still stands
    let balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([15_000]);
    // refused first for the recovery A's undoing had reversed already
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      'This entry was already reversed at another desktop ($50.00 on 03/16/2026); this reversal was withdrawn.',
    ]);

    // redone on the office's state: only the payment is left to take back
    call(b.ctx, 'reversePayment', { receiptId: paid.receiptId ?? 0, reason: 'Check returned' });
    await syncAll(a, b);
    balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([20_000]);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('open');
      expect(standingBadDebt(d, account)).toEqual([]);
    }
  });
});
