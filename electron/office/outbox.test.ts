import { afterEach, describe, expect, it } from 'vitest';
import { all, run } from '../db/query';
import { addAccount } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { linkOffice } from './link';
import { changes as changesSchema } from './wire';

let ctx: TestCtx;
afterEach(() => ctx.close());

function outbox() {
  return all<{ seq: number; changes: string }>(ctx.db, `SELECT seq, changes FROM outbox`).map(
    (e) => ({ seq: e.seq, changes: changesSchema.parse(JSON.parse(e.changes)) }),
  );
}

function joinOffice(desktopId = 'd1'): void {
  ctx.db.transaction(() => linkOffice(ctx.db, desktopId, '0', 't'))();
}

describe('the outbox on a desktop', () => {
  it('stays empty on a standalone desktop', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Left a message.' });
    call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
    expect(outbox()).toEqual([]);
    expect(all(ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(all(ctx.db, `SELECT * FROM sync_rows`)).toEqual([]);
  });

  it('holds one entry per request, with every row it wrote, in the same transaction', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    const base = call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
    joinOffice();
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Left a message.' });
    call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-25' });
    const [note, moved, ...rest] = outbox();
    expect(rest).toEqual([]);
    expect(note?.changes).toMatchObject([
      { tbl: 'activities', op: 'insert', gid: expect.stringMatching(/^d1:\d+$/), version: 1 },
    ]);
    expect(note?.changes[0]?.row).toMatchObject({
      accountGid: `base:${accountId}`,
      body: 'Left a message.',
    });
    // the rescheduled follow-up (from the copy the office started from) and its history line
    expect(moved?.changes.map((c) => [c.tbl, c.op, c.gid, c.baseVersion, c.version])).toEqual([
      ['activities', 'insert', expect.stringMatching(/^d1:/), 0, 1],
      ['follow_ups', 'update', `base:${base.id}`, 1, 2],
    ]);
    expect(moved?.changes[1]?.row).toMatchObject({ status: 'open', dueDate: '2026-03-25' });
    // the next change of the same follow-up starts from the version this one made
    call(ctx, 'completeFollowUp', { followUpId: base.id });
    const completed = outbox()
      .at(-1)
      ?.changes.find((c) => c.tbl === 'follow_ups');
    expect([completed?.baseVersion, completed?.version, completed?.row.status]).toEqual([
      2,
      3,
      'done',
    ]);
  });

  it('holds nothing of a refused request', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    joinOffice();
    expectRefused(
      ctx,
      'setFollowUp',
      { accountId, kind: 'account', dueDate: '2020-01-01' },
      /in the past/,
    );
    expect(outbox()).toEqual([]);
  });

  it('keeps the history append-only except while the server state is taken', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Kept.' });
    expect(() => run(ctx.db, `DELETE FROM activities`)).toThrow(/append-only/);
    joinOffice();
    expect(() => run(ctx.db, `DELETE FROM activities`)).toThrow(/append-only/);
  });
});
