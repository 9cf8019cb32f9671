import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { call } from '../testing/call';
import { CuttableLink } from '../testing/office/cuttable';
import { syncedState, twoDesktops, type Desktop } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { heldRetries, statusWhen } from '../testing/office/worker-watch';
import type { ServerConfig } from './server/connection';
import { OfficeWorker, retryDelay, type Schedule } from './worker';
import { MARK_RENEW_MS } from './working';

function workerFor(d: Desktop, config: ServerConfig, schedule: Schedule): OfficeWorker {
  const worker = new OfficeWorker(d.ctx, config, schedule, 'worker');
  onTestFinished(() => worker.stop());
  return worker;
}

describe('waiting after a failure', () => {
  it('doubles from 5 seconds to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelay)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000,
    ]);
  });
});

describeWithPg('the office worker of a desktop', () => {
  it('syncs when started, after its own writes, and when another desktop commits', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    const worker = workerFor(b, server, heldRetries().schedule);
    await worker.start();
    expect(worker.status()).toMatchObject({ state: 'synced', waiting: 0, notSynced: 0 });

    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: sent by the worker.' });
    await worker.wake();
    await a.sync.pull();
    expect(syncedState(a.ctx).notes.some((n) => n.endsWith('B: sent by the worker.'))).toBe(true);

    // A's commit wakes B's worker through LISTEN; B then has A's note
    const hasNote = () => syncedState(b.ctx).notes.some((n) => n.endsWith('A: heard at B.'));
    let woken = statusWhen(worker, () => hasNote());
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: heard at B.' });
    await a.sync.push();
    await woken;
    expect(hasNote()).toBe(true);

    // wake-ups that come while a sync runs are folded into one more sync
    let syncs = 0;
    worker.watch((s) => (syncs += s.state === 'synced' ? 1 : 0));
    for (const text of ['one', 'two', 'three']) {
      call(b.ctx, 'addActivity', { accountId, kind: 'note', text });
    }
    woken = Promise.all([worker.wake(), worker.wake(), worker.wake()]).then(() => worker.status());
    expect(await woken).toMatchObject({ state: 'synced', waiting: 0 });
    expect(syncs).toBeLessThanOrEqual(2);
  });

  it('goes offline when the network is cut, keeps the work, and catches up once it is back', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    const link = await CuttableLink.open(server);
    onTestFinished(() => link.cut());
    const retries = heldRetries();
    const worker = workerFor(b, link.config, retries.schedule);
    await worker.start();
    expect(worker.status().state).toBe('synced');

    // the listening connection breaks: B knows at once that it hears no one
    await link.cut();
    const offline = await statusWhen(worker, (s) => s.state === 'offline');
    expect(offline).toMatchObject({ state: 'offline', waiting: 0, retryInSeconds: 5 });
    expect(offline.state === 'offline' ? offline.reason : '').toMatch(
      /connection to the office server at 127\.0\.0\.1:\d+ was lost\. Work is kept here/,
    );
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: written offline.' });
    // still cut at the first retry: the wait grows, the work stays
    retries.runNext();
    await worker.wake();
    const still = worker.status();
    expect(still).toMatchObject({ state: 'offline', waiting: 1, retryInSeconds: 10 });
    expect(still.state === 'offline' ? still.reason : '').toMatch(
      /office server at 127\.0\.0\.1:\d+ (does not answer|was lost)\. Work is kept here/,
    );
    // the working marks' renewal asks the same schedule for its minute
    expect(retries.waits.filter((ms) => ms !== MARK_RENEW_MS)).toEqual([5_000, 10_000]);

    await link.mend();
    retries.runNext();
    await worker.wake();
    expect(worker.status()).toMatchObject({ state: 'synced', waiting: 0 });
    await a.sync.pull();
    expect(syncedState(a.ctx).notes.some((n) => n.endsWith('B: written offline.'))).toBe(true);
    // listening again: A's next commit reaches B without B asking
    const heard = statusWhen(worker, () =>
      syncedState(b.ctx).notes.some((n) => n.endsWith('A: after the outage.')),
    );
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: after the outage.' });
    await a.sync.push();
    await heard;
  });

  it('says when the server refuses its password, without quoting the server', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1);
    const worker = workerFor(
      b,
      { ...server, password: 'not the password' },
      heldRetries().schedule,
    );
    await worker.start();
    expect(worker.status()).toMatchObject({
      state: 'offline',
      reason: 'The office server refused this desktop’s user name or password.',
    });
  });

  it('goes offline, keeping the work, when the server takes the connection and never answers', async () => {
    const server = await createServerDatabase();
    const { b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    // a server behind a firewall that drops its packets: the connection is taken, then silence
    const silent: net.Socket[] = [];
    const listener = net.createServer((s) => silent.push(s));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      silent.forEach((s) => s.destroy());
      listener.close();
    });
    const address = listener.address();
    if (!address || typeof address !== 'object') throw new Error('no port');
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: waits for the server.' });
    const retries = heldRetries();
    const worker = workerFor(
      b,
      { ...server, port: address.port, connectTimeoutMs: 200 },
      retries.schedule,
    );
    await worker.start();
    expect(worker.status()).toMatchObject({
      state: 'offline',
      waiting: 1,
      reason: `The office server at 127.0.0.1:${address.port} does not answer. Work is kept here and sent when it is back.`,
    });
    expect(retries.waits).toEqual([5_000]);
    expect(silent.length).toBeGreaterThan(0);
  });
});
