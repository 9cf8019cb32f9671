import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/errors';
import { addDays } from '../../shared/dates/iso-date';
import { addAccount, addClaim, addPayer } from '../testing/builders';
import { createTestCtx, tableCounts } from '../testing/test-db';
import { dispatch, dispatchAsync } from './dispatch';

let ctx: ReturnType<typeof createTestCtx>;
let accountId: number;
let patientId: number;
beforeEach(() => {
  ctx = createTestCtx();
  ({ accountId, patientId } = addAccount(ctx));
});
afterEach(() => ctx.close());

function expectError(result: ApiResult<unknown>, code: string, message: RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(message);
}

describe('dispatch refuses bad input with a clear message and writes nothing', () => {
  const call = (method: string, input: unknown) => dispatch(ctx, method, input);
  const cases: [string, () => { method: string; input: unknown }, string, RegExp][] = [
    [
      'an unknown method',
      () => ({ method: 'dropTables', input: {} }),
      'unknown_method',
      /does not know/,
    ],
    [
      'a prototype key as method',
      () => ({ method: 'toString', input: {} }),
      'unknown_method',
      /does not know/,
    ],
    [
      'a missing field',
      () => ({ method: 'addActivity', input: { accountId, kind: 'note' } }),
      'invalid_input',
      /Note text is required/,
    ],
    [
      'an empty note',
      () => ({ method: 'addActivity', input: { accountId, kind: 'note', text: '   ' } }),
      'invalid_input',
      /Note text is required/,
    ],
    [
      'an oversized note',
      () => ({ method: 'addActivity', input: { accountId, kind: 'note', text: 'x'.repeat(4001) } }),
      'invalid_input',
      /at most 4000/,
    ],
    [
      'a call without its outcome',
      () => ({
        method: 'addActivity',
        input: { accountId, kind: 'call', direction: 'outbound', party: 'patient', text: 'x' },
      }),
      'invalid_input',
      /outcome/,
    ],
    [
      'an unknown extra field',
      () => ({ method: 'addActivity', input: { accountId, kind: 'note', text: 'x', amount: 5 } }),
      'invalid_input',
      /.+/,
    ],
    [
      'a fractional id',
      () => ({ method: 'getAccount', input: { accountId: 1.5 } }),
      'invalid_input',
      /whole number/,
    ],
    [
      'a negative id',
      () => ({ method: 'getAccount', input: { accountId: -3 } }),
      'invalid_input',
      /positive/,
    ],
    [
      'a string id',
      () => ({ method: 'getAccount', input: { accountId: '1; DROP TABLE accounts' } }),
      'invalid_input',
      /must be a number/,
    ],
    [
      'an unknown account',
      () => ({ method: 'addActivity', input: { accountId: 999_999, kind: 'note', text: 'x' } }),
      'not_found',
      /account was not found/,
    ],
    [
      'an impossible date',
      () => ({ method: 'setFollowUp', input: { accountId, dueDate: '2026-02-30' } }),
      'invalid_input',
      /real calendar date/,
    ],
    [
      'a date in the past',
      () => ({
        method: 'setFollowUp',
        input: { accountId, dueDate: addDays(ctx.clock.today(), -1) },
      }),
      'invalid_input',
      /in the past/,
    ],
    [
      'a date years ahead',
      () => ({
        method: 'setFollowUp',
        input: { accountId, dueDate: addDays(ctx.clock.today(), 3000) },
      }),
      'invalid_input',
      /two years/,
    ],
    [
      'fractional cents',
      () => ({ method: 'listQueue', input: { minBalance: 10.5 } }),
      'invalid_input',
      /no fractions of a cent/,
    ],
    [
      'negative cents',
      () => ({ method: 'listQueue', input: { minBalance: -100 } }),
      'invalid_input',
      /cannot be negative/,
    ],
    [
      'an address effective in the future',
      () => ({
        method: 'changeAddress',
        input: {
          accountId,
          personId: patientId,
          line1: '1 Main St',
          city: 'Springfield',
          state: 'IL',
          zip: '62701',
          effectiveDate: addDays(ctx.clock.today(), 10),
        },
      }),
      'invalid_input',
      /in the future/,
    ],
    [
      'a bad ZIP code',
      () => ({
        method: 'changeAddress',
        input: {
          accountId,
          personId: patientId,
          line1: '1 Main St',
          city: 'Springfield',
          state: 'IL',
          zip: '6270',
          effectiveDate: ctx.clock.today(),
        },
      }),
      'invalid_input',
      /ZIP code/,
    ],
    [
      'a person not on the account',
      () => ({
        method: 'changeAddress',
        input: {
          accountId,
          personId: 424242,
          line1: '1 Main St',
          city: 'Springfield',
          state: 'IL',
          zip: '62701',
          effectiveDate: ctx.clock.today(),
        },
      }),
      'invalid_input',
      /not the patient or guarantor/,
    ],
    [
      'an unknown follow-up',
      () => ({ method: 'completeFollowUp', input: { followUpId: 777 } }),
      'not_found',
      /follow-up was not found/,
    ],
    ['a null input', () => ({ method: 'getAccount', input: null }), 'invalid_input', /.+/],
  ];

  for (const [name, make, code, message] of cases) {
    it(name, () => {
      const before = tableCounts(ctx);
      const { method, input } = make();
      expectError(call(method, input), code, message);
      expect(tableCounts(ctx)).toEqual(before);
    });
  }

  it('refuses a claim from another account', () => {
    const payerId = addPayer(ctx);
    const other = addAccount(ctx);
    const claimId = addClaim(ctx, other.accountId, payerId);
    const before = tableCounts(ctx);
    expectError(
      call('addActivity', { accountId, claimId, kind: 'note', text: 'x' }),
      'invalid_input',
      /different account/,
    );
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('names every field that is wrong', () => {
    const result = call('changeAddress', { accountId, personId: patientId, effectiveDate: 'soon' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['line1', 'city', 'state', 'zip', 'effectiveDate']),
    );
  });

  it('turns an unexpected failure into a plain message without leaking details', () => {
    ctx.db.exec(`DROP TABLE activities`);
    const result = call('addActivity', { accountId, kind: 'note', text: 'Spoke with Jane Doe' });
    expectError(result, 'internal', /Nothing was saved/);
    if (!result.ok) expect(result.error.message).not.toMatch(/Jane|activities/);
  });
});

describe('dispatchAsync, the path the window and the end-to-end bridge use', () => {
  it('validates input the same way and writes nothing on refusal', async () => {
    const before = tableCounts(ctx);
    expectError(
      await dispatchAsync(ctx, 'addActivity', { accountId, kind: 'note', text: ' ' }),
      'invalid_input',
      /Note text is required/,
    );
    expectError(await dispatchAsync(ctx, 'dropTables', {}), 'unknown_method', /does not know/);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('runs synchronous handlers and returns their value', async () => {
    const before = tableCounts(ctx).activities ?? 0;
    const result = await dispatchAsync(ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'Called the payer.',
    });
    expect(result.ok && typeof (result.value as { id: unknown }).id).toBe('number');
    expect(tableCounts(ctx).activities).toBe(before + 1);
  });
});
