import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, PersonId } from '../../shared/ids';
import { all } from '../db/query';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { dispatch } from '../api/dispatch';
import { call, expectRefused } from '../testing/call';
import { tableCounts } from '../testing/test-db';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let maria: PersonId;
let a1: AccountId;
let a2: AccountId;
let b1: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  const payerId = addPayer(ctx);
  maria = addPerson(ctx, { first: 'Maria', last: 'Okafor' });
  addAddress(ctx, maria, '77 Lantern Way');
  a1 = addAccount(ctx, { patientId: maria, number: 'R-1' }).accountId;
  a2 = addAccount(ctx, { patientId: maria, number: 'R-2' }).accountId;
  const ben = addPerson(ctx, { first: 'Ben', last: 'Adeyemi' });
  addAddress(ctx, ben, '4 Harbor St');
  b1 = addAccount(ctx, { patientId: ben, number: 'R-3' }).accountId;
  for (const id of [a1, a2, b1]) addBilledClaim(ctx, id, payerId, [4_500], 'patient');
});
afterEach(() => ctx.close());

const skipTraces = () =>
  all<{ accountId: number; due: string; status: string }>(
    ctx.db,
    `SELECT account_id AS accountId, due_date AS due, status FROM follow_ups
       WHERE kind = 'skip_trace' ORDER BY account_id`,
  );
const heldFor = (accountId: AccountId) =>
  call(ctx, 'getAccountDunning', { accountId: accountId as number }).holds.map((h) => h.hold);
const historyOf = (accountId: AccountId) =>
  call(ctx, 'getAccount', { accountId: accountId as number })
    .activities.map((h) => h.text)
    .join('\n');

describe('returned mail', () => {
  it('marks the address bad, holds statements and opens a skip trace until a new address', () => {
    const result = call(ctx, 'recordReturnedMail', { accountId: a1, receivedOn: '2026-03-14' });
    expect(result).toEqual({ accountIds: [a1, a2], followUpsOpened: 2 });
    expect(skipTraces()).toEqual([
      { accountId: a1, due: '2026-03-23', status: 'open' },
      { accountId: a2, due: '2026-03-23', status: 'open' },
    ]);
    expect(heldFor(a1)).toEqual(['returned_mail']);
    expect(heldFor(a2)).toEqual(['returned_mail']);
    expect(heldFor(b1)).toEqual([]);
    const bad = all<{ line1: string; receivedOn: string; via: string }>(
      ctx.db,
      `SELECT ad.line1, r.received_on AS receivedOn, r.via FROM returned_mail r
         JOIN addresses ad ON ad.id = r.address_id`,
    );
    expect(bad).toEqual([{ line1: '77 Lantern Way', receivedOn: '2026-03-14', via: 'account' }]);
    expect(historyOf(a2)).toMatch(/77 Lantern Way, Falmouth, ME 04105 is marked bad/);

    call(ctx, 'changeAddress', {
      accountId: a1,
      personId: maria,
      line1: '9 New Rd',
      city: 'Bangor',
      state: 'ME',
      zip: '04401',
      effectiveDate: '2026-03-16',
      reason: 'Skip trace: credit header',
    });
    expect(heldFor(a1)).toEqual([]);
    expect(heldFor(a2)).toEqual([]);
    expect(skipTraces().map((f) => f.status)).toEqual(['done', 'done']);
    expect(historyOf(a2)).toMatch(/Skip trace follow-up closed: a new address was recorded/);
  });

  it('refuses a date received in the future, writing nothing', () => {
    expectRefused(
      ctx,
      'recordReturnedMail',
      { accountId: a1, receivedOn: '2026-03-17' },
      /in the future/,
    );
  });

  it('records a batch of envelopes by account number, one guarantor at a time', () => {
    const result = call(ctx, 'recordReturnedMailBatch', {
      accountNumbers: ['R-2', 'R-3'],
      receivedOn: '2026-03-16',
    });
    expect(result).toEqual({ accountIds: [a1, a2, b1], followUpsOpened: 3 });
    expect(heldFor(b1)).toEqual(['returned_mail']);
    expect(historyOf(a1)).toMatch(/envelope for account R-2/);
  });

  it('refuses a whole batch with a bad number, naming each bad line, and writes nothing', () => {
    const input = { accountNumbers: ['R-1', 'R-9', '', 'R-1'], receivedOn: '2026-03-16' };
    const before = tableCounts(ctx);
    const result = dispatch(ctx, 'recordReturnedMailBatch', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('3 of 4 lines cannot be recorded; nothing was recorded.');
    expect(result.error.details).toEqual([
      { path: 'accountNumbers.1', message: 'Line 2: no account R-9.' },
      { path: 'accountNumbers.2', message: 'Line 3: no account number.' },
      { path: 'accountNumbers.3', message: 'Line 4: R-1 is already on line 1.' },
    ]);
    expect(tableCounts(ctx)).toEqual(before);
    expect(heldFor(a1)).toEqual([]);
  });
});
