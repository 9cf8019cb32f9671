import { describe, expect, it } from 'vitest';
import { saveBillingRulesInput } from '../../../../shared/api/rules';
import { DEFAULT_BILLING_RULES } from '../../../rules/billing-rules';
import { serverMigration025 } from './025-billing-rule-bounds';

/** The bounds migration 25 holds each rule to, read from its SQL: key, lowest, highest. */
function serverBounds(): Record<string, [number, number]> {
  const rows = [...serverMigration025.matchAll(/\('(\w+)', (-?\d+), (-?\d+)\)/g)];
  return Object.fromEntries(rows.map(([, key, low, high]) => [key, [Number(low), Number(high)]]));
}

const takes = (key: string, value: number) =>
  saveBillingRulesInput.safeParse({ [key]: value }).success;

describe("the server's bounds of the billing rules", () => {
  it('are the ones Settings takes, for every rule and no other', () => {
    const server = serverBounds();
    // a rule the server did not bound could be written around ClaimDesk, and one Settings
    // took outside the server's bounds would be refused at the office from its own screen
    expect(Object.keys(server).sort()).toEqual(Object.keys(saveBillingRulesInput.shape).sort());
    expect(Object.keys(server).sort()).toEqual(Object.keys(DEFAULT_BILLING_RULES).sort());
    for (const [key, [low, high]] of Object.entries(server)) {
      expect({ key, low: takes(key, low), high: takes(key, high) }).toEqual({
        key,
        low: true,
        high: true,
      });
      expect({ key, below: takes(key, low - 1), above: takes(key, high + 1) }).toEqual({
        key,
        below: false,
        above: false,
      });
    }
  });

  it('hold every rule at its value as it comes', () => {
    for (const [key, [low, high]] of Object.entries(serverBounds())) {
      const value = DEFAULT_BILLING_RULES[key as keyof typeof DEFAULT_BILLING_RULES];
      expect({ key, within: value >= low && value <= high }).toEqual({ key, within: true });
    }
  });
});
