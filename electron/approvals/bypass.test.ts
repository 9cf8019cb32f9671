import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contract,
  METHOD_NAMES,
  type InputOf,
  type MethodName,
  type OutputOf,
} from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import { postingMethods } from '../../shared/api/posting';
import type { AccountId, LedgerEntryId, ReceiptId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { balanceDrift, createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

/*
 * A representative calling the API directly (as anyone with DevTools can) against every
 * method that moves money. Each control is proved from the money's side: the ledger,
 * the receipts and the cached balances before and after.
 */

/** Every write of the posting slice, with the control that applies to a representative. */
const MONEY_METHODS: Record<string, string> = {
  postPatientPayment: 'money in; no approval',
  takePayment: "money in; no approval; into today's batch, never one named by the caller",
  postInsurancePayment: 'money in; no approval',
  postAdjustment: 'daily write-off limit per account',
  postRefund: 'always a supervisor',
  reversePayment: 'daily reversal limit per account',
  reverseEntry: 'daily reversal limit per account',
  decideAdjustment: 'a supervisor, never the one who asked',
  saveAdjustmentReason: 'a supervisor',
};

let ctx: TestCtx;
let sup: TestCtx;
let sup2: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  const as = (name: string, display: string) => {
    const userId = ensureUser(ctx.db, name, display, ctx.clock.now());
    makeSupervisor(ctx, userId);
    return { ...ctx, userId };
  };
  sup = as('sup.one', 'Sam Supervisor');
  sup2 = as('sup.two', 'Sue Second');
});
afterEach(() => ctx.close());

/** The money as the books hold it: every ledger row, every receipt, every balance. */
function money() {
  return {
    ledger: ctx.db.prepare(`SELECT id, account_id, kind, side, amount FROM ledger_entries`).all(),
    receipts: ctx.db.prepare(`SELECT id, amount, kind FROM receipts`).all(),
    balances: ctx.db
      .prepare(`SELECT id, insurance_balance AS i, patient_balance AS p FROM accounts`)
      .all(),
  };
}

function patientAccount(charges: readonly number[]) {
  const { accountId } = addAccount(ctx);
  const { claimId } = addBilledClaim(ctx, accountId, addPayer(ctx), charges, 'patient');
  const chargeIds = (
    ctx.db
      .prepare(`SELECT id FROM ledger_entries WHERE claim_id = ? AND kind = 'charge' ORDER BY id`)
      .all(claimId) as { id: LedgerEntryId }[]
  ).map((r) => r.id);
  return { accountId, claimId, chargeIds };
}

const patientBalance = (accountId: AccountId) =>
  call(ctx, 'getAccount', { accountId }).balance.patient;

/** dispatch, typed: a refusal is an answer here, not a failure of the test. */
function attempt<M extends MethodName>(
  as: TestCtx,
  method: M,
  input: InputOf<M>,
): ApiResult<OutputOf<M>> {
  return dispatch(as, method, input) as ApiResult<OutputOf<M>>;
}

function writeOff(as: TestCtx, accountId: AccountId, amount: number) {
  return attempt(as, 'postAdjustment', {
    accountId,
    side: 'patient',
    amount,
    reasonCode: 'ADMIN',
    memo: 'Direct call',
  });
}

describe('every money method, called directly as a representative', () => {
  it('lists every write of the posting slice with its control', () => {
    const writes = METHOD_NAMES.filter(
      (m: MethodName) => m in postingMethods && contract[m].access !== 'read',
    );
    expect([...writes].sort()).toEqual(Object.keys(MONEY_METHODS).sort());
  });

  it('ten write-offs at the limit post the limit once; the rest wait or are refused', () => {
    const { accountId } = patientAccount([600_000]);
    const results = Array.from({ length: 10 }, () => writeOff(ctx, accountId, 50_000));
    const statuses = results.map((r) => (r.ok ? r.value.status : `refused: ${r.error.message}`));
    expect(statuses[0]).toBe('posted');
    expect(statuses[1]).toBe('pending_approval');
    for (const s of statuses.slice(2)) expect(s).toMatch(/already has a write-off waiting/);
    expect(patientBalance(accountId)).toBe(600_000 - 50_000);
    // one cent more on another claim of the same account waits too: the limit is the account's
    const before = money();
    expect(writeOff(ctx, accountId, 1)).toMatchObject({ ok: false });
    expect(money()).toEqual(before);
  });

  it('a write-off reversed gives none of the day back', () => {
    const { accountId } = patientAccount([200_000]);
    const first = writeOff(ctx, accountId, 50_000);
    if (!first.ok) expect.fail(first.error.message);
    call(ctx, 'reverseEntry', { entryId: first.value.entryId ?? 0, reason: 'Wrong account' });
    const again = writeOff(ctx, accountId, 50_000);
    expect(again.ok && again.value.status).toBe('pending_approval');
    expect(patientBalance(accountId)).toBe(200_000);
  });

  it('a $4,934.42 charge is not reversed without a supervisor', () => {
    const { accountId, chargeIds } = patientAccount([493_442]);
    const before = money();
    const held = call(ctx, 'reverseEntry', { entryId: chargeIds[0] ?? 0, reason: 'Billed twice' });
    expect(held.pendingRequestId).toBeGreaterThan(0);
    expect(held.message).toMatch(/above the \$500\.00 daily approval limit/);
    expect(money()).toEqual(before);
    // asking again while it waits is refused and writes nothing at all
    expectRefused(
      ctx,
      'reverseEntry',
      { entryId: chargeIds[0], reason: 'Billed twice' },
      /already waiting/,
    );
    // a second supervisor approves: the reversal posts in the same request
    call(sup, 'decideAdjustment', {
      requestId: held.pendingRequestId ?? 0,
      decision: 'approve',
      note: 'Duplicate charge confirmed',
    });
    expect(patientBalance(accountId)).toBe(0);
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('payment, four charge reversals and a refund: only what fits the limit posts, the refund waits', () => {
    const { accountId, chargeIds } = patientAccount([12_000, 15_000, 13_997, 15_000]);
    call(ctx, 'postPatientPayment', {
      accountId,
      amount: 55_997,
      method: 'cash',
      receivedDate: ctx.clock.today(),
    });
    const reversed = chargeIds.map((entryId) =>
      call(ctx, 'reverseEntry', { entryId, reason: 'Not our service' }),
    );
    expect(reversed.map((r) => r.pendingRequestId === undefined)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(patientBalance(accountId)).toBe(-40_997);
    const before = money();
    const refund = call(ctx, 'postRefund', {
      accountId,
      side: 'patient',
      amount: 40_997,
      method: 'check',
      reference: '1042',
      memo: 'Credit back to the patient',
    });
    expect(refund.pendingRequestId).toBeGreaterThan(0);
    expect(refund.receiptId).toBeNull();
    expect(money()).toEqual(before);
    expect(
      call(sup, 'listAdjustmentRequests', {}).map((r) => [r.kind, r.amount, r.reasonLabel]),
    ).toEqual([
      ['reverse_entry', 15_000, `Reversal of a charge posted ${ctx.clock.today()}`],
      ['refund', 40_997, 'Refund by check 1042'],
    ]);
  });

  it('reversing a payment over the limit waits; a remittance-free day total counts payments too', () => {
    const { accountId } = patientAccount([80_000]);
    const paid = call(ctx, 'postPatientPayment', {
      accountId,
      amount: 60_000,
      method: 'cash',
      receivedDate: ctx.clock.today(),
    });
    const before = money();
    const held = call(ctx, 'reversePayment', {
      receiptId: paid.receiptId ?? (0 as ReceiptId),
      reason: 'Keyed to the wrong account',
    });
    expect(held.pendingRequestId).toBeGreaterThan(0);
    expect(money()).toEqual(before);
    call(sup, 'decideAdjustment', {
      requestId: held.pendingRequestId ?? 0,
      decision: 'approve',
      note: 'Wrong account confirmed',
    });
    expect(patientBalance(accountId)).toBe(80_000);
    // the approved reversal is not the representative's: a small one of their own still posts
    const small = addBilledClaim(ctx, accountId, addPayer(ctx), [20_000], 'patient');
    const smallCharge = ctx.db
      .prepare(`SELECT id FROM ledger_entries WHERE claim_id = ? AND kind = 'charge'`)
      .get(small.claimId) as { id: LedgerEntryId };
    const posted = call(ctx, 'reverseEntry', { entryId: smallCharge.id, reason: 'Not ours' });
    expect(posted.pendingRequestId).toBeUndefined();
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('a representative cannot decide; a supervisor cannot decide their own; each writes nothing', () => {
    const { accountId } = patientAccount([90_000]);
    const asked = attempt(sup, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 60_000,
      reasonCode: 'ADMIN',
      memo: 'Over the limit',
    });
    if (!asked.ok) expect.fail(asked.error.message);
    const requestId = asked.value.requestId ?? 0;
    expect(asked.value.status).toBe('pending_approval');
    expectRefused(
      ctx,
      'decideAdjustment',
      { requestId, decision: 'approve', note: 'ok' },
      /Only a supervisor/,
    );
    expectRefused(
      sup,
      'decideAdjustment',
      { requestId, decision: 'approve', note: 'Mine, fine' },
      /You asked for this yourself; another supervisor has to approve or refuse it\./,
    );
    expectRefused(sup2, 'decideAdjustment', { requestId, decision: 'reject' }, /Say why/);
    call(sup2, 'decideAdjustment', { requestId, decision: 'reject', note: 'Collect first' });
    expect(patientBalance(accountId)).toBe(90_000);
    const history = call(ctx, 'getAccount', { accountId }).activities.map((a) => a.text);
    expect(history).toContain('Write-off of $600.00 refused: Collect first');
  });

  it('an approval that no longer fits the account is refused and writes nothing', () => {
    const { accountId } = patientAccount([10_000]);
    call(sup, 'postPatientPayment', {
      accountId,
      amount: 70_000,
      method: 'check',
      checkNumber: '77',
      receivedDate: ctx.clock.today(),
    });
    const held = call(ctx, 'postRefund', {
      accountId,
      side: 'patient',
      amount: 60_000,
      method: 'check',
      reference: '1043',
      memo: 'Overpaid',
    });
    // meanwhile a supervisor refunds part of the credit directly
    call(sup2, 'postRefund', {
      accountId,
      side: 'patient',
      amount: 30_000,
      method: 'check',
      reference: '1044',
      memo: 'Overpaid',
    });
    expectRefused(
      sup,
      'decideAdjustment',
      { requestId: held.pendingRequestId, decision: 'approve', note: 'ok' },
      /credit of \$300\.00; a refund of \$600\.00 is more than that/,
    );
  });

  it('an approved request posts once, names both people, and does not use up the day', () => {
    const { accountId } = patientAccount([200_000]);
    const held = writeOff(ctx, accountId, 120_000);
    if (!held.ok) expect.fail(held.error.message);
    const requestId = held.value.requestId ?? 0;
    call(sup, 'decideAdjustment', { requestId, decision: 'approve', note: 'Hardship letter' });
    expectRefused(
      sup2,
      'decideAdjustment',
      { requestId, decision: 'approve', note: 'again' },
      /already approved/,
    );
    expect(patientBalance(accountId)).toBe(80_000);
    // the approved amount was the supervisor's decision, not the representative's allowance
    const small = writeOff(ctx, accountId, 50_000);
    expect(small.ok && small.value.status).toBe('posted');
    const history = call(ctx, 'getAccount', { accountId }).activities.map(
      (a) => `${a.userName}: ${a.text}`,
    );
    expect(history).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Rita Representative: .*\$1,200\.00 .*waits for a supervisor/),
        'Sam Supervisor: Write-off of $1,200.00 approved and posted: Hardship letter',
      ]),
    );
    expect(balanceDrift(ctx)).toBe(0);
  });
});
