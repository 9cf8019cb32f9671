import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId, FollowUpId } from '../../shared/ids';
import { all, one, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import {
  serverState,
  syncAll,
  syncedState,
  twoDesktops,
  withoutBaseNotes,
} from '../testing/office/desktops';
import { captureTriggersOf } from '../testing/office/capture';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import type { Ctx } from '../core/context';
import { requireOfficeLink } from './gids';
import { dismissNotSynced, notSyncedActions } from './not-synced';
import { firstOutboxEntry } from './outbox';
import { OfficeSync } from './sync';
import { addAccount } from '../testing/builders';
import { createTestCtx } from '../testing/test-db';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';
import { SERVER_SCHEMA_VERSION } from './server/migrations';

function followUpOf(ctx: Ctx, accountId: number): FollowUpId {
  return oneOrThrow<{ id: FollowUpId }>(
    ctx.db,
    `SELECT id FROM follow_ups WHERE account_id = ? AND kind = 'account' ORDER BY id DESC LIMIT 1`,
    accountId,
  ).id;
}

describeWithPg('two desktops on one office database', () => {
  it('converge on notes and follow-up changes made on the same accounts', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server);
    const [first, second] = accountIds as [AccountId, AccountId];
    call(a.ctx, 'addActivity', { accountId: first, kind: 'note', text: 'A: called the patient.' });
    call(b.ctx, 'addActivity', { accountId: first, kind: 'note', text: 'B: payer on hold.' });
    call(a.ctx, 'setFollowUp', { accountId: first, kind: 'account', dueDate: '2026-03-24' });
    call(b.ctx, 'completeFollowUp', { followUpId: followUpOf(b.ctx, second) });
    call(b.ctx, 'setFollowUp', { accountId: second, kind: 'callback', dueDate: '2026-03-18' });
    await syncAll(a, b);

    const onA = syncedState(a.ctx);
    expect(syncedState(b.ctx)).toEqual(onA);
    expect(withoutBaseNotes(onA)).toEqual(await serverState(server));
    expect(onA.notes.filter((n) => /A: called|B: payer/.test(n))).toHaveLength(2);
    expect(onA.followUps.filter((f) => / account open 2026-03-24$/.test(f))).toHaveLength(1);
    expect(onA.followUps.filter((f) => / account done /.test(f))).toHaveLength(1);
    expect(onA.followUps.filter((f) => / callback open 2026-03-18$/.test(f))).toHaveLength(1);
    // the work queue columns of a follow-up that came from the other desktop are filled here
    const callback = one<{ accountNumber: string }>(
      a.ctx.db,
      `SELECT account_number AS accountNumber FROM follow_ups WHERE kind = 'callback'`,
    );
    expect(callback?.accountNumber).not.toBe('');
    expect(all(a.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
  });

  it('lists a conflicting follow-up change as not synced, with the reason, and takes the server state', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-24' });
    call(b.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-27' });
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: unrelated note.' });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });

    const refused = all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`);
    expect(refused.map((r) => r.reason)).toEqual([
      'Someone changed this follow-up first: Account follow-up due 03/24/2026.',
    ]);
    // what B's representative did is kept, for a person to redo or dismiss
    const [listed, ...more] = notSyncedActions(b.ctx.db);
    expect(more).toEqual([]);
    expect(listed?.userId).toBe(b.ctx.userId);
    expect(listed?.changes.find((c) => c.tbl === 'follow_ups')?.row.dueDate).toBe('2026-03-27');
    expect(listed?.changes.find((c) => c.tbl === 'activities')?.row.body).toMatch(/03\/27\/2026/);
    if (!listed) expect.fail('nothing listed');
    expect(dismissNotSynced(b.ctx.db, listed.seq, b.ctx.userId, b.ctx.clock.now())).toBe(true);
    expect(dismissNotSynced(b.ctx.db, listed.seq, b.ctx.userId, b.ctx.clock.now())).toBe(false);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
    await a.sync.pull();
    const onA = syncedState(a.ctx);
    expect(syncedState(b.ctx)).toEqual(onA);
    expect(withoutBaseNotes(onA)).toEqual(await serverState(server));
    expect(onA.followUps.filter((f) => / account open /.test(f))).toEqual([
      expect.stringMatching(/ 2026-03-24$/),
    ]);
    // B's history line for the refused move is withdrawn; its unrelated note went through
    expect(onA.notes.some((n) => n.includes('03/27/2026'))).toBe(false);
    expect(onA.notes.some((n) => n.includes('B: unrelated note.'))).toBe(true);
  });

  it('refuses a second open follow-up of a kind and a later change built on a refused one', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-19' });
    call(b.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: '2026-03-23' });
    const mine = oneOrThrow<{ id: FollowUpId }>(
      b.ctx.db,
      `SELECT id FROM follow_ups WHERE kind = 'callback'`,
    ).id;
    call(b.ctx, 'completeFollowUp', { followUpId: mine, note: 'Patient called back.' });
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 2 });
    expect(
      all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`).map(
        (r) => r.reason,
      ),
    ).toEqual([
      'Someone opened this follow-up first: Callback due 03/19/2026.',
      'Not sent: it builds on an earlier action of yours that was not synced.',
    ]);
    await a.sync.pull();
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(withoutBaseNotes(syncedState(b.ctx))).toEqual(await serverState(server));
  });

  it('sends again an entry whose answer was lost, without doubling it', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: sent once.' });
    call(a.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-26' });
    // the server applies the first entry, then the desktop stops before it hears back
    const { desktopId } = requireOfficeLink(a.ctx.db);
    const pool = openPool(server);
    try {
      const entry = firstOutboxEntry(a.ctx.db);
      if (!entry) expect.fail('no outbox entry');
      await applyEntry(pool, desktopId, { seq: entry.seq, changes: entry.changes });
    } finally {
      await pool.end();
    }
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await b.sync.pull();
    const state = await serverState(server);
    expect(state.notes.filter((n) => n.endsWith('A: sent once.'))).toHaveLength(1);
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(withoutBaseNotes(syncedState(b.ctx))).toEqual(state);
  });

  it('sends each entry once when a wake-up comes while a sync runs', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    for (const text of ['one', 'two', 'three']) {
      call(a.ctx, 'addActivity', { accountId, kind: 'note', text });
    }
    const both = await Promise.all([a.sync.sync(), a.sync.sync()]);
    expect(both.map((r) => r.push.accepted)).toEqual([3, 0]);
    expect(await b.sync.pull()).toBe(3);
  });

  it('wakes the other desktop when an entry commits', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    let wake = (): void => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const stop = await b.sync.listen(() => wake());
    try {
      call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: look at this.' });
      await a.sync.push();
      await woken;
      expect(await b.sync.pull()).toBe(1);
      expect(syncedState(b.ctx).notes.some((n) => n.endsWith('A: look at this.'))).toBe(true);
    } finally {
      await stop();
    }
  });

  it('tells a desktop older than the server to update, and keeps its work for later', async () => {
    const server = await createServerDatabase();
    const { a, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    const admin = new pg.Client(server);
    await admin.connect();
    try {
      await admin.query(
        `INSERT INTO schema_version (version, name) VALUES ($1, 'from a newer ClaimDesk')`,
        [SERVER_SCHEMA_VERSION + 1],
      );
    } finally {
      await admin.end();
    }
    const check = await a.sync.connect();
    expect(check).toMatchObject({ ok: false, serverVersion: SERVER_SCHEMA_VERSION + 1 });
    expect(check.ok ? '' : check.message).toMatch(/Install the newer ClaimDesk/);
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: offline meanwhile.' });
    expect(await a.sync.sync()).toEqual({ push: { accepted: 0, refused: 0 }, pulled: 0 });
    expect(all(a.ctx.db, `SELECT seq FROM outbox`)).toHaveLength(1);
    expect((await serverState(server)).notes).toEqual([]);
  });

  it('leaves a desktop standalone when the office it would create already exists', async () => {
    const server = await createServerDatabase();
    await twoDesktops(server, 1);
    const ctx = createTestCtx();
    const sync = new OfficeSync(ctx, server, 'desktop C');
    try {
      await sync.connect();
      await expect(sync.createOffice()).rejects.toThrow(/already has its database/);
      expect(all(ctx.db, `SELECT * FROM office_link`)).toEqual([]);
      // linked for the upload, its capture went with the link
      expect(captureTriggersOf(ctx.db)).toEqual([]);
      const { accountId } = addAccount(ctx);
      call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Standalone again.' });
      expect(all(ctx.db, `SELECT * FROM outbox`)).toEqual([]);
      expect(all(ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    } finally {
      await sync.close();
      ctx.close();
    }
  });
});
