import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { makeSupervisor } from '../testing/builders';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';
import { dispatchAsync } from './dispatch';

/**
 * Every method only a supervisor may call. Adding one to the contract, or taking one
 * away, fails this test until the list here says the same: who may do what is a decision
 * someone makes on purpose.
 */
const SUPERVISOR_ONLY: readonly MethodName[] = [
  'saveFacility',
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
  'correctDeath',
];

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

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
