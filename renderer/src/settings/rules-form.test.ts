import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BillingRules } from '../../../shared/api/rules';
import { cents } from '../../../shared/money/cents';
import { formOf, readForm, RULES } from './rules-form';

const RULES_NOW: BillingRules = {
  writeOffApprovalLimit: cents(50000),
  reversalApprovalLimit: cents(25000),
  planMinimumMonthly: cents(2500),
  planMaxMonths: 24,
  planGraceDays: 10,
  promiseGraceDays: 3,
  assistanceThresholdPercent: 250,
  incomeSharePercent: 5,
  appealFollowUpDays: 30,
  statementCycleDays: 30,
  pastDueDays: 60,
  finalNoticeDays: 90,
  referralNoticeDays: 30,
  statementMinimum: cents(500),
  idleLockMinutes: 15,
  probateClaimDays: 120,
  callingHoursStart: 8,
  callingHoursEnd: 21,
  weeklyCallAttempts: 7,
  returnedCheckFee: cents(2500),
  retentionYears: 10,
  bound501r: 1,
};

describe('formOf', () => {
  it('shows amounts as plain decimals and the rest as whole numbers', () => {
    expect(formOf(RULES_NOW)).toEqual({
      writeOffApprovalLimit: '500.00',
      reversalApprovalLimit: '250.00',
      planMinimumMonthly: '25.00',
      planMaxMonths: '24',
      planGraceDays: '10',
      promiseGraceDays: '3',
      assistanceThresholdPercent: '250',
      incomeSharePercent: '5',
      appealFollowUpDays: '30',
      statementCycleDays: '30',
      pastDueDays: '60',
      finalNoticeDays: '90',
      referralNoticeDays: '30',
      statementMinimum: '5.00',
      idleLockMinutes: '15',
      probateClaimDays: '120',
      callingHoursStart: '8',
      callingHoursEnd: '21',
      weeklyCallAttempts: '7',
      returnedCheckFee: '25.00',
      retentionYears: '10',
      bound501r: '1',
    });
  });

  it('has a field for every rule, once', () => {
    expect(RULES.map((r) => r.key).sort()).toEqual(Object.keys(RULES_NOW).sort());
  });
});

describe('readForm', () => {
  it('reads back what it shows, for any rules', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000 }).map(cents);
    const whole = fc.nat({ max: 100_000 });
    fc.assert(
      fc.property(
        fc.record({
          writeOffApprovalLimit: amount,
          reversalApprovalLimit: amount,
          planMinimumMonthly: amount,
          planMaxMonths: whole,
          planGraceDays: whole,
          promiseGraceDays: whole,
          assistanceThresholdPercent: whole,
          incomeSharePercent: whole,
          appealFollowUpDays: whole,
          statementCycleDays: whole,
          pastDueDays: whole,
          finalNoticeDays: whole,
          referralNoticeDays: whole,
          statementMinimum: amount,
          idleLockMinutes: whole,
          probateClaimDays: whole,
          callingHoursStart: whole,
          callingHoursEnd: whole,
          weeklyCallAttempts: whole,
          returnedCheckFee: amount,
          retentionYears: whole,
          bound501r: whole,
        }),
        (rules) => {
          expect(readForm(formOf(rules))).toEqual({ rules });
        },
      ),
    );
  });

  it('reads amounts as a supervisor types them', () => {
    const form = { ...formOf(RULES_NOW), writeOffApprovalLimit: '$1,234.5', planGraceDays: ' 7 ' };
    expect(readForm(form)).toEqual({
      rules: { ...RULES_NOW, writeOffApprovalLimit: 123450, planGraceDays: 7 },
    });
  });

  it('names the first field it cannot read, in the order the form shows them', () => {
    const form = formOf(RULES_NOW);
    expect(readForm({ ...form, planMinimumMonthly: '12.345', promiseGraceDays: 'x' })).toEqual({
      field: 'planMinimumMonthly',
      problem: 'Type an amount such as 125.00.',
    });
    // a blank amount is not zero here: the rule would silently stop applying
    expect(readForm({ ...form, writeOffApprovalLimit: ' ' })).toEqual({
      field: 'writeOffApprovalLimit',
      problem: 'Type an amount such as 500.00.',
    });
  });

  it.each(['', '3.5', '-1', '1e2', '30 days', '½'])(
    'refuses %j where a whole number goes',
    (text) => {
      expect(readForm({ ...formOf(RULES_NOW), appealFollowUpDays: text })).toEqual({
        field: 'appealFollowUpDays',
        problem: 'Type a whole number such as 30.',
      });
    },
  );
});
