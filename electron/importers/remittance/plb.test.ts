import { describe, expect, it } from 'vitest';
import { cents } from '../../../shared/money/cents';
import { facilityAccountOf, providerAdjustmentWords } from './plb';

describe('provider-level adjustments in words', () => {
  it('makes the sign plain: paid to the facility, taken back or withheld from it', () => {
    const say = (
      code: string,
      amount: number,
      ref: string | null = null,
      claim: string | null = null,
    ) => providerAdjustmentWords(code, cents(amount), ref, claim);
    expect(say('L6', 1_250)).toBe('Payer paid $12.50 interest');
    expect(say('WO', -4_000, 'ICN-1', 'C-7')).toBe(
      'Payer took back $40.00 overpayment on claim C-7',
    );
    expect(say('FB', -2_000, 'FB-2026-01')).toBe(
      "Payer withheld $20.00 forwarding balance (payer's reference FB-2026-01)",
    );
    expect(say('FB', 2_000)).toBe('Payer paid $20.00 forwarding balance');
    expect(say('IR', -900)).toBe('Payer withheld $9.00 IRS levy');
    expect(say('72', 3_000)).toBe('Payer paid $30.00 (Authorized return, code 72)');
    expect(say('ZZ', -700)).toBe(
      'Payer withheld $7.00 under adjustment code ZZ, which ClaimDesk does not know',
    );
  });

  it('sorts codes into the facility accounts, anything unknown into other', () => {
    expect(['L6', 'CR', 'WO', 'FB', 'LE', 'L3', 'CV', 'ZZ'].map(facilityAccountOf)).toEqual([
      'interest',
      'interest',
      'recoveries',
      'forwarding_balances',
      'withholdings',
      'withholdings',
      'other',
      'other',
    ]);
  });
});
