import { expect, it } from 'vitest';
import type { AccountId, BatchId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { batchPayment as pay, moneyState, owing } from '../testing/office/money';
import {
  accountId as accountNumbered,
  cash,
  importClaim,
  serverCount,
  withAcme,
} from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';

/** A batch as each copy shows it, by what does not depend on local ids. */
function batchView(ctx: Ctx, batchId: number) {
  const { batch, receipts, byMethod } = call(ctx, 'getBatch', { batchId: batchId as BatchId });
  return {
    depositDate: batch.depositDate,
    source: batch.source,
    description: batch.description,
    expectedTotal: batch.expectedTotal,
    postedTotal: batch.postedTotal,
    receiptCount: batch.receiptCount,
    createdBy: batch.createdBy,
    receipts: receipts
      .map((r) => `${r.accountNumber} ${r.amount} ${r.method} ${r.createdBy}`)
      .sort(),
    byMethod,
  };
}

/** The local id on `to` of the batch `from` has, by its office-wide id. */
function sameBatch(from: Ctx, to: Ctx, batchId: number): BatchId {
  return oneOrThrow<{ id: BatchId }>(
    to.db,
    `SELECT local_id AS id FROM sync_rows WHERE tbl = 'deposit_batches' AND gid = ?`,
    gidOf(from.db, 'deposit_batches', batchId),
  ).id;
}

describeWithPg('deposit batches between desktops', () => {
  it('takes a batch opened at one desktop to the other, where receipts posted into it at either desk land in it', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    const opened = call(a.ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'mail',
      expectedTotal: 9_000,
      description: 'Monday mail',
    });
    call(a.ctx, 'postPatientPayment', pay(first, opened.id, 5_000, '1001'));
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await b.sync.pull();

    // B counts the rest of the same envelope into the same batch
    const onB = sameBatch(a.ctx, b.ctx, opened.id);
    expect(batchView(b.ctx, onB)).toEqual(batchView(a.ctx, opened.id));
    call(b.ctx, 'postPatientPayment', pay(second, onB, 4_000, '1002'));
    await syncAll(b, a);

    const view = batchView(a.ctx, opened.id);
    expect(view).toMatchObject({
      source: 'mail',
      description: 'Monday mail',
      expectedTotal: 9_000,
      postedTotal: 9_000,
      receiptCount: 2,
      byMethod: [{ method: 'check', count: 2, total: 9_000 }],
    });
    expect(view.receipts).toHaveLength(2);
    expect(batchView(b.ctx, onB)).toEqual(view);
    // one batch on each copy and on the server, the receipts of both desks naming it
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT count(*) AS n FROM deposit_batches`)).toEqual([{ n: 1 }]);
    }
    expect(await serverCount(server, `SELECT count(*) AS n FROM deposit_batches`)).toBe(1);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM receipts r JOIN deposit_batches b ON b.gid = r.batch_gid`,
      ),
    ).toBe(2);
    // balanced at A, the batch closes there, and then at B
    expect(call(a.ctx, 'closeBatch', { batchId: opened.id as BatchId }).status).toBe('closed');
    await syncAll(a, b);
    expect(call(b.ctx, 'getBatch', { batchId: onB }).batch).toMatchObject({
      status: 'closed',
      closedAt: expect.any(String),
    });
    expect(() => call(b.ctx, 'postPatientPayment', pay(second, onB, 100, '1003'))).toThrow(
      /is closed/,
    );
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
  });

  it('closes a batch once office-wide: not over a receipt posted at another desk, and a receipt not into a closed batch', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    const opened = call(a.ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'mail',
      expectedTotal: 5_000,
      description: 'Tuesday mail',
    });
    const batchId = opened.id as BatchId;
    call(a.ctx, 'postPatientPayment', pay(first, batchId, 5_000, '2001'));
    await syncAll(a, b);
    const onB = sameBatch(a.ctx, b.ctx, batchId);

    // B posts into the batch while A, balanced without it, closes it: B's comes first
    call(b.ctx, 'postPatientPayment', pay(second, onB, 2_000, '2002'));
    call(a.ctx, 'closeBatch', { batchId });
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    expect(all<{ reason: string }>(a.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This deposit batch was not closed: $20.00 more was posted into it at another desktop. It is open again here, with what was posted there, to be balanced and closed.',
      },
    ]);
    const reopened = batchView(a.ctx, batchId);
    expect(reopened).toMatchObject({ postedTotal: 7_000, receiptCount: 2, expectedTotal: 5_000 });
    expect(call(a.ctx, 'getBatch', { batchId }).batch.status).toBe('open');
    expect(batchView(b.ctx, onB)).toEqual(reopened);

    // put right at A, closed at 7,000; meanwhile B posts into it again, and comes second
    call(a.ctx, 'setBatchTotal', { batchId, expectedTotal: 7_000 });
    call(a.ctx, 'closeBatch', { batchId });
    call(b.ctx, 'postPatientPayment', pay(second, onB, 500, '2003'));
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    expect(all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This deposit batch was already closed at another desktop; this posting was withdrawn. Post it again into an open batch.',
      },
    ]);
    const closed = batchView(a.ctx, batchId);
    expect(closed).toMatchObject({ postedTotal: 7_000, receiptCount: 2, expectedTotal: 7_000 });
    expect(batchView(b.ctx, onB)).toEqual(closed);
    for (const [d, id] of [
      [a, batchId],
      [b, onB],
    ] as const) {
      expect(call(d.ctx, 'getBatch', { batchId: id }).batch.status).toBe('closed');
    }
    expect(await serverCount(server, `SELECT count(*) AS n FROM batch_closings`)).toBe(1);
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
  });

  it("takes a reversal into the batch of the payment it reverses, on the other desk's copy too", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    const taken = call(a.ctx, 'takePayment', {
      accountId,
      amount: 3_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    await syncAll(a, b);
    const onB = sameBatch(a.ctx, b.ctx, taken.batch.id);
    expect(batchView(b.ctx, onB)).toMatchObject({ postedTotal: 3_000, receiptCount: 1 });
    const receipt = oneOrThrow<{ id: number }>(
      b.ctx.db,
      `SELECT id FROM receipts WHERE batch_id = ?`,
      onB,
    ).id;
    call(b.ctx, 'reversePayment', { receiptId: receipt, reason: 'Wrong account.' });
    await syncAll(b, a);

    const view = batchView(a.ctx, taken.batch.id);
    expect(view).toMatchObject({ postedTotal: 0, receiptCount: 0 });
    expect(view.receipts).toHaveLength(2);
    expect(batchView(b.ctx, onB)).toEqual(view);
    // a payment taken at B today goes into the desk's batch of today, wherever it was opened
    const again = call(b.ctx, 'takePayment', {
      accountId,
      amount: 1_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    expect(again.batchOpened).toBe(false);
    await syncAll(b, a);
    expect(batchView(a.ctx, taken.batch.id)).toMatchObject({ postedTotal: 1_000, receiptCount: 1 });
    expect(batchView(b.ctx, onB)).toEqual(batchView(a.ctx, taken.batch.id));
  });

  it('keeps a batch, and the payments posted into it, when the payment that opened it is refused', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, id) => {
      withAcme(ctx);
      owing(ctx, id);
    });
    const [owes] = accountIds as [AccountId];
    importClaim(a, '100234', [12_000]);
    // B imports the same account number, and its first payment of the day, on it, opens
    // the desk's batch; the next, on an account the office has, goes into the same batch
    importClaim(b, '100234', [30_000], 'other.837');
    const opened = call(b.ctx, 'takePayment', cash(accountNumbered(b.ctx, '100234'), 5_000));
    expect(opened.batchOpened).toBe(true);
    expect(call(b.ctx, 'takePayment', cash(owes, 2_000)).batch.id).toBe(opened.batch.id);
    await a.sync.sync();
    // the batch goes alone, and the payment on the account the office has is accepted
    const pushed = (await b.sync.sync()).push;
    expect(pushed.accepted).toBe(2);
    expect(pushed.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    const onA = sameBatch(b.ctx, a.ctx, opened.batch.id);
    const view = batchView(b.ctx, opened.batch.id);
    expect(view).toMatchObject({ postedTotal: 2_000, receiptCount: 1 });
    expect(batchView(a.ctx, onA)).toEqual(view);
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
  });

  it('takes the office’s closing of a batch two desks closed at once, and lists the second', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owing);
    const [accountId] = accountIds as [AccountId];
    const taken = call(a.ctx, 'takePayment', cash(accountId, 3_000));
    const batchId = taken.batch.id as BatchId;
    await syncAll(a, b);
    const onB = sameBatch(a.ctx, b.ctx, batchId);
    call(a.ctx, 'closeBatch', { batchId });
    call(b.ctx, 'closeBatch', { batchId: onB });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    // B hears of A's closing before its own is refused: the batch stays closed either way
    await b.sync.pull();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    expect(all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      { reason: 'This deposit batch was already closed at another desktop.' },
    ]);
    const closed = call(a.ctx, 'getBatch', { batchId }).batch;
    expect(call(b.ctx, 'getBatch', { batchId: onB }).batch).toMatchObject({
      status: 'closed',
      closedAt: closed.closedAt,
      postedTotal: 3_000,
    });
    expect(await serverCount(server, `SELECT count(*) AS n FROM batch_closings`)).toBe(1);
  });

  it('numbers a batch the same on every desk, apart from another desk’s batch of the same id', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, owing);
    const open = (ctx: Ctx, description: string) =>
      call(ctx, 'openBatch', {
        depositDate: TEST_TODAY,
        source: 'mail',
        expectedTotal: 100,
        description,
      });
    // each desk's first batch since joining: id 1 at both
    const atA = open(a.ctx, 'A mail');
    const atB = open(b.ctx, 'B mail');
    expect([atA.id, atB.id]).toEqual([1, 1]);
    const deskOf = (ctx: Ctx) =>
      oneOrThrow<{ id: string }>(ctx.db, `SELECT desktop_id AS id FROM office_link`)
        .id.slice(0, 6)
        .toUpperCase();
    // numbered so as the request answers, before the commit names it office-wide
    expect(atA.number).toBe(`1-${deskOf(a.ctx)}`);
    expect(atB.number).toBe(`1-${deskOf(b.ctx)}`);
    expect(atA.number).not.toBe(atB.number);
    await syncAll(a, b);
    const numbers = (ctx: Ctx) =>
      call(ctx, 'listBatches', {})
        .map((x) => `${x.number} ${x.description ?? ''}`)
        .sort();
    expect(numbers(a.ctx)).toEqual([`${atA.number} A mail`, `${atB.number} B mail`].sort());
    expect(numbers(b.ctx)).toEqual(numbers(a.ctx));
    // B's copy of A's batch has another local id there, and A's number
    const onB = sameBatch(a.ctx, b.ctx, atA.id);
    expect(onB).not.toBe(atA.id);
    expect(call(b.ctx, 'getBatch', { batchId: onB }).batch.number).toBe(atA.number);
    // and a message naming the batch says the number people know it by
    expect(() => call(b.ctx, 'closeBatch', { batchId: onB })).toThrow(
      `Batch ${atA.number} does not balance`,
    );
  });
});
