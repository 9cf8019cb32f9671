import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { createTestCtx, staleQueueColumns, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { addDays } from '../../shared/dates/iso-date';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

/** A self-pay account owing 100.00 on an older claim and 50.00 on a newer one. */
function selfPayAccount() {
  const payerId = addPayer(ctx);
  const { accountId } = addAccount(ctx);
  const older = addBilledClaim(ctx, accountId, payerId, [10_000], 'patient');
  const newer = addBilledClaim(ctx, accountId, payerId, [5_000], 'patient');
  return { accountId, older: older.claimId, newer: newer.claimId };
}

const patientSideOf = (claimId: number) =>
  (
    ctx.db
      .prepare(
        `SELECT sum(amount) AS b FROM ledger_entries WHERE claim_id = ? AND side = 'patient'`,
      )
      .get(claimId) as { b: number }
  ).b;

describe('postPatientPayment', () => {
  it('applies a payment oldest claim first and records one receipt', () => {
    const a = selfPayAccount();
    const result = call(ctx, 'postPatientPayment', {
      accountId: a.accountId,
      amount: 12_000,
      method: 'check',
      checkNumber: '1042',
      receivedDate: TEST_TODAY,
    });
    expect(result.balance).toEqual({ total: 3_000, insurance: 0, patient: 3_000 });
    expect(patientSideOf(a.older)).toBe(0);
    expect(patientSideOf(a.newer)).toBe(3_000);
    expect(result.entryIds).toHaveLength(2);
    const receipts = ctx.db.prepare(`SELECT amount, method, check_number FROM receipts`).all();
    expect(receipts).toEqual([{ amount: 12_000, method: 'check', check_number: '1042' }]);
    expect(result.message).toMatch(/Posted \$120\.00 check payment/);
  });

  it('applies to the claims the person chose', () => {
    const a = selfPayAccount();
    call(ctx, 'postPatientPayment', {
      accountId: a.accountId,
      amount: 5_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
      allocations: [{ claimId: a.newer, amount: 5_000 }],
    });
    expect(patientSideOf(a.older)).toBe(10_000);
    expect(patientSideOf(a.newer)).toBe(0);
  });

  it('keeps an overpayment on the account as a credit and puts it in the work queue', () => {
    const a = selfPayAccount();
    const result = call(ctx, 'postPatientPayment', {
      accountId: a.accountId,
      amount: 16_000,
      method: 'card',
      reference: 'AUTH 77120',
      receivedDate: TEST_TODAY,
    });
    expect(result.balance.patient).toBe(-1_000);
    expect(result.message).toMatch(/credit of \$10\.00/);
    const queue = call(ctx, 'listQueue', { kind: 'credit_balance' });
    expect(queue.rows.map((r) => [r.accountId, r.balance])).toEqual([[a.accountId, -1_000]]);
    expect(queue.rows[0]?.reason).toMatch(/Credit balance of \$10\.00 on the patient side/);
    expect(staleQueueColumns(ctx, a.accountId)).toBe(0);

    // refunding the credit (a supervisor's to post) takes the account out of the queue again
    makeSupervisor(ctx);
    call(ctx, 'postRefund', {
      accountId: a.accountId,
      side: 'patient',
      amount: 1_000,
      method: 'check',
      reference: 'Refund check 5001',
      memo: 'Overpaid at the desk',
    });
    expect(call(ctx, 'listQueue', { kind: 'credit_balance' }).total).toBe(0);
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).balance.total).toBe(0);
  });

  it('refuses bad payments with a clear message and writes nothing', () => {
    const a = selfPayAccount();
    const ok = { accountId: a.accountId, amount: 1_000, method: 'cash', receivedDate: TEST_TODAY };
    expectRefused(ctx, 'postPatientPayment', { ...ok, amount: 0 }, /more than \$0\.00/);
    expectRefused(ctx, 'postPatientPayment', { ...ok, amount: -500 }, /more than \$0\.00/);
    expectRefused(ctx, 'postPatientPayment', { ...ok, amount: 10.5 }, /whole cents/);
    expectRefused(ctx, 'postPatientPayment', { ...ok, accountId: 9_999 }, /account was not found/);
    expectRefused(ctx, 'postPatientPayment', { ...ok, method: 'check' }, /check needs its number/);
    expectRefused(ctx, 'postPatientPayment', { ...ok, method: 'card' }, /card payment needs/);
    expectRefused(
      ctx,
      'postPatientPayment',
      { ...ok, receivedDate: addDays(TEST_TODAY, 1) },
      /in the future/,
    );
    expectRefused(
      ctx,
      'postPatientPayment',
      { ...ok, receivedDate: addDays(TEST_TODAY, -400) },
      /more than a year ago/,
    );
    expectRefused(
      ctx,
      'postPatientPayment',
      { ...ok, allocations: [{ claimId: a.older, amount: 400 }] },
      /add up to \$4\.00 but the payment is \$10\.00/,
    );
    expectRefused(
      ctx,
      'postPatientPayment',
      { ...ok, amount: 20_000, allocations: [{ claimId: a.newer, amount: 20_000 }] },
      /has \$50\.00 open for the patient/,
    );
    const other = addAccount(ctx);
    const foreign = addBilledClaim(ctx, other.accountId, addPayer(ctx), [1_000], 'patient');
    expectRefused(
      ctx,
      'postPatientPayment',
      { ...ok, allocations: [{ claimId: foreign.claimId, amount: 1_000 }] },
      /same account/,
    );
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(a.accountId);
    expectRefused(ctx, 'postPatientPayment', ok, /is closed/);
  });
});

describe('reversals', () => {
  it('reverses a whole payment: the original stays, the reversal points to it, balances follow', () => {
    const a = selfPayAccount();
    const paid = call(ctx, 'postPatientPayment', {
      accountId: a.accountId,
      amount: 12_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    const receiptId = paid.receiptId ?? 0;
    const reversed = call(ctx, 'reversePayment', {
      receiptId,
      reason: 'Posted to the wrong account',
    });
    expect(reversed.balance.patient).toBe(15_000);
    const rows = ctx.db
      .prepare(
        `SELECT id, amount, reverses_id AS reversesId FROM ledger_entries WHERE kind = 'payment' ORDER BY id`,
      )
      .all() as { id: number; amount: number; reversesId: number | null }[];
    expect(rows).toHaveLength(4);
    expect(rows.slice(2).map((r) => r.reversesId)).toEqual(paid.entryIds);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(0);
    const receipts = ctx.db
      .prepare(`SELECT amount, reverses_id AS reversesId FROM receipts ORDER BY id`)
      .all();
    expect(receipts).toEqual([
      { amount: 12_000, reversesId: null },
      { amount: -12_000, reversesId: receiptId },
    ]);

    expectRefused(ctx, 'reversePayment', { receiptId, reason: 'again' }, /already been reversed/);
    expectRefused(
      ctx,
      'reversePayment',
      { receiptId: reversed.receiptId, reason: 'undo the undo' },
      /itself a reversal/,
    );
    const reversalEntry = reversed.entryIds[0] ?? 0;
    expectRefused(
      ctx,
      'reverseEntry',
      { entryId: reversalEntry, reason: 'x' },
      /part of a payment/,
    );
    expectRefused(
      ctx,
      'reverseEntry',
      { entryId: paid.entryIds[0], reason: 'x' },
      /part of a payment/,
    );
    expectRefused(
      ctx,
      'reversePayment',
      { receiptId, reason: '   ' },
      /Reason for the reversal is required/,
    );
  });

  it('reverses a single charge once, and never a reversal', () => {
    const a = selfPayAccount();
    const charge = ctx.db
      .prepare(`SELECT id FROM ledger_entries WHERE claim_id = ? AND kind = 'charge'`)
      .get(a.newer) as { id: number };
    const result = call(ctx, 'reverseEntry', { entryId: charge.id, reason: 'Duplicate charge' });
    expect(result.balance.patient).toBe(10_000);
    const reversalId = result.entryIds[0] ?? 0;
    expectRefused(
      ctx,
      'reverseEntry',
      { entryId: charge.id, reason: 'again' },
      /already been reversed/,
    );
    expectRefused(
      ctx,
      'reverseEntry',
      { entryId: reversalId, reason: 'again' },
      /cannot itself be reversed/,
    );
  });
});
