import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { manualClock, type ManualClock } from '../testing/manual-clock';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';
import { dispatch } from '../api/dispatch';
import { signIn } from '../users/sign-in';
import { LOCKED_MESSAGE } from './gate';
import { EMERGENCY_ACCESS_HOURS } from './review';
import { lockWhenIdle } from './session';

const START = '2026-03-16T09:00:00.000Z';

let base: TestCtx;
let clock: ManualClock;
/** The supervisor's window, on a clock the test moves. */
let boss: Ctx;
let accountId: number;
beforeEach(() => {
  base = createTestCtx();
  makeSupervisor(base);
  clock = manualClock(START);
  boss = { ...base, clock };
  lockWhenIdle(boss);
  accountId = addAccount(base).accountId;
});
afterEach(() => base.close());

/** A new window for the user signed in with this name (a fresh session, as at start). */
const windowOf = (username: string): Ctx => ({
  ...base,
  clock,
  userId: signIn(base.db, username, clock.now()),
});

const note = () => ({ accountId, kind: 'note' as const, text: 'Called the patient.' });

describe('a sign-in name never seen before', () => {
  it('waits for a supervisor: refused every method but its screen, writing nothing', () => {
    const stranger = windowOf('sam.ortiz');
    expect(call(stranger, 'getAccessState', {})).toMatchObject({
      status: 'waiting',
      user: { username: 'sam.ortiz', role: 'representative' },
    });
    const waiting = /^Your sign-in name sam\.ortiz is waiting for a supervisor to allow it\.$/;
    expectRefused(stranger, 'getAccount', { accountId }, waiting);
    expectRefused(stranger, 'listQueue', {}, waiting);
    expectRefused(stranger, 'search', { query: 'a' }, waiting);
    expectRefused(stranger, 'addActivity', note(), waiting);
    expectRefused(stranger, 'reportActivity', {}, waiting);
    expectRefused(stranger, 'setOwnSecret', { kind: 'pin', secret: '2468' }, waiting);
  });

  it('is allowed by a supervisor, or refused and turned off, each kept in its history', () => {
    const sam = windowOf('sam.ortiz');
    const kim = windowOf('kim.ng');
    const review = call(boss, 'getAccessReview', {});
    expect(review.pending.map((p) => p.username)).toEqual(['sam.ortiz', 'kim.ng']);
    expectRefused(sam, 'allowUser', { userId: kim.userId }, /waiting for a supervisor/);

    expect(call(boss, 'allowUser', { userId: sam.userId }).pending).toHaveLength(1);
    expect(call(sam, 'getAccessState', {}).status).toBe('open');
    call(sam, 'addActivity', note());

    call(boss, 'refuseUser', { userId: kim.userId });
    expectRefused(kim, 'getAccessState', {}, /turned off your ClaimDesk user/);
    expectRefused(boss, 'allowUser', { userId: kim.userId }, /is not waiting/);
    const whys = base.db
      .prepare(
        `SELECT user_id AS id, why FROM user_changes
           WHERE changed_by = ? AND user_id <> changed_by ORDER BY id`,
      )
      .all(boss.userId);
    expect(whys).toEqual([
      { id: sam.userId, why: 'Allowed to open ClaimDesk' },
      { id: kim.userId, why: 'Refused: not allowed to open ClaimDesk' },
    ]);
  });

  it('gets emergency access for a limited time, with its reason, for a supervisor to acknowledge', () => {
    const sam = windowOf('sam.ortiz');
    expectRefused(sam, 'startEmergencyAccess', { reason: '  ' }, /Reason is required/);
    const state = call(sam, 'startEmergencyAccess', { reason: 'Covering the ER desk tonight' });
    expect(state).toMatchObject({ status: 'open', emergencyUntil: '2026-03-16T13:00:00.000Z' });
    call(sam, 'reportActivity', {});
    call(sam, 'getAccount', { accountId });

    clock.advanceMinutes(EMERGENCY_ACCESS_HOURS * 60);
    // the window was idle long before; still, the name is what decides first
    expectRefused(sam, 'getAccount', { accountId }, /waiting for a supervisor/);
    // the supervisor comes back to a new window
    const later = { ...boss, clock: manualClock(clock.now()) };
    expectRefused(later, 'startEmergencyAccess', { reason: 'me too' }, /not allowed yet/);

    const [shown] = call(later, 'getAccessReview', {}).emergencies;
    expect(shown).toMatchObject({
      username: 'sam.ortiz',
      reason: 'Covering the ER desk tonight',
      startedAt: START,
      acknowledged: null,
    });
    const after = call(later, 'acknowledgeEmergencyAccess', { emergencyId: shown?.id ?? 0 });
    expect(after.emergencies[0]?.acknowledged).toEqual({
      at: '2026-03-16T13:00:00.000Z',
      byName: 'Rita Representative',
    });
    expectRefused(
      later,
      'acknowledgeEmergencyAccess',
      { emergencyId: shown?.id ?? 0 },
      /not found/,
    );
    expect(() => base.db.prepare(`UPDATE emergency_access SET reason = 'nothing'`).run()).toThrow(
      /kept as it was recorded/,
    );
  });
});

describe('the idle lock', () => {
  it('locks after the idle minutes of the billing rules; input before then keeps it open', () => {
    clock.advanceMinutes(14);
    call(boss, 'reportActivity', {});
    clock.advanceMinutes(14);
    expect(call(boss, 'getAccessState', {}).status).toBe('open');
    clock.advanceMinutes(1);
    expect(call(boss, 'getAccessState', {})).toMatchObject({
      status: 'locked',
      idleLockMinutes: 15,
    });
  });

  it('refuses patient data and writes while locked, and input alone does not reopen it', () => {
    clock.advanceMinutes(15);
    expectRefused(boss, 'getAccount', { accountId }, new RegExp(`^${LOCKED_MESSAGE}$`));
    expectRefused(boss, 'listQueue', {}, /locked/);
    expectRefused(boss, 'addActivity', note(), /locked/);
    expectRefused(boss, 'saveFacility', {}, /locked/);
    expect(call(boss, 'reportActivity', {}).status).toBe('locked');
    expect(call(boss, 'unlock', {}).status).toBe('open');
    call(boss, 'getAccount', { accountId });
  });

  it('follows the office rule and locks at once on request', () => {
    call(boss, 'saveBillingRules', { idleLockMinutes: 5 });
    clock.advanceMinutes(5);
    expect(call(boss, 'getAccessState', {}).status).toBe('locked');
    call(boss, 'unlock', {});
    expect(call(boss, 'lockNow', {}).status).toBe('locked');
    expectRefused(boss, 'listQueue', {}, /locked/);
  });
});

describe('a ClaimDesk PIN or password', () => {
  it('is kept as a salted scrypt hash with its parameters, never as typed', () => {
    call(boss, 'setOwnSecret', { kind: 'pin', secret: '482913' });
    const row = base.db
      .prepare(`SELECT kind, hash, salt, cost, block_size AS r, parallel AS p FROM user_secrets`)
      .get() as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'pin', cost: 32768, r: 8, p: 1 });
    expect(Buffer.isBuffer(row.hash) && row.hash.length).toBe(32);
    expect(Buffer.isBuffer(row.salt) && row.salt.length).toBe(16);
    expect(JSON.stringify(row)).not.toContain('482913');
  });

  it('is asked for at start and at unlock; a wrong one is refused and writes nothing', () => {
    call(boss, 'setOwnSecret', { kind: 'pin', secret: '482913' });
    const atStart: Ctx = { ...boss };
    expect(call(atStart, 'getAccessState', {})).toMatchObject({ status: 'locked', secret: 'pin' });
    expectRefused(atStart, 'unlock', { secret: '482914' }, /^That PIN is not right\.$/);
    expectRefused(atStart, 'unlock', {}, /not right/);
    expectRefused(atStart, 'getAccount', { accountId }, /locked/);
    expect(call(atStart, 'unlock', { secret: '482913' }).status).toBe('open');
    call(atStart, 'getAccount', { accountId });
  });

  it('makes unlocking wait a minute after five wrong tries in a row', () => {
    call(boss, 'setOwnSecret', { kind: 'password', secret: 'correct horse' });
    const atStart: Ctx = { ...boss };
    for (let i = 0; i < 5; i += 1)
      expectRefused(atStart, 'unlock', { secret: 'guess' }, /not right/);
    expectRefused(atStart, 'unlock', { secret: 'correct horse' }, /Try again in 1 minute\./);
    clock.advanceMinutes(1);
    expect(call(atStart, 'unlock', { secret: 'correct horse' }).status).toBe('open');
  });

  it('is changed only with the current one, and reset by a supervisor', () => {
    const sam = windowOf('sam.ortiz');
    call(boss, 'allowUser', { userId: sam.userId });
    call(sam, 'setOwnSecret', { kind: 'pin', secret: '1357' });
    expectRefused(sam, 'setOwnSecret', { kind: 'pin', secret: '2468' }, /current PIN/);
    expectRefused(
      sam,
      'setOwnSecret',
      { kind: 'pin', secret: '2468', current: '1358' },
      /current PIN or password is not right/,
    );
    expectRefused(
      sam,
      'setOwnSecret',
      { kind: 'pin', secret: '12a4', current: '1357' },
      /4 to 12 digits/,
    );
    call(sam, 'setOwnSecret', { kind: 'pin', secret: '2468', current: '1357' });
    expectRefused(sam, 'resetUserSecret', { userId: sam.userId }, /Only a supervisor/);
    expect(call(boss, 'resetUserSecret', { userId: sam.userId }).withSecret).toEqual([]);
    expect(call({ ...sam }, 'getAccessState', {})).toMatchObject({ status: 'open', secret: null });
  });
});

describe('dispatch keeps the waiting and the locked apart from the rest', () => {
  it('never locks a context nobody sits at (a script, a benchmark), however much time passes', () => {
    const script: Ctx = { ...base, clock };
    call(script, 'getAccessState', {});
    clock.advanceMinutes(60 * 24);
    expect(call(script, 'listQueue', {})).toBeDefined();
  });

  it('answers the access state to anyone, and counts no request as a person input', () => {
    const before = tableCounts(base);
    clock.advanceMinutes(10);
    for (let i = 0; i < 3; i += 1) dispatch(boss, 'getAccessState', {});
    clock.advanceMinutes(5);
    expect(call(boss, 'getAccessState', {}).status).toBe('locked');
    expect(tableCounts(base)).toEqual(before);
  });
});
