import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestCtx } from '../testing/test-db';
import { dailyWorkDue } from '../upkeep/daily';
import { afterFirstScreen } from './first-screen';

let ctx: ReturnType<typeof createTestCtx>;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

describe('afterFirstScreen', () => {
  it('holds the day’s work and the later checks until the queue is asked for again', () => {
    const later = vi.fn();
    const startup = afterFirstScreen(ctx, later);
    expect(dailyWorkDue(ctx)).toBe(false);
    startup.asked('getAppInfo');
    startup.asked('listQueue');
    expect(dailyWorkDue(ctx)).toBe(false);
    expect(later).not.toHaveBeenCalled();
    startup.asked('listQueue');
    // the request that signalled it does the day's work when dispatch runs it
    expect(dailyWorkDue(ctx)).toBe(true);
    expect(later).toHaveBeenCalledTimes(1);
    startup.asked('listQueue');
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('does both by itself a few seconds after the page loaded when the queue never shows', async () => {
    vi.useFakeTimers();
    const later = vi.fn();
    const startup = afterFirstScreen(ctx, later);
    startup.loaded();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(later).not.toHaveBeenCalled();
    expect(dailyWorkDue(ctx)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(later).toHaveBeenCalledTimes(1);
    // done, not only released
    expect(dailyWorkDue(ctx)).toBe(false);
  });
});
