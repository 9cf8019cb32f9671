import { describe, expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { one, run } from '../db/query';
import { addAccount } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { CuttableLink } from '../testing/office/cuttable';
import { twoDesktops, type Desktop } from '../testing/office/desktops';
import { joinOffice } from '../testing/office/not-synced-rows';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx, TEST_TODAY } from '../testing/test-db';
import type { ServerConfig } from './server/connection';
import { OfficeWorker, type OfficeStatus, type Schedule } from './worker';
import { MARK_TTL_MS, WorkingMarks } from './working';

/** Timers the code asks for, run by the test when it chooses, by their delay: none is raced. */
function heldTimers(): { schedule: Schedule; run(ms: number): void } {
  const pending: { ms: number; fn: () => void }[] = [];
  return {
    schedule: (ms, fn) => {
      const timer = { ms, fn };
      pending.push(timer);
      return () => {
        const i = pending.indexOf(timer);
        if (i >= 0) pending.splice(i, 1);
      };
    },
    run: (ms) => {
      const i = pending.findIndex((t) => t.ms === ms);
      const timer = pending[i];
      if (!timer) throw new Error(`no timer of ${ms} ms is waiting`);
      pending.splice(i, 1);
      timer.fn();
    },
  };
}

/** The server's clock for marks, moved by the test. */
function serverClock(start = '2026-03-16T15:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t).toISOString(),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Resolves at the next refresh (or forgetting) of a desktop's marks. */
function nextRefresh(marks: WorkingMarks): Promise<void> {
  return new Promise((resolve) => {
    const stop = marks.watch(() => {
      stop();
      resolve();
    });
  });
}

const shown = (ctx: Ctx) => call(ctx, 'listWorkingMarks', {});
const nameOf = (ctx: Ctx) =>
  one<{ n: string }>(ctx.db, `SELECT display_name AS n FROM users WHERE id = ?`, ctx.userId)?.n;

describe('marks on one desktop', () => {
  it('are not shown on a standalone desktop, nor when the last refresh is older than a mark lives', () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    expect(shown(ctx)).toEqual({ state: 'standalone', today: TEST_TODAY, marks: [] });
    joinOffice(ctx);
    const { accountId } = addAccount(ctx);
    // the table as a refresh leaves it, then the refresh grows old
    run(
      ctx.db,
      `INSERT INTO working_marks (desktop_id, account_id, follow_up_id, user_name, since)
         VALUES ('other', ?, NULL, 'Maria Lopez', '2026-03-16T14:42:00.000Z')`,
      accountId,
    );
    expect(shown(ctx)).toEqual({ state: 'offline', today: TEST_TODAY, marks: [] });
    const at = (ms: number) => new Date(Date.parse(ctx.clock.now()) - ms).toISOString();
    run(ctx.db, `UPDATE office_link SET marks_at = ?`, at(MARK_TTL_MS - 1000));
    expect(shown(ctx)).toEqual({
      state: 'live',
      today: TEST_TODAY,
      marks: [
        { accountId, followUpId: null, userName: 'Maria Lopez', since: '2026-03-16T14:42:00.000Z' },
      ],
    });
    run(ctx.db, `UPDATE office_link SET marks_at = ?`, at(MARK_TTL_MS));
    expect(shown(ctx)).toEqual({ state: 'offline', today: TEST_TODAY, marks: [] });
  });

  it("keeps the account this desk has open; a late 'left' of another account leaves it", () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const first = addAccount(ctx).accountId;
    const second = addAccount(ctx).accountId;
    const { id: followUpId } = call(ctx, 'setFollowUp', {
      accountId: first,
      kind: 'account',
      dueDate: '2026-03-20',
    });
    expectRefused(ctx, 'startWorking', { accountId: second, followUpId }, /follow-up/i);
    call(ctx, 'startWorking', { accountId: first, followUpId });
    call(ctx, 'startWorking', { accountId: second });
    call(ctx, 'stopWorking', { accountId: first });
    const here = () => one(ctx.db, `SELECT account_id AS accountId FROM working_here`);
    expect(here()).toEqual({ accountId: second });
    call(ctx, 'stopWorking', { accountId: second });
    expect(here()).toBeUndefined();
  });
});

describeWithPg('who is working an account now, between two desktops', () => {
  async function office(server: ServerConfig) {
    const { a, b, accountIds } = await twoDesktops(server, 2);
    const timers = heldTimers();
    const clock = serverClock();
    const marksOf = (d: Desktop) => {
      const marks = new WorkingMarks(d.ctx, server, timers.schedule, { at: clock.now });
      onTestFinished(() => marks.stop());
      return marks;
    };
    return { a, b, accountIds: accountIds as [AccountId, AccountId], timers, clock, marksOf };
  }

  it('shows A’s open account at B as soon as the server announces it, and takes it down when A leaves', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds, marksOf } = await office(server);
    const [accountId] = accountIds;
    const aMarks = marksOf(a);
    const bMarks = marksOf(b);
    await bMarks.update();
    expect(shown(b.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });
    const stop = await b.sync.listen(
      () => undefined,
      () => void bMarks.changed(),
    );
    onTestFinished(stop);

    let refreshed = nextRefresh(bMarks);
    call(a.ctx, 'startWorking', { accountId });
    await aMarks.update();
    await refreshed;
    expect(shown(b.ctx)).toEqual({
      state: 'live',
      today: TEST_TODAY,
      marks: [
        { accountId, followUpId: null, userName: nameOf(a.ctx), since: '2026-03-16T15:00:00.000Z' },
      ],
    });
    // a representative's own mark is not shown to them
    expect(shown(a.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });

    refreshed = nextRefresh(bMarks);
    call(a.ctx, 'stopWorking', { accountId });
    await aMarks.update();
    await refreshed;
    expect(shown(b.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });
  });

  it('keeps a renewed mark and lets the mark of a desktop that vanished expire', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds, clock, marksOf } = await office(server);
    const [first, second] = accountIds;
    const aMarks = marksOf(a);
    const bMarks = marksOf(b);
    call(a.ctx, 'startWorking', { accountId: first });
    call(b.ctx, 'startWorking', { accountId: second });
    await aMarks.update();
    await bMarks.update();
    const accountsShown = (ctx: Ctx) => shown(ctx).marks.map((m) => m.accountId);
    // A refreshed before B put its mark; the announcement of B's makes A take it
    await aMarks.changed();
    expect(accountsShown(b.ctx)).toEqual([first]);
    expect(accountsShown(a.ctx)).toEqual([second]);

    // A renews two minutes in, so its mark lives to 5:00 past the start, not 3:00
    clock.advance(120_000);
    await aMarks.renewNow();
    clock.advance(61_000);
    await bMarks.renewNow();
    expect(accountsShown(b.ctx)).toEqual([first]);
    expect(shown(b.ctx).marks[0]?.since).toBe('2026-03-16T15:00:00.000Z');

    // then A vanishes (no renewal, no goodbye): its mark goes once that expiry passes
    clock.advance(118_000);
    await bMarks.renewNow();
    expect(accountsShown(b.ctx)).toEqual([first]);
    clock.advance(2000);
    await bMarks.renewNow();
    expect(shown(b.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });
  });
});

describeWithPg('the worker keeping the marks', () => {
  it('shows none while offline, takes them again when back, and takes its own down when stopped', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    const link = await CuttableLink.open(server);
    onTestFinished(() => link.cut());
    const timers = heldTimers();
    const bWorker = new OfficeWorker(b.ctx, link.config, timers.schedule, 'b');
    onTestFinished(() => bWorker.stop());
    const aWorker = new OfficeWorker(a.ctx, server, heldTimers().schedule, 'a');
    let aStopped = false;
    onTestFinished(() => (aStopped ? undefined : aWorker.stop()));
    await bWorker.start();
    await aWorker.start();
    expect(shown(b.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });

    let refreshed = nextRefresh(bWorker.marks);
    call(a.ctx, 'startWorking', { accountId });
    await aWorker.wake();
    await refreshed;
    expect(shown(b.ctx).marks.map((m) => m.userName)).toEqual([nameOf(a.ctx)]);

    const offline = new Promise<OfficeStatus>((resolve) => {
      const stop = bWorker.watch((s) => {
        if (s.state !== 'offline') return;
        stop();
        resolve(s);
      });
    });
    await link.cut();
    await offline;
    // not "no one": the desk does not know
    expect(shown(b.ctx)).toEqual({ state: 'offline', today: TEST_TODAY, marks: [] });

    // a try while still cut, as the worker's own tests do, then one after mending
    timers.run(5_000);
    await bWorker.wake();
    expect(shown(b.ctx)).toEqual({ state: 'offline', today: TEST_TODAY, marks: [] });
    await link.mend();
    timers.run(10_000);
    await bWorker.wake();
    expect(bWorker.status()).toMatchObject({ state: 'synced' });
    expect(shown(b.ctx).marks.map((m) => m.userName)).toEqual([nameOf(a.ctx)]);

    // ClaimDesk quits at A: its mark comes down at once, not at its expiry
    refreshed = nextRefresh(bWorker.marks);
    aStopped = true;
    await aWorker.stop();
    await refreshed;
    expect(shown(b.ctx)).toEqual({ state: 'live', today: TEST_TODAY, marks: [] });
  });
});
