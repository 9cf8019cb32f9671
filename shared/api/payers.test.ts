import { describe, expect, it } from 'vitest';
import { isPhoneNumber, updatePayerInput } from './payers';

describe('payer telephone and fax numbers', () => {
  it('takes ten digits however they are written, with a leading 1 and an extension', () => {
    for (const ok of [
      '8005550199',
      '(800) 555-0199',
      '800.555.0199',
      '1-800-555-0199',
      '+1 800 555 0199',
      '(800) 555-0199 x12',
      '800-555-0199 ext. 4021',
      '800-555-0199 EXT 7',
    ])
      expect(isPhoneNumber(ok), ok).toBe(true);
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of [
      '555-0199',
      '2-800-555-0199',
      '800-555-01999',
      'call the rep',
      '800-555-0199 x',
      '800-555-0199 ext 1234567',
      '800-555-0199 or 0200',
    ])
      expect(isPhoneNumber(bad), bad).toBe(false);
  });
});

describe('the payer change input', () => {
  const valid = {
    payerId: 1,
    name: 'Acme',
    appealWindowDays: 180,
    timelyFilingDays: 365,
  };

  it('takes a window left out or blank as not set, and blank numbers as none', () => {
    expect(updatePayerInput.parse({ ...valid, phone: ' ', secondAppealWindowDays: null })).toEqual({
      ...valid,
      secondAppealWindowDays: null,
      externalReviewWindowDays: null,
      claimsAddress: null,
      appealsAddress: null,
      phone: null,
      fax: null,
      appealsFax: null,
    });
  });

  it('refuses a field it does not know, so a typo is not silently dropped', () => {
    expect(updatePayerInput.safeParse({ ...valid, appealDays: 30 }).success).toBe(false);
  });
});
