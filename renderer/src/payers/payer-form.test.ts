import { describe, expect, it } from 'vitest';
import type { PayerView } from '../../../shared/api/payers';
import { DAYS_PROBLEM, payerForm, payerInput, savedMessage } from './payer-form';

const payer: PayerView = {
  id: 4,
  name: 'Acme Health',
  payerCode: 'ACME1',
  financialClass: 'commercial',
  appealWindowDays: 180,
  secondAppealWindowDays: null,
  externalReviewWindowDays: 120,
  timelyFilingDays: 365,
  phone: '800-555-0199',
  fax: null,
  appealsFax: null,
  openDenials: 2,
  openDenialsByLevel: { first: 2, second: 0, external: 0 },
  reviewed: false,
  claimsAddress: null,
  appealsAddress: { line1: 'PO Box 1', line2: null, city: 'Lexington', state: 'KY', zip: '40512' },
  updatedAt: null,
  updatedBy: null,
  canChange: true,
};

describe('the payer form', () => {
  it('sends back what it was given, with blank addresses as none and blank windows as not set', () => {
    expect(payerInput(4, payerForm(payer))).toEqual({
      ok: true,
      input: {
        payerId: 4,
        name: 'Acme Health',
        appealWindowDays: 180,
        secondAppealWindowDays: null,
        externalReviewWindowDays: 120,
        timelyFilingDays: 365,
        phone: '800-555-0199',
        fax: '',
        appealsFax: '',
        claimsAddress: null,
        appealsAddress: {
          line1: 'PO Box 1',
          line2: '',
          city: 'Lexington',
          state: 'KY',
          zip: '40512',
        },
      },
    });
  });

  it('sends a partly filled address for the API to say what is missing', () => {
    const form = payerForm(payer);
    form.claimsAddress = { ...form.claimsAddress, city: 'Lexington' };
    const result = payerInput(4, form);
    expect(result.ok && result.input.claimsAddress).toEqual({
      line1: '',
      line2: '',
      city: 'Lexington',
      state: '',
      zip: '',
    });
  });

  it('says which day fields are not whole numbers, and that the required ones are required', () => {
    const form = {
      ...payerForm(payer),
      appealWindowDays: '',
      secondAppealWindowDays: '30.5',
      timelyFilingDays: '1,000',
    };
    expect(payerInput(4, form)).toEqual({
      ok: false,
      errors: {
        appealWindowDays: 'Required: the number of days this payer allows.',
        secondAppealWindowDays: DAYS_PROBLEM,
      },
    });
    expect(
      payerInput(4, { ...form, appealWindowDays: '90', secondAppealWindowDays: ' ' }),
    ).toMatchObject({
      ok: true,
      input: { appealWindowDays: 90, secondAppealWindowDays: null, timelyFilingDays: 1000 },
    });
  });

  it('says how many deadlines a save moved', () => {
    expect(savedMessage('Acme', 0)).toBe('Acme saved.');
    expect(savedMessage('Acme', 1)).toBe(
      'Acme saved. The appeal deadline of 1 open denial moved to the new window.',
    );
    expect(savedMessage('Acme', 3)).toMatch(/of 3 open denials moved/);
  });
});
