import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function owingAccount(): number {
  const { accountId } = addAccount(ctx);
  addBilledClaim(ctx, accountId, addPayer(ctx), [20_000], 'patient');
  return accountId;
}

const batches = () =>
  ctx.db
    .prepare(
      `SELECT id, deposit_date AS depositDate, source, status, expected_total AS expected
         FROM deposit_batches ORDER BY id`,
    )
    .all() as { id: number; depositDate: string; source: string; expected: number }[];

const cash = (accountId: number, amount = 2_500) => ({
  accountId,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});

describe('takePayment', () => {
  it('opens a front-desk batch for today when none is open, and says so', () => {
    const accountId = owingAccount();
    const first = call(ctx, 'takePayment', cash(accountId));
    expect(first.batchOpened).toBe(true);
    expect(batches()).toEqual([
      {
        id: first.batch.id,
        depositDate: TEST_TODAY,
        source: 'desk',
        status: 'open',
        expected: 2_500,
      },
    ]);
    expect(first.batch).toMatchObject({ postedTotal: 2_500, receiptCount: 1 });

    // the next payment joins it rather than opening another
    const second = call(ctx, 'takePayment', cash(owingAccount(), 1_000));
    expect(second.batchOpened).toBe(false);
    expect(second.batch.id).toBe(first.batch.id);
    expect(batches()).toHaveLength(1);
    const receipts = ctx.db.prepare(`SELECT batch_id AS b FROM receipts ORDER BY id`).all();
    expect(receipts).toEqual([{ b: first.batch.id }, { b: first.batch.id }]);
  });

  it("goes into today's open front-desk batch before a mail batch, never an insurer's or another day's", () => {
    const accountId = owingAccount();
    const today = TEST_TODAY;
    call(ctx, 'openBatch', { depositDate: today, source: 'insurer', expectedTotal: 100 });
    call(ctx, 'openBatch', { depositDate: addDays(today, -1), source: 'desk', expectedTotal: 100 });
    const mail = call(ctx, 'openBatch', { depositDate: today, source: 'mail', expectedTotal: 100 });
    expect(call(ctx, 'takePayment', cash(accountId)).batch.id).toBe(mail.id);
    const desk = call(ctx, 'openBatch', { depositDate: today, source: 'desk', expectedTotal: 100 });
    const result = call(ctx, 'takePayment', cash(accountId));
    expect(result).toMatchObject({ batchOpened: false, batch: { id: desk.id } });
  });

  it('leaves no batch behind when the payment is refused, in the handler or at the door', () => {
    const accountId = owingAccount();
    const closed = owingAccount();
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(closed);
    // refused by the posting rules after the batch was opened in the same transaction
    expectRefused(ctx, 'takePayment', cash(closed), /is closed; nothing can be posted/);
    expectRefused(
      ctx,
      'takePayment',
      { ...cash(accountId), receivedDate: addDays(TEST_TODAY, 1) },
      /in the future/,
    );
    // refused by the contract before any handler runs
    expectRefused(ctx, 'takePayment', cash(accountId, 0), /more than \$0\.00/);
    expectRefused(ctx, 'takePayment', cash(accountId, 100_000_000_00), /out of range/);
    expectRefused(
      ctx,
      'takePayment',
      { ...cash(accountId), method: 'check' },
      /A check needs its number/,
    );
    expectRefused(ctx, 'takePayment', { ...cash(accountId), batchId: 1 }, /batchId/);
    expect(batches()).toEqual([]);
  });
});
