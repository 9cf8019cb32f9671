import fs from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { openDatabase } from '../db/open';
import { all } from '../db/query';
import { dispatchAsync } from '../api/dispatch';
import { call } from '../testing/call';
import { runnerFor, settingsOf } from '../testing/office/runner';
import { statusWhen } from '../testing/office/worker-watch';
import { everyoneSupervisor, serverState, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { officeFailure } from './failure';
import { EntryReplayed, REPLAYED } from './refused';
import { setOfficeRunner } from './runner';
import { OfficeSync } from './sync';
import type { OfficeWorker } from './worker';

describeWithPg('a desktop put back to an earlier state', () => {
  it('is refused, not answered "accepted", when it numbers new work as work already sent', async () => {
    const server = await createServerDatabase();
    const { b, accountIds } = await twoDesktops(server, 1);
    const [accountId] = accountIds as [AccountId];
    // the backup: B's copy as it is now, before its next note
    const backup = path.join(path.dirname(b.ctx.databasePath), 'desktop-b-backup.sqlite');
    b.ctx.db.exec(`VACUUM INTO '${backup}'`);
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: sent before the restore.' });
    expect(await b.sync.push()).toEqual({ accepted: 1, refused: 0 });

    // B restored from the backup: the same desktop id, the same next entry number
    const restored = {
      db: openDatabase(backup),
      clock: fixedClock(TEST_TODAY),
      userId: b.ctx.userId,
      databasePath: backup,
    };
    const sync = new OfficeSync(restored, server, 'desktop b, restored');
    onTestFinished(async () => {
      await sync.close();
      restored.db.close();
    });
    await sync.connect();
    call(restored, 'addActivity', { accountId, kind: 'note', text: 'B: after the restore.' });
    await expect(sync.push()).rejects.toBeInstanceOf(EntryReplayed);
    // asked again, the same: the work stays in the outbox, never dropped as "accepted"
    await expect(sync.push()).rejects.toBeInstanceOf(EntryReplayed);
    expect(all(restored.db, `SELECT seq FROM outbox`)).toHaveLength(1);
    const notes = (await serverState(server)).notes;
    expect(notes.some((n) => n.endsWith('B: sent before the restore.'))).toBe(true);
    expect(notes.some((n) => n.endsWith('B: after the restore.'))).toBe(false);
    // the status line's words say what happened and what to do
    expect(officeFailure(new EntryReplayed(), server)).toBe(REPLAYED);
  });

  it('offers the supervisor to join again, and joins though the copy belongs to the office', async () => {
    const server = await createServerDatabase();
    const { b, accountIds } = await twoDesktops(server, 1, everyoneSupervisor);
    const [accountId] = accountIds as [AccountId];
    const backup = path.join(path.dirname(b.ctx.databasePath), 'desktop-b-backup.sqlite');
    b.ctx.db.exec(`VACUUM INTO '${backup}'`);
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: sent before the restore.' });
    await b.sync.push();

    const restored = {
      db: openDatabase(backup),
      clock: fixedClock(TEST_TODAY),
      userId: b.ctx.userId,
      databasePath: backup,
    };
    onTestFinished(() => {
      restored.db.close();
    });
    call(restored, 'addActivity', { accountId, kind: 'note', text: 'B: after the restore.' });
    const joinedTo = path.join(path.dirname(backup), 'rejoined', 'claimdesk.sqlite');
    const { runner, workers } = runnerFor(restored, {
      joinedFile: () => ({ file: joinedTo }),
      switchTo: () => false,
    });
    onTestFinished(() => {
      setOfficeRunner(null);
    });
    await runner.settings.save(settingsOf(server));
    await runner.start();
    const [worker] = workers as [OfficeWorker];
    expect(await statusWhen(worker, (s) => s.state === 'offline')).toMatchObject({
      reason: REPLAYED,
    });
    expect(call(restored, 'getOfficeServer', {})).toMatchObject({ linked: true, mustRejoin: true });
    const joined = await dispatchAsync(restored, 'joinOffice', {});
    expect(joined).toMatchObject({ ok: true, value: { restarting: false } });
    expect(fs.existsSync(joinedTo)).toBe(true);
    // the restored copy is kept as it was, its unsent note still in its outbox
    expect(all(restored.db, `SELECT seq FROM outbox`)).toHaveLength(1);
  });
});
