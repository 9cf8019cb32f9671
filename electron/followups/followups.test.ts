import type { AccountId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { dispatch } from '../api/dispatch';
import { appendLedgerEntries } from '../ledger/ledger';
import { addAccount, addAddress, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

let ctx: ReturnType<typeof createTestCtx>;
let accountId: AccountId;
beforeEach(() => {
  ctx = createTestCtx();
  ({ accountId } = addAccount(ctx, { payerId: addPayer(ctx) }));
  ctx.db.transaction(() =>
    appendLedgerEntries(
      ctx.db,
      [
        {
          accountId,
          kind: 'charge',
          side: 'patient',
          amount: cents(25_000),
          postingDate: addDays(ctx.clock.today(), -45),
        },
      ],
      { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
    ),
  )();
});
afterEach(() => ctx.close());

const queueAccounts = () => call(ctx, 'listQueue', {}).rows.map((r) => r.accountId);

describe('follow-ups and the work queue', () => {
  it('puts an account due today on the queue, and setting next week takes it off', () => {
    const today = ctx.clock.today();
    const { id } = call(ctx, 'setFollowUp', {
      accountId,
      dueDate: today,
      reason: 'Call guarantor',
    });
    expect(queueAccounts()).toContain(accountId);
    const row = call(ctx, 'listQueue', {}).rows.find((r) => r.followUpId === id);
    expect(row).toMatchObject({
      balance: 25_000,
      patientBalance: 25_000,
      agingBucket: 'd31_60',
      ageDays: 45,
    });

    const moved = call(ctx, 'setFollowUp', { accountId, dueDate: addDays(today, 7) });
    expect(moved.id).toBe(id);
    expect(queueAccounts()).not.toContain(accountId);
    // looking ahead a week shows it again
    expect(
      call(ctx, 'listQueue', { dueOnOrBefore: addDays(today, 7) }).rows.map((r) => r.accountId),
    ).toContain(accountId);
    const history = call(ctx, 'getAccount', { accountId }).activities.map((a) => a.text);
    expect(history.some((t) => /moved from 03\/16\/2026 to 03\/23\/2026/.test(t))).toBe(true);
  });

  it('completing a follow-up takes the account off the queue and cannot be done twice', () => {
    const { id } = call(ctx, 'setFollowUp', { accountId, dueDate: ctx.clock.today() });
    call(ctx, 'completeFollowUp', { followUpId: id, note: 'Paid in full by phone' });
    expect(queueAccounts()).not.toContain(accountId);
    const again = dispatch(ctx, 'completeFollowUp', { followUpId: id });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ code: 'conflict', message: /already closed/ });
    const view = call(ctx, 'getAccount', { accountId });
    expect(view.followUps[0]).toMatchObject({ id, status: 'done' });
  });

  it('keeps a plan follow-up a person opened on an account with no plan, as they set it', () => {
    const { id } = call(ctx, 'setFollowUp', {
      accountId,
      kind: 'plan',
      dueDate: ctx.clock.today(),
      reason: 'Call to set up a plan',
    });
    // the upkeep at the next request closes only its own late-plan follow-ups
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Left a message.' });
    expect(call(ctx, 'getAccount', { accountId }).followUps[0]).toMatchObject({
      id,
      status: 'open',
    });
    expect(queueAccounts()).toContain(accountId);
  });

  it('filters by owner, kind and minimum balance', () => {
    call(ctx, 'setFollowUp', { accountId, dueDate: ctx.clock.today(), kind: 'callback' });
    expect(call(ctx, 'listQueue', { ownerId: ctx.userId }).total).toBe(1);
    expect(call(ctx, 'listQueue', { ownerId: 'unassigned' }).total).toBe(0);
    expect(call(ctx, 'listQueue', { kind: 'denial' }).total).toBe(0);
    expect(call(ctx, 'listQueue', { kind: 'callback' }).total).toBe(1);
    expect(call(ctx, 'listQueue', { minBalance: 25_000 }).total).toBe(1);
    expect(call(ctx, 'listQueue', { minBalance: 25_001 }).total).toBe(0);
    expect(call(ctx, 'listQueue', { agingBucket: 'd31_60' }).total).toBe(1);
    expect(call(ctx, 'listQueue', { agingBucket: 'current' }).total).toBe(0);
  });
});

describe('activities', () => {
  it('logs a call with its outcome in the account history, attributed to the user', () => {
    // calls are timed in the zone of the address called
    addAddress(ctx, call(ctx, 'getAccount', { accountId }).patient.id);
    call(ctx, 'addActivity', {
      accountId,
      kind: 'call',
      direction: 'outbound',
      party: 'guarantor',
      outcome: 'promise_to_pay',
      text: 'Will pay $50 on Friday.',
      promiseAmount: 5_000,
      promiseDate: addDays(ctx.clock.today(), 4),
    });
    // the promise the call records has its own line in the history
    const latest = call(ctx, 'getAccount', { accountId }).activities.find((a) => a.kind === 'call');
    expect(latest).toMatchObject({
      kind: 'call',
      direction: 'outbound',
      party: 'guarantor',
      outcome: 'promise_to_pay',
      text: 'Will pay $50 on Friday.',
      userName: 'Rita Representative',
    });
  });
});

describe('address changes', () => {
  it('keeps the history and makes the newest address current', () => {
    const { patient } = call(ctx, 'getAccount', { accountId });
    const base = {
      accountId,
      personId: patient.id,
      state: 'il',
      effectiveDate: addDays(ctx.clock.today(), -30),
    };
    call(ctx, 'changeAddress', { ...base, line1: '1 Old Rd', city: 'Peoria', zip: '61602' });
    call(ctx, 'changeAddress', {
      ...base,
      line1: '22 New Ave',
      city: 'Springfield',
      zip: '627011234',
      effectiveDate: ctx.clock.today(),
      reason: 'Patient called',
    });
    const view = call(ctx, 'getAccount', { accountId });
    expect(view.patient.address).toMatchObject({
      line1: '22 New Ave',
      state: 'IL',
      zip: '62701-1234',
    });
    expect(view.patient.addressHistory.map((a) => a.line1)).toEqual(['22 New Ave', '1 Old Rd']);
  });
});
