import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { call } from '../testing/call';
import { createTestCtx, tableCounts } from '../testing/test-db';

let ctx: ReturnType<typeof createTestCtx>;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('loadDemoData', () => {
  it('fills an empty database once, and the queue plans its first page on a queue index', () => {
    const loaded = call(ctx, 'loadDemoData', {});
    expect(loaded.accounts).toBe(5000);
    expect(call(ctx, 'getAppInfo', {}).accountCount).toBe(5000);
    const plan = ctx.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT f.id FROM follow_ups f
         WHERE f.status = 'open' AND f.due_date <= '2026-03-16' ORDER BY f.rank DESC, f.id DESC LIMIT 100`,
      )
      .all() as { detail: string }[];
    // in rank order, or (migration 46) by due date with the rank beside it: never the table
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX follow_ups_(due_)?rank\b/);
  });

  it('refuses a database that already has accounts, writing nothing', () => {
    call(ctx, 'loadDemoData', {});
    const before = tableCounts(ctx);
    const again = dispatch(ctx, 'loadDemoData', {});
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ code: 'conflict', message: /already has accounts/ });
    expect(tableCounts(ctx)).toEqual(before);
  });
});
