import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { fixedClock } from '../core/context';
import { appendLedgerEntries } from '../ledger/ledger';
import { addAccount, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

let ctx: ReturnType<typeof createTestCtx>;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const bucketOf = (id: number) =>
  (
    ctx.db.prepare(`SELECT aging_bucket AS bucket FROM follow_ups WHERE id = ?`).get(id) as {
      bucket: string | null;
    }
  ).bucket;

describe('the aging bucket kept on each open follow-up', () => {
  it('is set with the follow-up and moved on by the daily work as its amount ages', () => {
    const today = ctx.clock.today();
    const { accountId } = addAccount(ctx, { payerId: addPayer(ctx) });
    ctx.db.transaction(() =>
      appendLedgerEntries(
        ctx.db,
        [
          {
            accountId,
            kind: 'charge',
            side: 'insurance',
            amount: cents(50_000),
            postingDate: addDays(today, -85),
          },
        ],
        { userId: ctx.userId, now: ctx.clock.now(), today },
      ),
    )();
    const { id } = call(ctx, 'setFollowUp', { accountId, dueDate: today, kind: 'account' });
    expect(bucketOf(id)).toBe('d61_90');
    const filtered = (c: typeof ctx, agingBucket: 'd61_90' | 'd91_120') =>
      call(c, 'listQueue', { agingBucket }).rows.map((r) => r.followUpId);
    expect(filtered(ctx, 'd61_90')).toEqual([id]);

    // ten days on, nothing posted: the first request of the day moves it, and the filter
    // finds it where its row says it is
    const tenDaysOn = { ...ctx, clock: fixedClock(addDays(today, 10)) };
    expect(filtered(tenDaysOn, 'd61_90')).toEqual([]);
    expect(bucketOf(id)).toBe('d91_120');
    const row = call(tenDaysOn, 'listQueue', { agingBucket: 'd91_120' }).rows[0];
    expect(row?.followUpId).toBe(id);
    expect(row?.agingBucket).toBe('d91_120');
  });
});
