import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { ensureUser } from '../users/users';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';
import { dispatchAsync } from './dispatch';

/**
 * Every method only a supervisor may call. Adding one to the contract, or taking one
 * away, fails this test until the list here says the same: who may do what is a decision
 * someone makes on purpose.
 */
const SUPERVISOR_ONLY: readonly MethodName[] = [
  'saveFacility',
  'saveBillingFacility',
  'saveBillingRules',
  'saveAdjustmentReason',
  'saveUser',
  'addUser',
  'decideAdjustment',
  'saveCsvMapping',
  'deleteCsvMapping',
  'importCsv',
  'copyTemplate',
  'saveTemplateCopy',
  'setTemplateInUse',
  'updatePayer',
  'loadCodeList',
  'releaseStatementHold',
  'setUserPermission',
  'getAccessReview',
  'allowUser',
  'refuseUser',
  'resetUserSecret',
  'acknowledgeEmergencyAccess',
  'listAuditTrail',
  'verifyAuditTrail',
  'acceptAuditTrail',
  'correctDeath',
  'saveAgency',
  'previewPlacement',
  'placeAccounts',
  'getPlacementFile',
  'liftContactRestriction',
  'deidentifyPerson',
  'listBackups',
  'checkBackup',
  'startBackup',
  'restoreBackup',
  'encryptDatabase',
  'issueRecoveryKey',
  'saveBackupSchedule',
  'getOfficeServer',
  'testOfficeServer',
  'saveOfficeServer',
  'createOffice',
  'joinOffice',
  'disconnectOffice',
  'decideAssistanceApplication',
  'recordExtraordinaryAction',
  'undoBadDebt',
];

/**
 * Every method a supervisor may call and a representative only with their permission:
 * long and bulk work (a statement run) a supervisor hands to someone on purpose.
 */
const PERMITTED: readonly MethodName[] = ['startStatementRun'];

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

describe('permissions a supervisor gives are checked by dispatch, from the contract', () => {
  it('names exactly the methods that need a permission, each saying which', () => {
    const marked = METHOD_NAMES.filter((m) => contract[m].role === 'permitted');
    expect([...marked].sort()).toEqual([...PERMITTED].sort());
    for (const m of marked) expect(contract[m].permission, m).toBeDefined();
  });

  for (const method of PERMITTED) {
    it(`refuses ${method} to a representative without the permission, and writes nothing`, async () => {
      const before = tableCounts(ctx);
      const result = await dispatchAsync(ctx, method, { notAField: true });
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message: expect.stringMatching(/^You need a supervisor's permission to [a-z]/) as string,
        },
      });
      expect(tableCounts(ctx)).toEqual(before);
    });
  }

  it('lets a supervisor, and a representative given the permission, past to the input check', async () => {
    const rep = ctx.userId;
    const supervisorId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supervisorId);
    const asSupervisor = { ...ctx, userId: supervisorId };
    const passes = async (as: typeof ctx) => {
      for (const method of PERMITTED) {
        const result = await dispatchAsync(as, method, { notAField: true });
        expect(result.ok ? 'ok' : result.error.code, method).toBe('invalid_input');
      }
    };
    await passes(asSupervisor);
    call(asSupervisor, 'setUserPermission', {
      userId: rep,
      permission: 'run_statements',
      allowed: true,
    });
    await passes(ctx);
    // taken back: refused again at the next request
    call(asSupervisor, 'setUserPermission', {
      userId: rep,
      permission: 'run_statements',
      allowed: false,
    });
    const again = await dispatchAsync(ctx, 'startStatementRun', { notAField: true });
    expect(again.ok ? 'ok' : again.error.code).toBe('forbidden');
    // a supervisor made representative keeps no permission from the role
    ctx.db.prepare(`UPDATE users SET role = 'representative' WHERE id = ?`).run(supervisorId);
    const demoted = await dispatchAsync(asSupervisor, 'startStatementRun', { notAField: true });
    expect(demoted.ok ? 'ok' : demoted.error.code).toBe('forbidden');
  });

  it('keeps each grant and each taking back in the user history, with who did it', () => {
    const supervisorId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supervisorId);
    const asSupervisor = { ...ctx, userId: supervisorId };
    const rep = ctx.userId;
    const given = call(asSupervisor, 'setUserPermission', {
      userId: rep,
      permission: 'run_statements',
      allowed: true,
    });
    expect(given.grants).toEqual([
      {
        userId: rep,
        permission: 'run_statements',
        grantedBy: 'Sam Supervisor',
        grantedAt: ctx.clock.now(),
      },
    ]);
    expectRefused(
      asSupervisor,
      'setUserPermission',
      { userId: rep, permission: 'run_statements', allowed: true },
      /may already run statements/,
    );
    call(asSupervisor, 'setUserPermission', {
      userId: rep,
      permission: 'run_statements',
      allowed: false,
    });
    expect(
      ctx.db
        .prepare(`SELECT why, changed_by AS byId FROM user_changes WHERE user_id = ? ORDER BY id`)
        .all(rep),
    ).toEqual([
      { why: 'Allowed to run statements', byId: supervisorId },
      { why: 'No longer allowed to run statements', byId: supervisorId },
    ]);
    expect(call(ctx, 'listUserPermissions', {})).toEqual({ grants: [], canChange: false });
  });
});

describe('roles are checked by dispatch, from the contract', () => {
  it('names exactly the supervisor-only methods listed here, each saying what it does', () => {
    const marked = METHOD_NAMES.filter((m) => contract[m].role === 'supervisor');
    expect([...marked].sort()).toEqual([...SUPERVISOR_ONLY].sort());
    for (const m of marked) expect(contract[m].action, m).toMatch(/^[a-z]/);
  });

  // any input at all: the role is checked before the input, so a representative learns
  // nothing about what a valid request would look like
  const inputs: readonly [string, unknown][] = [
    ['an empty input', {}],
    ['a made-up input', { id: 1, amount: 100_000, approve: true }],
  ];

  for (const method of SUPERVISOR_ONLY) {
    for (const [what, input] of inputs) {
      it(`refuses ${method} to a representative, given ${what}, and writes nothing`, async () => {
        const before = tableCounts(ctx);
        const result = await dispatchAsync(ctx, method, input);
        expect(result).toEqual({
          ok: false,
          error: {
            code: 'forbidden',
            message: `Only a supervisor can ${contract[method].action ?? ''}.`,
          },
        });
        expect(tableCounts(ctx)).toEqual(before);
      });
    }
  }

  it('lets a supervisor past the role check to the input check', async () => {
    makeSupervisor(ctx);
    for (const method of SUPERVISOR_ONLY) {
      const result = await dispatchAsync(ctx, method, { notAField: true });
      expect(result.ok, method).toBe(false);
      if (!result.ok) expect(result.error.code, method).toBe('invalid_input');
    }
  });

  it('refuses a supervisor who has since been made a representative at the next request', async () => {
    makeSupervisor(ctx);
    ctx.db.prepare(`UPDATE users SET role = 'representative' WHERE id = ?`).run(ctx.userId);
    const result = await dispatchAsync(ctx, 'saveBillingRules', { planMaxMonths: 24 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });
});

describe('backups and restore are a supervisor’s', () => {
  it('refuses a representative who asks for a backup or a restore with a valid request, and leaves no file', async () => {
    const before = tableCounts(ctx);
    const besideDatabase = () => fs.readdirSync(path.dirname(ctx.databasePath)).sort();
    const files = besideDatabase();
    for (const [method, input] of [
      ['startBackup', {}],
      ['restoreBackup', { id: '2026-03-16T15-00-00-000Z' }],
      ['checkBackup', { id: '2026-03-16T15-00-00-000Z' }],
      ['listBackups', {}],
      ['saveBackupSchedule', { time: '03:00', folder: null }],
    ] as const) {
      const result = await dispatchAsync(ctx, method, input);
      expect(result.ok ? 'ok' : result.error.code, method).toBe('forbidden');
    }
    // no backup folder, no restore waiting for the next start
    expect(besideDatabase()).toEqual(files);
    expect(tableCounts(ctx)).toEqual(before);
    // the warning a supervisor gets is no one else's
    expect(call(ctx, 'getBackupWarning', {})).toEqual({ warning: null });
  });
});
