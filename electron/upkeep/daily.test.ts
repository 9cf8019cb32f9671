import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { createTestCtx } from '../testing/test-db';
import { dailyWorkDue, holdDailyWork } from './daily';

let ctx: ReturnType<typeof createTestCtx>;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('holdDailyWork', () => {
  it('keeps requests from doing the day’s work until released, then the next one does it', () => {
    const release = holdDailyWork(ctx.db);
    expect(dailyWorkDue(ctx)).toBe(false);
    expect(dispatch(ctx, 'getAppInfo', {}).ok).toBe(true);
    release();
    // the request made while held did not do it
    expect(dailyWorkDue(ctx)).toBe(true);
    expect(dispatch(ctx, 'getAppInfo', {}).ok).toBe(true);
    expect(dailyWorkDue(ctx)).toBe(false);
  });
});
