import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function owing(amount: number) {
  const { accountId } = addAccount(ctx);
  addBilledClaim(ctx, accountId, addPayer(ctx), [amount], 'patient');
  return accountId;
}

describe('adjustments', () => {
  it('posts a write-off within the approval limit with its reason', () => {
    const accountId = owing(800);
    const result = call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 800,
      reasonCode: 'SMALL_BALANCE',
      memo: 'Under $10 after insurance',
    });
    expect(result.status).toBe('posted');
    const entry = ctx.db
      .prepare(
        `SELECT kind, side, amount, reason_code AS reasonCode, memo FROM ledger_entries WHERE id = ?`,
      )
      .get(result.entryId);
    expect(entry).toEqual({
      kind: 'adjustment',
      side: 'patient',
      amount: -800,
      reasonCode: 'SMALL_BALANCE',
      memo: 'Small balance write-off: Under $10 after insurance',
    });
    expect(call(ctx, 'getAccount', { accountId }).balance.total).toBe(0);
  });

  it('holds a write-off above the limit until a supervisor approves it', () => {
    const accountId = owing(90_000);
    const held = call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 60_000,
      reasonCode: 'CHARITY',
      memo: 'Approved for 100% financial assistance',
    });
    expect(held.status).toBe('pending_approval');
    expect(held.message).toMatch(/above the \$500\.00 daily approval limit/);
    expect(call(ctx, 'getAccount', { accountId }).balance.patient).toBe(90_000);
    const requestId = held.requestId ?? 0;

    // a representative cannot approve
    expectRefused(ctx, 'decideAdjustment', { requestId, decision: 'approve' }, /Only a supervisor/);

    const supervisorId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supervisorId);
    const asSupervisor = { ...ctx, userId: supervisorId };
    const approved = call(asSupervisor, 'decideAdjustment', {
      requestId,
      decision: 'approve',
      note: 'FA form on file',
    });
    expect(approved.status).toBe('posted');
    expect(call(ctx, 'getAccount', { accountId }).balance.patient).toBe(30_000);
    expect(call(ctx, 'listAdjustmentRequests', { status: 'approved' })[0]).toMatchObject({
      decidedBy: 'Sam Supervisor',
      amount: 60_000,
      reasonLabel: 'Charity care / financial assistance',
    });
    expectRefused(
      asSupervisor,
      'decideAdjustment',
      { requestId, decision: 'reject', note: 'Too late' },
      /already approved/,
    );
  });

  it('a rejected request never posts', () => {
    const accountId = owing(90_000);
    makeSupervisor(ctx);
    const held = call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 90_000,
      reasonCode: 'ADMIN',
      memo: 'Uncollectible',
    });
    // the one who asked cannot decide, not even to refuse
    const requestId = held.requestId ?? 0;
    expectRefused(
      ctx,
      'decideAdjustment',
      { requestId, decision: 'reject', note: 'Changed my mind' },
      /another supervisor/,
    );
    const otherId = ensureUser(ctx.db, 'sup.two', 'Sue Second', ctx.clock.now());
    makeSupervisor(ctx, otherId);
    const asOther = { ...ctx, userId: otherId };
    expectRefused(asOther, 'decideAdjustment', { requestId, decision: 'reject' }, /why/);
    const rejected = call(asOther, 'decideAdjustment', {
      requestId,
      decision: 'reject',
      note: 'Send to the agency first',
    });
    expect(rejected.status).toBe('rejected');
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'adjustment'`).get(),
    ).toEqual({ n: 0 });
  });

  it('refuses a write-off larger than the balance, an unknown reason or no explanation', () => {
    const accountId = owing(1_000);
    const ok = { accountId, side: 'patient', amount: 500, reasonCode: 'ADMIN', memo: 'x' };
    expectRefused(
      ctx,
      'postAdjustment',
      { ...ok, amount: 1_500 },
      /Only \$10\.00 is open on the patient side/,
    );
    expectRefused(
      ctx,
      'postAdjustment',
      { ...ok, side: 'insurance' },
      /Only \$0\.00 is open on the insurance side/,
    );
    expectRefused(ctx, 'postAdjustment', { ...ok, reasonCode: 'WHIM' }, /from the list/);
    expectRefused(ctx, 'postAdjustment', { ...ok, memo: '' }, /Explanation is required/);
  });
});

describe('the list of adjustment reasons', () => {
  it('a supervisor adds and retires reasons; a retired reason cannot be used', () => {
    const accountId = owing(2_000);
    const reason = {
      code: 'prompt_pay',
      label: 'Prompt-pay discount',
      category: 'administrative' as const,
      active: true,
    };
    expectRefused(ctx, 'saveAdjustmentReason', reason, /Only a supervisor/);
    makeSupervisor(ctx);
    const list = call(ctx, 'saveAdjustmentReason', reason);
    expect(list.canChange).toBe(true);
    expect(list.reasons.find((r) => r.code === 'PROMPT_PAY')).toEqual({
      code: 'PROMPT_PAY',
      label: 'Prompt-pay discount',
      category: 'administrative',
      active: true,
    });
    call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 100,
      reasonCode: 'PROMPT_PAY',
      memo: 'Paid at the desk',
    });
    expectRefused(
      ctx,
      'saveAdjustmentReason',
      { ...reason, category: 'charity' },
      /category cannot change/,
    );
    call(ctx, 'saveAdjustmentReason', { ...reason, active: false });
    expectRefused(
      ctx,
      'postAdjustment',
      { accountId, side: 'patient', amount: 100, reasonCode: 'PROMPT_PAY', memo: 'again' },
      /no longer in use/,
    );
  });

  it('the approval limit is a billing rule a supervisor changes', () => {
    const accountId = owing(90_000);
    expect(call(ctx, 'getBillingRules', {})).toMatchObject({
      rules: { writeOffApprovalLimit: 50_000 },
      canChange: false,
      lastChange: null,
    });
    expectRefused(ctx, 'saveBillingRules', { planMaxMonths: 24 }, /Only a supervisor/);
    makeSupervisor(ctx);
    expect(call(ctx, 'saveBillingRules', { writeOffApprovalLimit: 100_000 })).toMatchObject({
      rules: { writeOffApprovalLimit: 100_000, planMaxMonths: 36 },
      canChange: true,
      lastChange: { at: ctx.clock.now(), byName: 'Rita Representative' },
    });
    const posted = call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 60_000,
      reasonCode: 'CHARITY',
      memo: 'FA approved',
    });
    expect(posted.status).toBe('posted');
    expectRefused(ctx, 'saveBillingRules', { planMaxMonths: 0 }, /at least 1/);
  });
});
