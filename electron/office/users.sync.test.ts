import { expect, it, onTestFinished } from 'vitest';
import type { Ctx } from '../core/context';
import { one, run } from '../db/query';
import { call, expectRefused } from '../testing/call';
import { syncAll } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { applySamsChange, officeWithSam, samsRow, userId } from '../testing/office/sam';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { signIn, UserTurnedOffError } from '../users/sign-in';
import { requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

const standing = (ctx: Ctx, name: string) =>
  one<{ displayName: string; role: string; active: number; pending: number }>(
    ctx.db,
    `SELECT display_name AS displayName, role, active, pending FROM users WHERE username = ?`,
    name,
  );

const samOnServer = async (server: Awaited<ReturnType<typeof createServerDatabase>>) =>
  (
    await serverRows<{ role: string; active: boolean; displayName: string; version: number }>(
      server,
      `SELECT role, active, display_name AS "displayName", version FROM users
         WHERE gid = 'user:sam.ortiz'`,
    )
  )[0];

describeWithPg('users across the office', () => {
  it('a user a supervisor turns off at one desktop cannot sign in or work at another', async () => {
    const { server, a, b } = await officeWithSam();
    const samAtB = { ...b.ctx, userId: userId(b.ctx, 'sam.ortiz') };
    expect(call(samAtB, 'getAppInfo', {}).user.id).toBe(samAtB.userId);

    call(a.ctx, 'saveUser', {
      userId: userId(a.ctx, 'sam.ortiz'),
      displayName: 'Sam Ortiz',
      role: 'representative',
      active: false,
    });
    await syncAll(a, b);

    expect(await samOnServer(server)).toEqual({
      role: 'representative',
      active: false,
      displayName: 'Sam Ortiz',
      version: 2,
    });
    expect(standing(b.ctx, 'sam.ortiz')).toMatchObject({ active: 0 });
    expect(() => signIn(b.ctx.db, 'sam.ortiz', b.ctx.clock.now())).toThrow(UserTurnedOffError);
    expectRefused(samAtB, 'getAppInfo', {}, /A supervisor has turned off your ClaimDesk user/);
    // B's history says who did it, by the name B knows them under
    expect(
      one(
        b.ctx.db,
        `SELECT c.why, u.username AS byName FROM user_changes c JOIN users u ON u.id = c.changed_by
           WHERE c.user_id = ? ORDER BY c.id DESC LIMIT 1`,
        samAtB.userId,
      ),
    ).toEqual({ why: 'Changed at another desktop of the office', byName: 'rep.one' });
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it('a new name allowed by a supervisor at one desktop is allowed at the others', async () => {
    const { server, a, b } = await officeWithSam();
    const now = a.ctx.clock.now();
    // kim.ng signs in at both desks before anyone allows her: waiting at each
    const kimAtA = signIn(a.ctx.db, 'kim.ng', now);
    const kimAtB = signIn(b.ctx.db, 'kim.ng', now);
    expect(standing(b.ctx, 'kim.ng')).toMatchObject({ pending: 1 });
    expectRefused({ ...b.ctx, userId: kimAtB }, 'listQueue', {}, /./);

    call(a.ctx, 'allowUser', { userId: kimAtA });
    // each sign-in was sent as it happened; A's allowing reaches the server first
    await syncAll(a, b);

    expect(standing(b.ctx, 'kim.ng')).toMatchObject({ pending: 0, active: 1 });
    expect(signIn(b.ctx.db, 'kim.ng', now)).toBe(kimAtB);
    expect(call({ ...b.ctx, userId: kimAtB }, 'getAppInfo', {}).user.id).toBe(kimAtB);
    const [kim] = await serverRows<{ pending: boolean; changedBy: string }>(
      server,
      `SELECT pending, changed_by AS "changedBy" FROM users WHERE gid = 'user:kim.ng'`,
    );
    expect(kim).toEqual({ pending: false, changedBy: 'user:rep.one' });
    // B's waiting copy of the name was refused in words and the office's record taken
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "kim.ng was already known to the office; this desktop took the office's record of them.",
    ]);
  });

  it('a new name signed in at two desks waits once, with nothing listed at either', async () => {
    const { server, a, b } = await officeWithSam();
    signIn(a.ctx.db, 'kim.ng', a.ctx.clock.now());
    signIn(b.ctx.db, 'kim.ng', b.ctx.clock.now());
    await syncAll(a, b);
    expect(
      await serverRows(server, `SELECT pending, version FROM users WHERE gid = 'user:kim.ng'`),
    ).toEqual([{ pending: true, version: 1 }]);
    expect([...notSyncedActions(a.ctx.db), ...notSyncedActions(b.ctx.db)]).toEqual([]);
    expect(standing(b.ctx, 'kim.ng')).toMatchObject({ pending: 1 });
  });

  it('refuses a change to a user made by someone the server does not know as a supervisor', async () => {
    const { server, a, b, accountId } = await officeWithSam();
    const pool = openPool(server, 1);
    onTestFinished(() => pool.end());
    const before = await samOnServer(server);
    const row = samsRow({ role: 'supervisor', active: true, changedBy: 'user:rep.2' });
    const outcome = await applySamsChange(pool, b, row, { seq: 900, baseVersion: 1, version: 2 });
    expect(outcome).toMatchObject({
      outcome: 'refused',
      reason: expect.stringMatching(
        /^Only a supervisor can allow, turn off or change the role of a user; .*was refused\.$/,
      ),
    });
    expect(await samOnServer(server)).toEqual(before);
    // nor may a representative add someone already allowed; a user is never deleted
    const added = await applyEntry(pool, requireOfficeLink(b.ctx.db).desktopId, {
      seq: 901,
      changes: [
        {
          tbl: 'users',
          op: 'insert',
          gid: 'user:lee.park',
          baseVersion: 0,
          version: 1,
          row: { ...row, username: 'lee.park', displayName: 'Lee Park' },
        },
      ],
    });
    expect(added).toMatchObject({ outcome: 'refused', reason: /^Only a supervisor/ });
    expect(await serverRows(server, `SELECT gid FROM users WHERE gid = 'user:lee.park'`)).toEqual(
      [],
    );
    await expect(pool.query(`DELETE FROM users WHERE gid = 'user:sam.ortiz'`)).rejects.toThrow(
      /users are never deleted/,
    );
    await expect(pool.query(`TRUNCATE users`)).rejects.toThrow(/users are never deleted/);

    // the same made at a desktop by editing its file: refused, and the office's state taken
    const rep = userId(b.ctx, 'rep.2');
    run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, rep);
    call({ ...b.ctx, userId: rep }, 'addActivity', {
      accountId,
      kind: 'note',
      text: 'B: noted.',
    });
    await syncAll(b, a);
    expect(standing(b.ctx, 'rep.2')).toMatchObject({ role: 'representative' });
    expect(standing(a.ctx, 'rep.2')).toMatchObject({ role: 'representative' });
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(/^Only a supervisor can allow, turn off or change the role/),
    ]);
    // the note went on its own
    expect(one(a.ctx.db, `SELECT 1 AS n FROM activities WHERE body = 'B: noted.'`)).toEqual({
      n: 1,
    });
  });

  it('of two supervisors changing one user at once, the second is refused and listed', async () => {
    const { server, a, b } = await officeWithSam(true);
    const asSecond = { ...b.ctx, userId: userId(b.ctx, 'rep.2') };
    call(a.ctx, 'saveUser', {
      userId: userId(a.ctx, 'sam.ortiz'),
      displayName: 'Sam Ortiz',
      role: 'representative',
      active: false,
    });
    call(asSecond, 'saveUser', {
      userId: userId(b.ctx, 'sam.ortiz'),
      displayName: 'Samuel Ortiz',
      role: 'supervisor',
      active: true,
    });
    await a.sync.sync();
    await b.sync.sync();
    await syncAll(a, b);

    expect(await samOnServer(server)).toEqual({
      role: 'representative',
      active: false,
      displayName: 'Sam Ortiz',
      version: 2,
    });
    for (const d of [a, b]) {
      expect(standing(d.ctx, 'sam.ortiz')).toEqual({
        displayName: 'Sam Ortiz',
        role: 'representative',
        active: 0,
        pending: 0,
      });
    }
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "Someone changed sam.ortiz first at another desktop; this desktop took the office's record of them.",
    ]);
    expect(notSyncedActions(b.ctx.db)[0]?.changes[0]?.row).toMatchObject({
      displayName: 'Samuel Ortiz',
      role: 'supervisor',
    });
  });
});
