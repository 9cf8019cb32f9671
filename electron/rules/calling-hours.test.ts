import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { all } from '../db/query';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
});
afterEach(() => ctx.close());

const stored = () => all(ctx.db, `SELECT key, value FROM billing_rules ORDER BY key`);

describe("the office's calling hours", () => {
  it('are refused when they start after they end, naming both hours, on the end', () => {
    const error = expectRefused(
      ctx,
      'saveBillingRules',
      { callingHoursStart: 17, callingHoursEnd: 8 },
      /^Calling hours must start before they end: 17:00 is not before 08:00\.$/,
    );
    expect(error.details).toEqual([
      {
        path: 'callingHoursEnd',
        message: 'Calling hours must start before they end: 17:00 is not before 08:00.',
      },
    ]);
    expect(stored()).toEqual([]);
  });

  it('are refused when they start and end at one hour', () => {
    expectRefused(
      ctx,
      'saveBillingRules',
      { callingHoursStart: 12, callingHoursEnd: 12 },
      /12:00 is not before 12:00/,
    );
  });

  it('are judged with the stored hours when only one of them changes', () => {
    call(ctx, 'saveBillingRules', { callingHoursStart: 10, callingHoursEnd: 20 });
    // the end alone moved before the stored start (10:00)
    expectRefused(
      ctx,
      'saveBillingRules',
      { callingHoursEnd: 9 },
      /^Calling hours must start before they end: 10:00 is not before 09:00\.$/,
    );
    // the start alone moved past the stored end (20:00), shown on the start
    const error = expectRefused(
      ctx,
      'saveBillingRules',
      { callingHoursStart: 20 },
      /20:00 is not before 20:00/,
    );
    expect(error.details?.map((d) => d.path)).toEqual(['callingHoursStart']);
    // neither refusal changed the stored hours
    expect(call(ctx, 'getBillingRules', {}).rules).toMatchObject({
      callingHoursStart: 10,
      callingHoursEnd: 20,
    });
    expect(stored()).toEqual([
      { key: 'callingHoursEnd', value: '20' },
      { key: 'callingHoursStart', value: '10' },
    ]);
  });

  it('are saved when they start before they end, the end alone moved or both', () => {
    call(ctx, 'saveBillingRules', { callingHoursEnd: 9 });
    expect(call(ctx, 'getBillingRules', {}).rules).toMatchObject({
      callingHoursStart: 8,
      callingHoursEnd: 9,
    });
    // a later start with a later end together, as Settings sends them
    const saved = call(ctx, 'saveBillingRules', { callingHoursStart: 9, callingHoursEnd: 24 });
    expect(saved.rules).toMatchObject({ callingHoursStart: 9, callingHoursEnd: 24 });
  });

  it('starting past the default end with no end stored is refused', () => {
    expectRefused(ctx, 'saveBillingRules', { callingHoursStart: 22 }, /22:00 is not before 21:00/);
  });
});
