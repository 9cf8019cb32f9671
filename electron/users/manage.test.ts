import type { UserId } from '../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from './users';

let ctx: TestCtx;
let colleague: UserId;
beforeEach(() => {
  ctx = createTestCtx();
  colleague = ensureUser(ctx.db, 'sam.ortiz', 'Sam Ortiz', ctx.clock.now());
});
afterEach(() => ctx.close());

const users = () =>
  ctx.db
    .prepare(`SELECT username, display_name AS name, role, active FROM users ORDER BY id`)
    .all();

describe('users and roles', () => {
  it('everyone sees the users; only a supervisor may change them', () => {
    const view = call(ctx, 'listUsers', {});
    expect(view.canChange).toBe(false);
    expect(view.users.map((u) => [u.displayName, u.role, u.you])).toEqual([
      ['Rita Representative', 'representative', true],
      ['Sam Ortiz', 'representative', false],
    ]);
    const before = users();
    expectRefused(
      ctx,
      'saveUser',
      { userId: colleague, displayName: 'Sam Ortiz', role: 'supervisor', active: true },
      /Only a supervisor can change who may do what/,
    );
    expectRefused(
      ctx,
      'addUser',
      { username: 'kim.ng', displayName: 'Kim Ng', role: 'representative' },
      /Only a supervisor can add users/,
    );
    expect(users()).toEqual(before);
  });

  it('a supervisor gives the role, renames and turns off, each change kept with who and why', () => {
    makeSupervisor(ctx);
    const promoted = call(ctx, 'saveUser', {
      userId: colleague,
      displayName: 'Samuel Ortiz',
      role: 'supervisor',
      active: true,
    });
    expect(promoted.canChange).toBe(true);
    expect(promoted.users.find((u) => u.id === colleague)).toMatchObject({
      displayName: 'Samuel Ortiz',
      role: 'supervisor',
      active: true,
      lastChange: {
        at: ctx.clock.now(),
        byName: 'Rita Representative',
        why: 'Name: Sam Ortiz → Samuel Ortiz; Role: Account representative → Supervisor',
      },
    });
    call(ctx, 'saveUser', {
      userId: colleague,
      displayName: 'Samuel Ortiz',
      role: 'representative',
      active: false,
    });
    // saving what is already there records nothing
    call(ctx, 'saveUser', {
      userId: colleague,
      displayName: 'Samuel Ortiz',
      role: 'representative',
      active: false,
    });
    expect(
      ctx.db.prepare(`SELECT role, active, why FROM user_changes WHERE user_id = ?`).all(colleague),
    ).toEqual([
      {
        role: 'supervisor',
        active: 1,
        why: 'Name: Sam Ortiz → Samuel Ortiz; Role: Account representative → Supervisor',
      },
      {
        role: 'representative',
        active: 0,
        why: 'Role: Supervisor → Account representative; Turned off',
      },
    ]);
    // turned off users sort after those who work
    expect(call(ctx, 'listUsers', {}).users.map((u) => u.active)).toEqual([true, false]);
    // the history is append-only
    expect(() => ctx.db.exec(`DELETE FROM user_changes`)).toThrow(/kept as they were recorded/);
  });

  it('refuses every request of a user turned off while they work, writing nothing', () => {
    makeSupervisor(ctx);
    const theirs = { ...ctx, userId: colleague };
    expect(call(theirs, 'getAppInfo', {}).user.id).toBe(colleague);
    call(ctx, 'saveUser', {
      userId: colleague,
      displayName: 'Sam Ortiz',
      role: 'representative',
      active: false,
    });
    expectRefused(theirs, 'getAppInfo', {}, /A supervisor has turned off your ClaimDesk user/);
    expectRefused(
      theirs,
      'listQueue',
      {},
      /Close ClaimDesk and ask a supervisor to turn it back on under Settings, Users\./,
    );
    // the supervisor carries on
    expect(call(ctx, 'getAppInfo', {}).user.id).toBe(ctx.userId);
  });

  it('always keeps one active supervisor', () => {
    makeSupervisor(ctx);
    const me = { userId: ctx.userId, displayName: 'Rita Representative' };
    const before = users();
    expectRefused(
      ctx,
      'saveUser',
      { ...me, role: 'representative', active: true },
      /Rita Representative is the only active supervisor\. Make someone else a supervisor first/,
    );
    expectRefused(ctx, 'saveUser', { ...me, role: 'supervisor', active: false }, /only active/);
    expect(users()).toEqual(before);
    // with a second supervisor, the first may step down
    call(ctx, 'saveUser', {
      userId: colleague,
      displayName: 'Sam Ortiz',
      role: 'supervisor',
      active: true,
    });
    const after = call(ctx, 'saveUser', { ...me, role: 'representative', active: true });
    expect(after.canChange).toBe(false);
  });

  it('a supervisor adds a colleague before their first sign-in; bad input writes nothing', () => {
    makeSupervisor(ctx);
    const view = call(ctx, 'addUser', {
      username: ' kim.ng ',
      displayName: 'Kim Ng',
      role: 'supervisor',
    });
    expect(view.users.find((u) => u.username === 'kim.ng')).toMatchObject({
      displayName: 'Kim Ng',
      role: 'supervisor',
      active: true,
      lastChange: { why: 'Added as supervisor' },
    });
    // the sign-in name is the computer's, compared without case
    expect(ensureUser(ctx.db, 'KIM.NG', 'KIM.NG', ctx.clock.now())).toBe(
      view.users.find((u) => u.username === 'kim.ng')?.id,
    );
    expectRefused(
      ctx,
      'addUser',
      { username: 'Sam.Ortiz', displayName: 'Another Sam', role: 'representative' },
      /The sign-in name Sam\.Ortiz already belongs to Sam Ortiz\./,
    );
    expectRefused(
      ctx,
      'addUser',
      { username: 'kim ng', displayName: 'Kim', role: 'representative' },
      /letters, digits, dots, dashes or underscores/,
    );
    expectRefused(
      ctx,
      'addUser',
      { username: 'lee', displayName: '  ', role: 'representative' },
      /Name is required/,
    );
    expectRefused(
      ctx,
      'saveUser',
      { userId: colleague, displayName: 'Sam', role: 'admin', active: true },
      /Choose a role/,
    );
    expectRefused(
      ctx,
      'saveUser',
      { userId: 9_999, displayName: 'Nobody', role: 'representative', active: true },
      /That user was not found/,
    );
  });
});
