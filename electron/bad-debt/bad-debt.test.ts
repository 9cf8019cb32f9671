import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, PayerId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, one } from '../db/query';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { balanceDrift, createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

let ctx: TestCtx;
let sup: Ctx;
let sup2: Ctx;
let accountId: AccountId;
let payerId: PayerId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16; the test user is a representative
  sup = { ...ctx, userId: ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now()) };
  makeSupervisor(ctx, sup.userId);
  sup2 = { ...ctx, userId: ensureUser(ctx.db, 'sup.two', 'Sue Second', ctx.clock.now()) };
  makeSupervisor(ctx, sup2.userId);
  payerId = addPayer(ctx);
  const personId = addPerson(ctx, { first: 'Hal', last: 'Moreno' });
  addAddress(ctx, personId);
  accountId = addAccount(ctx, { patientId: personId, number: 'BD-1' }).accountId;
  addBilledClaim(ctx, accountId, payerId, [12_000], 'patient');
  addBilledClaim(ctx, accountId, payerId, [18_000], 'patient');
});
afterEach(() => ctx.close());

const balance = () => call(ctx, 'getAccount', { accountId }).balance.patient;
const pay = (c: Ctx, amount: number) =>
  call(c, 'postPatientPayment', { accountId, amount, method: 'cash', receivedDate: '2026-03-16' });
const collections = () => {
  const report = call(ctx, 'getReport', {
    report: 'collections',
    filters: { from: '2026-03-01', to: '2026-03-31' },
  });
  return Object.fromEntries(report.figures.map((f) => [f.label, f.value]));
};

/** A representative asks; another supervisor than the one who asked approves. */
function moveToBadDebt(): void {
  const asked = call(ctx, 'requestBadDebt', { accountId, memo: 'No contact in 180 days' });
  expect(asked.pendingRequest?.amount).toBe(30_000);
  call(sup, 'decideAdjustment', {
    requestId: asked.pendingRequest?.id ?? 0,
    decision: 'approve',
    note: 'Uncollectible',
  });
}

describe('bad debt', () => {
  it("waits for a supervisor's approval, nobody decides their own, and nothing posts before", () => {
    const asked = call(sup, 'requestBadDebt', { accountId, memo: 'Skip trace failed' });
    expect(asked.status).toBe('open');
    expect(balance()).toBe(30_000);
    expect(
      one(ctx.db, `SELECT count(*) AS n FROM ledger_entries WHERE kind = 'adjustment'`),
    ).toEqual({ n: 0 });
    const requestId = asked.pendingRequest?.id ?? 0;
    expect(call(ctx, 'listStatementCandidates', {}).accounts.flatMap((a) => a.accountIds)).toEqual([
      accountId,
    ]);
    expectRefused(
      sup,
      'decideAdjustment',
      { requestId, decision: 'approve', note: 'ok' },
      /another supervisor/,
    );
    expectRefused(
      ctx,
      'decideAdjustment',
      { requestId, decision: 'approve', note: 'ok' },
      /Only a supervisor/,
    );
    expectRefused(
      ctx,
      'requestBadDebt',
      { accountId, memo: 'again' },
      /already has a write-off waiting/,
    );
    // a bad-debt reason is never posted as a plain adjustment, under the limit or not
    expectRefused(
      sup,
      'postAdjustment',
      { accountId, side: 'patient', amount: 100, reasonCode: 'BAD_DEBT', memo: 'x' },
      /Bad debt is not posted as an adjustment/,
    );
    call(sup2, 'decideAdjustment', { requestId, decision: 'approve', note: 'Uncollectible' });
    const view = call(ctx, 'getBadDebt', { accountId });
    expect(view).toMatchObject({
      status: 'bad_debt',
      patientBalance: 0,
      pendingRequest: null,
      standing: { amount: 30_000, movedOn: '2026-03-16', approvedBy: 'Sue Second', recovered: 0 },
    });
    // one bad-debt row per claim, in the bad-debt category, apart from contractual ones
    expect(
      all(
        ctx.db,
        `SELECT l.amount, r.category FROM ledger_entries l JOIN adjustment_reasons r ON r.code = l.reason_code
           WHERE l.kind = 'adjustment' ORDER BY l.id`,
      ),
    ).toEqual([
      { amount: -12_000, category: 'bad_debt' },
      { amount: -18_000, category: 'bad_debt' },
    ]);
    // statements stop
    // statements stop, even for a late charge that lands after the move
    addBilledClaim(ctx, accountId, payerId, [2_000], 'patient');
    const listedIds = () =>
      call(ctx, 'listStatementCandidates', {}).accounts.flatMap((a) => [
        ...a.accountIds,
        ...a.held.map((h) => h.accountId),
      ]);
    expect(listedIds()).toEqual([]);
    expect(collections()).toMatchObject({
      'Bad debt written off': 30_000,
      'Bad debt recovered': 0,
    });
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('refuses a balance still with insurance, a credit, or an application waiting', () => {
    call(ctx, 'receiveAssistanceApplication', { accountId, receivedOn: '2026-03-10' });
    expectRefused(ctx, 'requestBadDebt', { accountId, memo: 'x' }, /application is waiting/);
  });

  const movesRecovered = () =>
    all<{ n: number }>(ctx.db, `SELECT recovered AS n FROM bad_debt_moves ORDER BY id`).map(
      (m) => m.n,
    );

  it('a payment after it posts as a recovery, and a reversed payment takes the recovery back', () => {
    moveToBadDebt();
    const paid = pay(ctx, 5_000);
    expect(paid.balance.patient).toBe(0);
    expect(call(ctx, 'getBadDebt', { accountId }).standing?.recovered).toBe(5_000);
    // the standing move keeps the sum too, so a recovery changes the move (the office's race)
    expect(movesRecovered()).toEqual([5_000]);
    expect(collections()).toMatchObject({
      'Bad debt written off': 30_000,
      'Bad debt recovered': 5_000,
      'Bad debt net of recoveries': 25_000,
      'Other payments on bad-debt accounts': 0,
    });
    call(sup, 'reversePayment', { receiptId: paid.receiptId ?? 0, reason: 'Check returned' });
    expect(balance()).toBe(0);
    expect(call(ctx, 'getBadDebt', { accountId }).standing?.recovered).toBe(0);
    expect(movesRecovered()).toEqual([0]);
    expect(collections()).toMatchObject({ 'Bad debt recovered': 0 });
    // a bad-debt row is undone with the whole move, not on its own
    const row = one<{ id: number }>(
      ctx.db,
      `SELECT id FROM ledger_entries WHERE reason_code = 'BAD_DEBT' LIMIT 1`,
    );
    expectRefused(sup, 'reverseEntry', { entryId: row?.id, reason: 'x' }, /undone as a whole/);
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('is undone by reversal: what the patient still owes comes back and the account opens', () => {
    moveToBadDebt();
    pay(ctx, 7_500);
    expectRefused(ctx, 'undoBadDebt', { accountId, reason: 'Found assets' }, /Only a supervisor/);
    const undone = call(sup, 'undoBadDebt', { accountId, reason: 'Patient called, wants a plan' });
    expect(undone).toMatchObject({ status: 'open', standing: null, patientBalance: 22_500 });
    expect(collections()).toMatchObject({ 'Bad debt written off': 0, 'Bad debt recovered': 0 });
    expectRefused(sup, 'undoBadDebt', { accountId, reason: 'again' }, /not in bad debt/);
    // and it can be moved again, for what is owed now
    const asked = call(ctx, 'requestBadDebt', { accountId, memo: 'Plan never started' });
    expect(asked.pendingRequest?.amount).toBe(22_500);
    expect(balanceDrift(ctx)).toBe(0);
  });
});
