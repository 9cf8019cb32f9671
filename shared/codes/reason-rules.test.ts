import { describe, expect, it } from 'vitest';
import { REASON_CODES } from './adjustment-codes';
import { classifyDenial, DENIAL_CATEGORY } from './denials';
import {
  isDenyingAdjustment,
  OTHER_BY_INTENT,
  REASON_CATEGORY,
  reasonRule,
  ROUTINE_REASON_CODES,
} from './reason-rules';

describe('the reason code rule table', () => {
  it('gives every shipped reason code a place: routine, a category, or "other" on purpose', () => {
    const unplaced = Object.entries(REASON_CODES)
      .filter(([code, text]) => {
        const rule = reasonRule(code, text);
        return !rule.routine && rule.category === 'other' && !OTHER_BY_INTENT.has(code);
      })
      .map(([code]) => code);
    expect(unplaced).toEqual([]);
  });

  it('names each shipped denying code by the code itself, not by a guess from its wording', () => {
    const byWording = Object.entries(REASON_CODES)
      .filter(([code, text]) => reasonRule(code, text).by === 'wording')
      .map(([code]) => code);
    expect(byWording).toEqual([]);
  });

  it('never lists a code both as routine and in a category, and uses only real categories', () => {
    const both = Object.keys(REASON_CATEGORY).filter((c) => ROUTINE_REASON_CODES.has(c));
    expect(both).toEqual([]);
    for (const category of Object.values(REASON_CATEGORY))
      expect(DENIAL_CATEGORY.keys).toContain(category);
  });

  it('places a loaded code the table does not name by its published wording', () => {
    expect(reasonRule('9001', 'Services not authorized by the plan.').category).toBe(
      'prior_authorization',
    );
    expect(reasonRule('9002', 'Exact duplicate of a claim already adjudicated.')).toEqual({
      routine: false,
      category: 'duplicate',
      by: 'wording',
    });
    // nothing to go by: "other", and said so (the load preview lists these)
    expect(reasonRule('9003', 'Alert: see the payer bulletin.').by).toBe('none');
  });
});

describe('isDenyingAdjustment', () => {
  it('does not count cost share, contractual, sequestration or prior payer adjustments', () => {
    expect(isDenyingAdjustment('CO', '45')).toBe(false);
    expect(isDenyingAdjustment('PR', '1')).toBe(false);
    expect(isDenyingAdjustment('PR', '2')).toBe(false);
    expect(isDenyingAdjustment('PR', '3')).toBe(false);
    expect(isDenyingAdjustment('CO', '253')).toBe(false);
    expect(isDenyingAdjustment('OA', '23')).toBe(false);
    expect(isDenyingAdjustment('CO', '44')).toBe(false);
    expect(isDenyingAdjustment('CR', '50')).toBe(false);
  });

  it('counts a refusal to pay in the contractual, other and payer-initiated groups', () => {
    expect(isDenyingAdjustment('CO', '50')).toBe(true);
    expect(isDenyingAdjustment('OA', '18')).toBe(true);
    expect(isDenyingAdjustment('PI', '197')).toBe(true);
    expect(isDenyingAdjustment('CO', 'A1')).toBe(true);
  });
});

describe('classifyDenial with the full rule table', () => {
  it('leaves routine codes out and takes the category of the denying one', () => {
    const c = classifyDenial(
      [
        { group: 'CO', reason: '45' },
        { group: 'CO', reason: '19' },
      ],
      [],
    );
    expect(c.category).toBe('coordination_of_benefits');
  });

  it("uses a loaded code's wording when the caller can describe it", () => {
    const c = classifyDenial([{ group: 'CO', reason: '9001' }], [], (code) =>
      code === '9001' ? 'The time limit for filing has expired.' : undefined,
    );
    expect(c.category).toBe('timely_filing');
    expect(classifyDenial([{ group: 'CO', reason: '9001' }], []).category).toBe('other');
  });
});
