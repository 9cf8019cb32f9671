import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { one } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { ensureUser } from '../users/users';
import { signIn } from '../users/sign-in';
import { gidOf } from './gids';

describeWithPg('people across the office', () => {
  it('names a person by their sign-in name, so someone new at one desktop does not stop the others’ pull', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    // someone who signs in first at B, after the office was made, writes a note and a follow-up
    const newcomer = ensureUser(b.ctx.db, 'J.Okafor', 'Jide Okafor', b.ctx.clock.now());
    const asNewcomer = { ...b.ctx, userId: newcomer as UserId };
    call(asNewcomer, 'addActivity', { accountId, kind: 'note', text: 'Newcomer: called.' });
    call(asNewcomer, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-19' });
    expect(gidOf(b.ctx.db, 'users', newcomer)).toBe('user:j.okafor');
    // a person both copies had is the same person on both, by name, not by local id
    expect(gidOf(a.ctx.db, 'users', a.ctx.userId)).toBe(gidOf(b.ctx.db, 'users', a.ctx.userId));

    await syncAll(a, b);
    const onA = one<{ id: number; pending: number; username: string }>(
      a.ctx.db,
      `SELECT id, pending, username FROM users WHERE username = 'j.okafor'`,
    );
    // known at A now, under the name they sign in with, and waiting for A's supervisor
    expect(onA).toMatchObject({ pending: 1, username: 'j.okafor' });
    const note = one<{ userId: number }>(
      a.ctx.db,
      `SELECT user_id AS userId FROM activities WHERE body = 'Newcomer: called.'`,
    );
    expect(note?.userId).toBe(onA?.id);
    const followUp = one<{ createdBy: number }>(
      a.ctx.db,
      `SELECT created_by AS createdBy FROM follow_ups WHERE kind = 'callback'`,
    );
    expect(followUp?.createdBy).toBe(onA?.id);
    // signing in at A later finds them, still waiting to be allowed there
    expect(signIn(a.ctx.db, 'J.Okafor', a.ctx.clock.now())).toBe(onA?.id);
    // A's later note reaches B and names the same person B knows
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: noted.' });
    await syncAll(a, b);
    const back = one<{ userId: number }>(
      b.ctx.db,
      `SELECT user_id AS userId FROM activities WHERE body = 'A: noted.'`,
    );
    expect(back?.userId).toBe(a.ctx.userId);
  });
});
