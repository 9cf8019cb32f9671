import { afterEach, expect, it, onTestFinished, vi } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { dispatchAsync, setAfterCommit } from '../api/dispatch';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { everyoneSupervisor, serverState, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { runnerFor as bareRunnerFor, settingsOf } from '../testing/office/runner';
import { statusWhen } from '../testing/office/worker-watch';
import { createTestCtx } from '../testing/test-db';
import { NOT_CONNECTED, setOfficeRunner } from './runner';
import type { OfficeWorker } from './worker';

/** The runner wired as electron/main/office.ts wires it, counting the wake-ups. */
function runnerFor(ctx: Ctx) {
  const made = bareRunnerFor(ctx);
  let wakes = 0;
  setAfterCommit(() => {
    wakes += 1;
    made.runner.wake();
  });
  return { ...made, wakes: () => wakes };
}

afterEach(() => {
  setOfficeRunner(null);
  setAfterCommit(null);
});

describeWithPg('the office in the main process', () => {
  it('stays standalone until a server is set, and says so to anyone', async () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    expect(call(ctx, 'officeStatus', {})).toEqual({ state: 'standalone' });
    const { runner, workers } = runnerFor(ctx);
    await runner.start();
    expect(workers).toEqual([]);
    expect(call(ctx, 'officeStatus', {})).toEqual({ state: 'standalone' });
    // a server set on a desktop whose copy belongs to no office: nothing to sync yet
    makeSupervisor(ctx);
    const server = await createServerDatabase();
    const saved = await dispatchAsync(ctx, 'saveOfficeServer', settingsOf(server));
    expect(saved).toMatchObject({ ok: true, value: { passwordSet: true, linked: false } });
    expect(workers).toEqual([]);
  });

  it('lets a supervisor test, save and disconnect; the password never comes back or goes in the trail', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1, everyoneSupervisor);
    const { runner, workers, stored } = runnerFor(b.ctx);

    const wrong = await dispatchAsync(b.ctx, 'testOfficeServer', settingsOf(server, 'not-it'));
    expect(wrong).toEqual({
      ok: true,
      value: {
        ok: false,
        message: 'The office server refused this desktop’s user name or password.',
      },
    });
    const noPassword = await dispatchAsync(b.ctx, 'testOfficeServer', settingsOf(server, null));
    expect(noPassword).toMatchObject({ ok: false, error: { message: 'Enter the password.' } });
    expect(await dispatchAsync(b.ctx, 'testOfficeServer', settingsOf(server))).toEqual({
      ok: true,
      value: {
        ok: true,
        message: `Connected securely to the ClaimDesk office ${server.database}.`,
      },
    });

    const saved = await dispatchAsync(b.ctx, 'saveOfficeServer', settingsOf(server));
    const { host, port, database, user } = server;
    const view = {
      available: true,
      server: { host, port, database, user, caPem: server.ssl.ca?.trim() },
      passwordSet: true,
      linked: true,
      mustRejoin: false,
    };
    expect(saved).toEqual({ ok: true, value: view });
    expect(call(b.ctx, 'getOfficeServer', {})).toEqual(view);
    expect(JSON.stringify(stored())).not.toContain(server.password);
    const trail = all<{ detail: string }>(b.ctx.db, `SELECT detail FROM audit_log`);
    expect(trail.some((e) => e.detail.includes('(not kept)'))).toBe(true);
    expect(trail.some((e) => e.detail.includes(server.password))).toBe(false);

    // saved on a linked desktop: the worker starts and syncs
    const [worker] = workers as [OfficeWorker];
    expect(await statusWhen(worker, (s) => s.state === 'synced')).toMatchObject({ waiting: 0 });
    expect(call(b.ctx, 'officeStatus', {})).toMatchObject({ state: 'synced', waiting: 0 });

    // saved again without a password: the one kept is used
    await dispatchAsync(b.ctx, 'saveOfficeServer', settingsOf(server, null));
    expect(await runner.settings.config()).toMatchObject({ password: server.password });

    const disconnected = await dispatchAsync(b.ctx, 'disconnectOffice', {});
    expect(disconnected).toEqual({
      ok: true,
      value: {
        available: true,
        server: null,
        passwordSet: false,
        linked: true,
        mustRejoin: false,
      },
    });
    // the copy still belongs to the office: its changes pile up, and the line says why
    expect(call(b.ctx, 'officeStatus', {})).toEqual({
      state: 'not-connected',
      reason: NOT_CONNECTED.noServer,
    });
  });

  it('says a desktop of an office is not connected when the key store cannot give the password back', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1);
    const first = runnerFor(b.ctx);
    await first.runner.settings.save(settingsOf(server));
    await first.runner.stop();
    // the operating system's key store no longer unwraps what it wrapped (a reinstall)
    first.protection.lose();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => quiet.mockRestore());
    await first.runner.start();
    expect(first.workers).toEqual([]);
    expect(call(b.ctx, 'officeStatus', {})).toEqual({
      state: 'not-connected',
      reason: NOT_CONNECTED.keyStore,
    });
    // only the error's kind is logged, never a secret
    expect(quiet.mock.calls.flat().join(' ')).not.toContain(server.password);
    // a supervisor enters the password again: the worker starts and syncs
    await first.runner.save(settingsOf(server));
    const [worker] = first.workers as [OfficeWorker];
    expect(await statusWhen(worker, (s) => s.state === 'synced')).toMatchObject({ waiting: 0 });
  });

  it('wakes the worker after a committed write, never after a refused one or a read', async () => {
    const server = await createServerDatabase();
    const { b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    const { runner, workers, wakes } = runnerFor(b.ctx);
    await runner.settings.save(settingsOf(server));
    await runner.start();
    const [worker] = workers as [OfficeWorker];
    await statusWhen(worker, (s) => s.state === 'synced');
    const statuses: string[] = [];
    worker.watch((s) => statuses.push(s.state));

    // refused: invalid, an account that is not there (rolled back), a read
    const outcomes: string[] = [];
    for (const [method, input] of [
      ['addActivity', { accountId, kind: 'note', text: '' }],
      ['addActivity', { accountId: 999_999, kind: 'note', text: 'Nowhere.' }],
      ['getAccount', { accountId }],
    ] as const) {
      const result = await dispatchAsync(b.ctx, method, input);
      outcomes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(outcomes).toEqual(['invalid_input', 'not_found', 'ok']);
    expect(wakes()).toBe(0);
    expect(statuses).toEqual([]);
    expect(all(b.ctx.db, `SELECT seq FROM outbox`)).toEqual([]);

    // committed: the hook wakes the worker, which sends the note with no one asking
    // the next status, not the one it has now
    const sent = new Promise((resolve) => {
      const stop = worker.watch((s) => {
        if (s.state !== 'synced') return;
        stop();
        resolve(s);
      });
    });
    const added = await dispatchAsync(b.ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'B: sent after its commit.',
    });
    expect(added.ok).toBe(true);
    expect(wakes()).toBe(1);
    expect(await sent).toMatchObject({ state: 'synced', waiting: 0 });
    expect(
      (await serverState(server)).notes.some((n) => n.endsWith('B: sent after its commit.')),
    ).toBe(true);
  });
});
