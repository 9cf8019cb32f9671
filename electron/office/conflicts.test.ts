import { describe, expect, it } from 'vitest';
import type { AccountId, FollowUpId } from '../../shared/ids';
import { all, oneOrThrow, run } from '../db/query';
import { call } from '../testing/call';
import {
  serverState,
  syncAll,
  syncedState,
  twoDesktops,
  withoutBaseNotes,
} from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx } from '../testing/test-db';
import type { Ctx } from '../core/context';
import { refusedWithFollowers } from './take-refused';

/** Three conflicts the three-desktop property test found, each told as two people's day. */

function openFollowUp(ctx: Ctx, accountId: AccountId, kind: string): FollowUpId {
  return oneOrThrow<{ id: FollowUpId }>(
    ctx.db,
    `SELECT id FROM follow_ups WHERE account_id = ? AND kind = ? AND status = 'open'`,
    accountId,
    kind,
  ).id;
}

describe('entries built on a refused one', () => {
  it('are told apart by table: a note and a follow-up may share a local id', () => {
    const ctx = createTestCtx();
    const entry = (changes: unknown[]) =>
      run(
        ctx.db,
        `INSERT INTO outbox (created_at, user_id, changes) VALUES (?, ?, ?)`,
        ctx.clock.now(),
        ctx.userId,
        JSON.stringify(changes),
      );
    const followUp = (gid: string, op: 'insert' | 'update') => ({
      tbl: 'follow_ups',
      op,
      gid,
      baseVersion: op === 'insert' ? 0 : 1,
      version: op === 'insert' ? 1 : 2,
      row: {
        accountGid: 'base:1',
        claimGid: null,
        kind: 'callback',
        status: 'open',
        dueDate: '2026-03-17',
        deadlineDate: null,
        ownerGid: 'base:3',
        reason: null,
        createdAt: '2026-03-16T15:00:00.000Z',
        createdBy: 'base:3',
        completedAt: null,
        completedBy: null,
      },
    });
    const note = (gid: string) => ({
      tbl: 'activities',
      op: 'insert',
      gid,
      baseVersion: 0,
      version: 1,
      row: {
        accountGid: 'base:1',
        claimGid: null,
        kind: 'system',
        direction: null,
        party: null,
        outcome: null,
        body: 'Callback set for 03/17/2026.',
        userGid: 'base:3',
        occurredAt: '2026-03-16T15:00:00.000Z',
      },
    });
    entry([note('d:4'), followUp('d:3', 'insert')]);
    entry([note('d:5'), followUp('d:4', 'insert')]); // another account's callback
    entry([followUp('d:3', 'update')]); // built on the first
    const refused = refusedWithFollowers(ctx.db, 1, 'Someone opened this follow-up first.');
    expect(refused.map((r) => r.entry.seq)).toEqual([1, 3]);
    ctx.close();
  });
});

describeWithPg('a desktop taking the office state', () => {
  it('keeps a pulled follow-up whose place is held here, and places it once that place frees', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    // A closes the account follow-up and opens the next; B, offline, moves the old one
    call(a.ctx, 'completeFollowUp', { followUpId: openFollowUp(a.ctx, accountId, 'account') });
    call(a.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-25' });
    call(b.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-27' });
    await a.sync.push();
    // B reads A's new follow-up while its own move still holds the place
    await b.sync.pull();
    expect(all(b.ctx.db, `SELECT tbl, version FROM sync_held`)).toEqual([
      { tbl: 'follow_ups', version: 1 },
    ]);
    expect((await b.sync.push()).refused).toBe(1);

    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(withoutBaseNotes(syncedState(b.ctx))).toEqual(await serverState(server));
    expect(syncedState(b.ctx).followUps.filter((f) => / account open /.test(f))).toEqual([
      expect.stringMatching(/ 2026-03-25$/),
    ]);
  });

  it('keeps its own later change to a row the server sends back after a refusal', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    call(b.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-17' });
    call(a.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-17' });
    await a.sync.push();
    // B finishes its own callback, then takes A's and moves it
    call(b.ctx, 'completeFollowUp', { followUpId: openFollowUp(b.ctx, accountId, 'callback') });
    await b.sync.pull();
    call(b.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-18' });
    // B's callback is refused (A's came first), its completion with it; the move goes through
    expect((await b.sync.push()).refused).toBe(2);
    await syncAll(a, b);

    const callbacks = (s: { followUps: string[] }) =>
      s.followUps.filter((f) => / callback /.test(f));
    expect(callbacks(syncedState(b.ctx))).toEqual([expect.stringMatching(/ open 2026-03-18$/)]);
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(withoutBaseNotes(syncedState(b.ctx))).toEqual(await serverState(server));
  });
});
