import { cents } from '../../shared/money/cents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
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

const rankOf = (id: number) =>
  (ctx.db.prepare(`SELECT rank FROM follow_ups WHERE id = ?`).get(id) as { rank: number }).rank;

describe('rerankPassedDeadlines', () => {
  it('drops a follow-up whose deadline passed below one whose deadline is still ahead', () => {
    const today = ctx.clock.today();
    const setUp = (deadlineInDays: number) => {
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
              postingDate: addDays(today, -30),
            },
          ],
          { userId: ctx.userId, now: ctx.clock.now(), today },
        ),
      )();
      const { id } = call(ctx, 'setFollowUp', { accountId, dueDate: today, kind: 'denial' });
      ctx.db
        .prepare(`UPDATE follow_ups SET deadline_date = ? WHERE id = ?`)
        .run(addDays(today, deadlineInDays), id);
      call(ctx, 'setFollowUp', { accountId, dueDate: today, kind: 'denial' }); // re-rank with the deadline
      return id;
    };
    const soon = setUp(3);
    const later = setUp(10);
    expect(rankOf(soon)).toBeGreaterThan(rankOf(later));

    // five days on, the first deadline has passed: reading the queue re-ranks it once
    const fiveDaysOn = { ...ctx, clock: fixedClock(addDays(today, 5)) };
    const before = rankOf(soon);
    const rows = call(fiveDaysOn, 'listQueue', {}).rows.map((r) => r.followUpId);
    expect(rankOf(soon)).toBeLessThan(before);
    expect(rows.indexOf(later)).toBeLessThan(rows.indexOf(soon));
  });
});
