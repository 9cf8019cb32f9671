import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/contract';
import { QUEUE_SORT_KEYS, type QueueList } from '../../shared/api/queue';
import { call } from '../testing/call';
import { buildDemoHospital } from '../testing/demo-hospital';
import type { TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeAll(() => {
  ({ ctx } = buildDemoHospital());
}, 60_000);
afterAll(() => ctx.close());

/** Every row of the queue, read page after page from each page's cursor. */
function byCursor(input: InputOf<'listQueue'>, limit: number): number[] {
  const ids: number[] = [];
  let after: InputOf<'listQueue'>['after'] = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page: QueueList = call(ctx, 'listQueue', { ...input, after, limit });
    ids.push(...page.rows.map((r) => r.followUpId));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('the cursor did not reach the end');
}

describe("the work queue's cursor", () => {
  it('reads the same rows in the same order as one long page, in every sort', () => {
    for (const sortBy of QUEUE_SORT_KEYS) {
      for (const sortDir of ['asc', 'desc'] as const) {
        const input = { sortBy, sortDir, agingBucket: 'd91_120' } as const;
        const whole = call(ctx, 'listQueue', { ...input, limit: 500 });
        expect(whole.total, sortBy).toBeLessThan(500);
        expect(whole.total, sortBy).toBeGreaterThan(40);
        expect(byCursor(input, 7), `${sortBy} ${sortDir}`).toEqual(
          whole.rows.map((r) => r.followUpId),
        );
      }
    }
  });

  it('says there is no next page after the last', () => {
    const all = call(ctx, 'listQueue', { limit: 500, ownerId: 'unassigned' });
    expect(all.rows.length).toBe(all.total);
    expect(all.next).toBeNull();
  });
});
