import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { manualClock, type ManualClock } from '../testing/manual-clock';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';
import { listBackupsIn } from './catalogue';
import { backupsDir } from './layout';
import { backupDue, backupTick, DEFAULT_BACKUP_SCHEDULE } from './schedule';

/** The office's day and time as UTC, so the test does not depend on the machine's zone. */
const office = (iso: string) => ({ day: iso.slice(0, 10), time: iso.slice(11, 16) });

let ctx: TestCtx;
let clock: ManualClock;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
  clock = manualClock('2026-03-16T12:00:00.000Z');
});
afterEach(() => ctx.close());

const tick = () => backupTick({ ...ctx, clock }, office);
const folder = () => backupsDir(ctx.databasePath, null);

describe('the backup schedule', () => {
  it('is due once the time has come, once a day', () => {
    expect(backupDue('12:30', { day: '2026-03-16', time: '12:29' }, null)).toBe(false);
    expect(backupDue('12:30', { day: '2026-03-16', time: '12:30' }, null)).toBe(true);
    expect(backupDue('12:30', { day: '2026-03-16', time: '18:00' }, '2026-03-15')).toBe(true);
    expect(backupDue('12:30', { day: '2026-03-16', time: '18:00' }, '2026-03-16')).toBe(false);
  });

  it('makes the day’s backup when the clock reaches its time, and not again that day', async () => {
    expect(DEFAULT_BACKUP_SCHEDULE.time).toBe('12:30');
    expect(tick()).toBeNull();
    clock.advanceMinutes(31);
    const made = await tick();
    expect(made?.check.ok).toBe(true);
    expect(listBackupsIn(folder()).map((b) => [b.at, b.kind])).toEqual([
      ['2026-03-16T12:31:00.000Z', 'scheduled'],
    ]);
    clock.advanceMinutes(60);
    expect(tick()).toBeNull();
    // the next day: not before its time
    clock.advanceMinutes(22 * 60 + 57); // 2026-03-17 12:28
    expect(tick()).toBeNull();
    clock.advanceMinutes(3);
    expect((await tick())?.check.ok).toBe(true);
    expect(listBackupsIn(folder())).toHaveLength(2);
  });

  it('follows the time and folder a supervisor sets, and rotates what it made', async () => {
    const elsewhere = path.join(ctx.dir, 'office backups');
    fs.mkdirSync(elsewhere);
    expect(call(ctx, 'saveBackupSchedule', { time: '07:15', folder: elsewhere })).toEqual({
      time: '07:15',
      folder: elsewhere,
    });
    clock.advanceMinutes(-5 * 60); // 07:00
    expect(tick()).toBeNull();
    for (let day = 0; day < 10; day++) {
      clock.advanceMinutes(20);
      expect((await tick())?.check.ok).toBe(true);
      clock.advanceMinutes(24 * 60 - 20);
    }
    const kept = listBackupsIn(backupsDir(ctx.databasePath, elsewhere));
    // ten days, Monday 16 to Wednesday 25 March: the last seven, which hold both weeks' and
    // the month's newest too
    expect(kept.map((b) => b.at.slice(0, 10))).toEqual([
      '2026-03-25',
      '2026-03-24',
      '2026-03-23',
      '2026-03-22',
      '2026-03-21',
      '2026-03-20',
      '2026-03-19',
    ]);
    expect(fs.existsSync(folder())).toBe(false);
  });

  it('tells a supervisor at once when a backup cannot be made, and no one else', async () => {
    // a file where the folder should be: nothing can be written there
    const blocked = path.join(ctx.dir, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    call(ctx, 'saveBackupSchedule', { time: '12:00', folder: blocked });
    expect(call(ctx, 'getBackupWarning', {})).toEqual({ warning: null });
    expect(await tick()).toBeNull();
    const { warning } = call(ctx, 'getBackupWarning', {});
    expect(warning).toMatch(/^No backup could be made: /);
    expect(call(ctx, 'listBackups', {}).last).toMatchObject({ ok: false });
    // a representative is not the one to act on it
    const rep = ensureUser(ctx.db, 'rep.two', 'Ray Representative', ctx.clock.now());
    expect(call({ ...ctx, userId: rep }, 'getBackupWarning', {})).toEqual({ warning: null });
    // not tried again all afternoon
    clock.advanceMinutes(120);
    expect(tick()).toBeNull();
  });
});
