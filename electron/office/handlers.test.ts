import { describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/ids';
import { oneOrThrow } from '../db/query';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';
import { joinOffice, refused } from '../testing/office/not-synced-rows';

describe('the not-synced list', () => {
  it('says when the desktop belongs to no office', () => {
    const ctx = createTestCtx();
    expect(call(ctx, 'listNotSynced', {})).toEqual({ linked: false, actions: [] });
    ctx.close();
  });

  it("shows a representative their own refused actions, and a supervisor everyone's", () => {
    const ctx = createTestCtx();
    // from the copy the office started with: an account created after joining has its own id
    const { accountId } = addAccount(ctx);
    joinOffice(ctx);
    const other = ensureUser(ctx.db, 'rep.2', 'Dana Reyes', ctx.clock.now());
    refused(ctx, ctx.userId, accountId, 'Mine: patient asked for a callback.');
    refused(ctx, other, accountId, 'Dana: left a voicemail.');
    const number = oneOrThrow<{ n: string }>(
      ctx.db,
      `SELECT account_number AS n FROM accounts WHERE id = ?`,
      accountId,
    ).n;

    const mine = call(ctx, 'listNotSynced', {});
    expect(mine.linked).toBe(true);
    expect(mine.actions).toEqual([
      {
        seq: 1,
        takenAt: '2026-03-16T15:00:00.000Z',
        by: expect.any(String),
        refusedAt: '2026-03-16T15:05:00.000Z',
        reason: 'Someone changed this follow-up first: Callback due 03/20/2026.',
        accountId,
        accountNumber: number,
        lines: ['Mine: patient asked for a callback.', 'Callback due 03/27/2026.'],
        canDismiss: true,
        waiting: false,
      },
    ]);
    // not Dana's, and hers cannot be dismissed by a representative who cannot see it
    expectRefused(ctx, 'dismissNotSynced', { seq: 2 }, /Only the person who took this action/);

    makeSupervisor(ctx);
    const all = call(ctx, 'listNotSynced', {});
    expect(all.actions.map((a) => [a.seq, a.by, a.canDismiss])).toEqual([
      [1, expect.any(String), true],
      [2, 'Dana Reyes', true],
    ]);
    ctx.close();
  });

  it('lets the author dismiss an action once, keeping who did it and when', () => {
    const ctx = createTestCtx();
    joinOffice(ctx);
    const { accountId } = addAccount(ctx);
    refused(ctx, ctx.userId, accountId, 'Redone by hand.');
    expect(call(ctx, 'dismissNotSynced', { seq: 1 })).toEqual({ dismissed: true });
    expect(call(ctx, 'listNotSynced', {}).actions).toEqual([]);
    const kept = oneOrThrow<{ by: UserId; at: string }>(
      ctx.db,
      `SELECT dismissed_by AS by, dismissed_at AS at FROM not_synced WHERE seq = 1`,
    );
    expect(kept).toEqual({ by: ctx.userId, at: ctx.clock.now() });
    expectRefused(ctx, 'dismissNotSynced', { seq: 1 }, /That action/);
    expectRefused(ctx, 'dismissNotSynced', { seq: 0 }, /Choose an action/);
    ctx.close();
  });
});
