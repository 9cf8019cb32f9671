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

function owingAccount(amount: number): number {
  const { accountId } = addAccount(ctx);
  addBilledClaim(ctx, accountId, addPayer(ctx), [amount], 'patient');
  return accountId;
}

describe('deposit batches', () => {
  it('shows the running difference and closes only when it balances', () => {
    const a = owingAccount(50_000);
    const b = owingAccount(50_000);
    const batch = call(ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'mail',
      expectedTotal: 17_500,
      description: 'Morning mail',
    });
    expect(batch).toMatchObject({ postedTotal: 0, difference: 17_500, status: 'open' });
    const pay = (
      accountId: number,
      amount: number,
      method: 'cash' | 'check' | 'card',
      extra = {},
    ) =>
      call(ctx, 'postPatientPayment', {
        accountId,
        batchId: batch.id,
        amount,
        method,
        receivedDate: TEST_TODAY,
        ...extra,
      });
    expect(pay(a, 10_000, 'check', { checkNumber: '311' }).batch?.difference).toBe(7_500);
    const wrong = pay(b, 9_000, 'card', { reference: 'AUTH 1' });
    expect(wrong.batch?.difference).toBe(-1_500);

    expectRefused(ctx, 'closeBatch', { batchId: batch.id }, /\$15\.00 over the expected \$175\.00/);

    // the mis-keyed card payment is reversed inside the open batch and posted again
    const reversed = call(ctx, 'reversePayment', {
      receiptId: wrong.receiptId ?? 0,
      reason: 'Keyed $90, was $75',
    });
    expect(reversed.batch?.difference).toBe(7_500);
    expect(pay(b, 7_500, 'card', { reference: 'AUTH 1' }).batch?.difference).toBe(0);

    const closed = call(ctx, 'closeBatch', { batchId: batch.id });
    expect(closed).toMatchObject({ status: 'closed', postedTotal: 17_500, receiptCount: 2 });
    expectRefused(
      ctx,
      'postPatientPayment',
      { accountId: a, batchId: batch.id, amount: 100, method: 'cash', receivedDate: TEST_TODAY },
      /is closed; open a new batch/,
    );
    expectRefused(ctx, 'setBatchTotal', { batchId: batch.id, expectedTotal: 1 }, /is closed/);

    const view = call(ctx, 'getBatch', { batchId: batch.id });
    expect(view.receipts).toHaveLength(4);
    expect(view.byMethod).toEqual([
      { method: 'card', count: 1, total: 7_500 },
      { method: 'check', count: 1, total: 10_000 },
    ]);
  });

  it('keeps a closed deposit as it was when a payment in it is later reversed', () => {
    const a = owingAccount(5_000);
    const batch = call(ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'desk',
      expectedTotal: 5_000,
    });
    const paid = call(ctx, 'postPatientPayment', {
      accountId: a,
      batchId: batch.id,
      amount: 5_000,
      method: 'check',
      checkNumber: '77',
      receivedDate: TEST_TODAY,
    });
    call(ctx, 'closeBatch', { batchId: batch.id });
    const bounced = call(ctx, 'reversePayment', {
      receiptId: paid.receiptId ?? 0,
      reason: 'Returned NSF',
    });
    expect(bounced.batch).toBeNull();
    const deposit = call(ctx, 'getBatch', { batchId: batch.id });
    expect(deposit.batch).toMatchObject({ postedTotal: 5_000, receiptCount: 1 });
    // the method line counts what its total adds up: the deposit as it was made
    expect(deposit.byMethod).toEqual([{ method: 'check', count: 1, total: 5_000 }]);
    // the day nets the check and its return, in count as in money
    expect(call(ctx, 'getCashSummary', { date: TEST_TODAY }).byMethod).toEqual([
      { method: 'check', count: 0, total: 0 },
    ]);
    expect(call(ctx, 'getAccount', { accountId: a }).balance.patient).toBe(5_000);
  });

  it('summarises the day by batch and method, including money posted outside a batch', () => {
    const a = owingAccount(50_000);
    const desk = call(ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'desk',
      expectedTotal: 3_000,
    });
    const mail = call(ctx, 'openBatch', {
      depositDate: TEST_TODAY,
      source: 'mail',
      expectedTotal: 9_000,
    });
    const post = (batchId: number | null, amount: number, method: 'cash' | 'check') =>
      call(ctx, 'postPatientPayment', {
        accountId: a,
        batchId,
        amount,
        method,
        receivedDate: TEST_TODAY,
        ...(method === 'check' ? { checkNumber: String(amount) } : {}),
      });
    post(desk.id, 3_000, 'cash');
    post(mail.id, 4_000, 'check');
    post(mail.id, 5_000, 'check');
    post(null, 1_000, 'cash');
    call(ctx, 'closeBatch', { batchId: desk.id });
    const summary = call(ctx, 'getCashSummary', { date: TEST_TODAY });
    expect(summary.batches.map((b) => [b.source, b.status, b.postedTotal])).toEqual([
      ['desk', 'closed', 3_000],
      ['mail', 'open', 9_000],
    ]);
    expect(summary.byMethod).toEqual([
      { method: 'cash', count: 2, total: 4_000 },
      { method: 'check', count: 2, total: 9_000 },
    ]);
    expect(summary).toMatchObject({ total: 13_000, openBatches: 1, unbatchedTotal: 1_000 });
  });

  it('refuses a batch without a positive total or with a date in the future', () => {
    const ok = { depositDate: TEST_TODAY, source: 'desk' as const, expectedTotal: 100 };
    expectRefused(ctx, 'openBatch', { ...ok, expectedTotal: 0 }, /more than \$0\.00/);
    expectRefused(ctx, 'openBatch', { ...ok, source: 'drawer' }, /where the money came from/);
    expectRefused(
      ctx,
      'openBatch',
      { ...ok, depositDate: addDays(TEST_TODAY, 1) },
      /in the future/,
    );
    expectRefused(ctx, 'openBatch', { ...ok, depositDate: '2026-02-30' }, /real calendar date/);
    const empty = call(ctx, 'openBatch', ok);
    call(ctx, 'setBatchTotal', { batchId: empty.id, expectedTotal: 250 });
    expect(call(ctx, 'listBatches', { status: 'open' })[0]?.expectedTotal).toBe(250);
  });
});
