import { describe, expect, it } from 'vitest';
import type { PlanView } from '../../../shared/api/plans';
import { DENIAL_STATE } from '../../../shared/codes/denials';
import { cents } from '../../../shared/money/cents';
import { nextState, noClaimsText, notReversible, planBlocker } from './account-rules';

const balance = (patient: number) => ({ patient: cents(patient) });
const plan = (status: PlanView['status']) => ({ status });

describe('planBlocker', () => {
  it('allows a plan on a patient balance with no active plan', () => {
    expect(planBlocker({ plans: [], balance: balance(1) })).toBeNull();
    expect(planBlocker({ plans: [plan('broken'), plan('paid_off')], balance: balance(5000) })).toBe(
      null,
    );
  });

  it('says why not: an active plan, or nothing (or a credit) to put on one', () => {
    expect(planBlocker({ plans: [plan('active')], balance: balance(5000) })).toBe(
      'The account already has an active plan.',
    );
    for (const patient of [0, -2500])
      expect(planBlocker({ plans: [], balance: balance(patient) })).toBe(
        'There is no patient balance to put on a plan.',
      );
  });
});

describe('notReversible (ledger rows)', () => {
  const row = { reversesId: null, reversedById: null, kind: 'payment' as const };

  it('reverses a posted row once', () => {
    expect(notReversible(row)).toBeNull();
    expect(notReversible({ ...row, reversedById: 3 })).toBe('This row has already been reversed.');
    expect(notReversible({ ...row, reversesId: 3 })).toBe(
      'This row is a reversal; it cannot be reversed again.',
    );
  });

  it('sends a transfer back to the EOB that made it', () => {
    expect(notReversible({ ...row, kind: 'transfer' })).toBe(
      'A transfer is reversed together with the EOB that made it: reverse that payment.',
    );
  });
});

describe('nextState', () => {
  it('follows the appeal road', () => {
    const road = ['new', 'in_review', 'appeal_drafted', 'appeal_sent', 'awaiting_payer'] as const;
    const next = ['in_review', 'appeal_drafted', 'appeal_sent', 'awaiting_payer', 'resolved'];
    expect(road.map((state) => nextState({ action: 'appeal', state }))).toEqual(next);
  });

  it('follows the corrected claim road', () => {
    expect(nextState({ action: 'correct_and_resubmit', state: 'in_review' })).toBe(
      'corrected_claim_sent',
    );
    expect(nextState({ action: 'correct_and_resubmit', state: 'corrected_claim_sent' })).toBe(
      'awaiting_payer',
    );
  });

  it('stays resolved once resolved', () => {
    expect(nextState({ action: 'appeal', state: 'resolved' })).toBe('resolved');
  });

  it('sends a denial that left its road to review, never back to new', () => {
    expect(nextState({ action: 'appeal', state: 'corrected_claim_sent' })).toBe('in_review');
    expect(nextState({ action: 'correct_and_resubmit', state: 'appeal_drafted' })).toBe(
      'in_review',
    );
    expect(nextState({ action: 'correct_and_resubmit', state: 'appeal_sent' })).toBe('in_review');
  });

  it('never suggests staying where the denial is, short of resolved', () => {
    for (const action of ['appeal', 'correct_and_resubmit'] as const)
      for (const state of DENIAL_STATE.keys)
        if (state !== 'resolved') expect(nextState({ action, state })).not.toBe(state);
  });
});

describe('noClaimsText', () => {
  it('names the primary payer of an insured account instead of calling it self-pay', () => {
    const text = noClaimsText([
      { priority: 2, payerName: 'Blue Cross' },
      { priority: 1, payerName: 'Medicare Part A' },
    ]);
    expect(text).toBe('No claim for this visit has been billed to Medicare Part A yet.');
    expect(text).not.toMatch(/self-pay/i);
  });

  it('says there is no insurance only when none is on file', () => {
    expect(noClaimsText([])).toMatch(/^No insurance is on file/);
  });
});
