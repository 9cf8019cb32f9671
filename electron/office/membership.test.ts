import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { dispatchAsync } from '../api/dispatch';
import { one, run } from '../db/query';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { ALL_CAPTURE_TRIGGERS, captureTriggersOf } from '../testing/office/capture';
import { owing } from '../testing/office/money';
import { runnerFor, settingsOf } from '../testing/office/runner';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { statusWhen } from '../testing/office/worker-watch';
import { createTestCtx } from '../testing/test-db';
import { officeLink } from './gids';
import { linkOffice } from './link';
import { ALREADY_LINKED, NO_SERVER } from './membership';
import { NOT_CONNECTED, setOfficeRunner } from './runner';
import { UPLOAD_UNFINISHED, uploadCopyPath } from './sync';
import type { OfficeWorker } from './worker';

afterEach(() => {
  setOfficeRunner(null);
});

/** A supervisor's standalone desktop with an account the patient has paid on. */
function desktopWithMoney() {
  const ctx = createTestCtx();
  onTestFinished(() => ctx.close());
  makeSupervisor(ctx);
  const { accountId } = addAccount(ctx);
  owing(ctx, accountId);
  call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
  return { ctx, accountId };
}

describeWithPg('making an office from a desktop', () => {
  it('is a supervisor’s, and needs a saved server', async () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    addAccount(ctx);
    runnerFor(ctx);
    const asRep = await dispatchAsync(ctx, 'createOffice', {});
    expect(asRep).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const join = await dispatchAsync(ctx, 'joinOffice', {});
    expect(join).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    makeSupervisor(ctx);
    const noServer = await dispatchAsync(ctx, 'createOffice', {});
    expect(noServer).toMatchObject({ ok: false, error: { code: 'conflict', message: NO_SERVER } });
    expect(officeLink(ctx.db)).toBeUndefined();
  });

  it('uploads the database, links this desktop and starts syncing; a second time is refused', async () => {
    const server = await createServerDatabase();
    const { ctx, accountId } = desktopWithMoney();
    const { runner, workers } = runnerFor(ctx);
    await runner.settings.save(settingsOf(server));
    await runner.start();
    expect(workers).toEqual([]);

    // from the moment it is asked, the status line says what is under way; a second ask waits
    const making = dispatchAsync(ctx, 'createOffice', {});
    expect(runner.status()).toMatchObject({ state: 'transferring', transfer: { what: 'make' } });
    const twice = await dispatchAsync(ctx, 'createOffice', {});
    expect(twice).toMatchObject({
      ok: false,
      error: { message: 'The office’s database is being made or downloaded already; wait for it.' },
    });
    const made = await making;
    expect(runner.status()?.state).not.toBe('transferring');
    expect(made).toMatchObject({ ok: true, value: { followUps: 1 } });
    expect(officeLink(ctx.db)).toBeDefined();
    // standalone it had no capture triggers; linked it has them all
    expect(captureTriggersOf(ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    expect(await serverCount(server, `SELECT count(*) AS n FROM follow_ups`)).toBe(1);

    // linked now: the worker runs, and a note written here reaches the server
    const [worker] = workers as [OfficeWorker];
    await statusWhen(worker, (s) => s.state === 'synced');
    const note = await dispatchAsync(ctx, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'After the office was made.',
    });
    expect(note.ok).toBe(true);
    // resolves when a sync begun after the note has ended, so the note was sent in it
    await worker.wake();
    expect(worker.status()).toMatchObject({ state: 'synced', waiting: 0 });
    expect(await serverCount(server, `SELECT count(*) AS n FROM activities`)).toBe(1);

    const again = await dispatchAsync(ctx, 'createOffice', {});
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: ALREADY_LINKED },
    });
  });

  it('says so in words when the server already has an office, and stays standalone', async () => {
    const server = await createServerDatabase();
    const first = desktopWithMoney();
    const firstRunner = runnerFor(first.ctx).runner;
    await firstRunner.settings.save(settingsOf(server));
    expect((await dispatchAsync(first.ctx, 'createOffice', {})).ok).toBe(true);
    setOfficeRunner(null);

    const second = desktopWithMoney();
    const { runner, workers } = runnerFor(second.ctx);
    await runner.settings.save(settingsOf(server));
    const refused = await dispatchAsync(second.ctx, 'createOffice', {});
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: 'This office already has its database; join it instead.',
      },
    });
    expect(officeLink(second.ctx.db)).toBeUndefined();
    expect(one(second.ctx.db, `SELECT 1 FROM outbox`)).toBeUndefined();
    // it was linked for the upload, and its capture went with the link
    expect(captureTriggersOf(second.ctx.db)).toEqual([]);
    expect(workers).toEqual([]);
    expect(runner.status()).toBeNull();
  });

  it('says a server that does not answer in words, and stays standalone', async () => {
    const server = await createServerDatabase();
    const { ctx } = desktopWithMoney();
    const { runner } = runnerFor(ctx);
    // a port nothing listens on
    await runner.settings.save({ ...settingsOf(server), port: 1 });
    const refused = await dispatchAsync(ctx, 'createOffice', {});
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: `The office server at ${server.host}:1 does not answer.`,
      },
    });
    expect(officeLink(ctx.db)).toBeUndefined();
  });

  it('settles an upload a crash cut short: finished when the server has it, undone when not', async () => {
    const server = await createServerDatabase();
    const made = desktopWithMoney();
    const first = runnerFor(made.ctx);
    await first.runner.settings.save(settingsOf(server));
    expect((await dispatchAsync(made.ctx, 'createOffice', {})).ok).toBe(true);
    const cursor = officeLink(made.ctx.db)?.cursor;
    await first.runner.stop();
    // the crash came after the server's commit, before the desktop noted its cursor
    run(made.ctx.db, `UPDATE office_link SET cursor = ?`, UPLOAD_UNFINISHED);
    fs.writeFileSync(uploadCopyPath(made.ctx.databasePath), 'plain patient data');
    await first.runner.start();
    expect(officeLink(made.ctx.db)?.cursor).toBe(cursor);
    expect(captureTriggersOf(made.ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    expect(fs.existsSync(uploadCopyPath(made.ctx.databasePath))).toBe(false);
    expect(first.workers).toHaveLength(2);
    setOfficeRunner(null);

    // another desktop's upload never reached the server's commit: standalone again
    const cut = desktopWithMoney();
    const { runner, workers } = runnerFor(cut.ctx);
    await runner.settings.save(settingsOf(server));
    cut.ctx.db.transaction(() =>
      linkOffice(cut.ctx.db, crypto.randomUUID(), UPLOAD_UNFINISHED, 't'),
    )();
    expect(captureTriggersOf(cut.ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    await runner.start();
    expect(officeLink(cut.ctx.db)).toBeUndefined();
    expect(captureTriggersOf(cut.ctx.db)).toEqual([]);
    expect(workers).toEqual([]);
    expect(runner.status()).toBeNull();
  });

  it('sends and pulls nothing while the server cannot say how a cut-short upload ended', async () => {
    const server = await createServerDatabase();
    const { ctx } = desktopWithMoney();
    const { runner, workers } = runnerFor(ctx);
    await runner.settings.save({ ...settingsOf(server), port: 1 });
    ctx.db.transaction(() => linkOffice(ctx.db, crypto.randomUUID(), UPLOAD_UNFINISHED, 't'))();
    await runner.start();
    expect(workers).toEqual([]);
    expect(runner.status()).toEqual({
      state: 'not-connected',
      reason: NOT_CONNECTED.uploadUnfinished,
    });
    expect(officeLink(ctx.db)?.cursor).toBe(UPLOAD_UNFINISHED);
  });
});
