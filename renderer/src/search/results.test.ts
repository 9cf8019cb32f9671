import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../shared/api/search';
import { isoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { exactAccount, oneResultPerAccount } from './results';

function result(
  accountId: number,
  accountNumber: string,
  patch: Partial<SearchResult> = {},
): SearchResult {
  return {
    accountId,
    accountNumber,
    claimNumber: null,
    patientName: 'Ruiz, Ana',
    dateOfBirth: isoDate('1961-03-07'),
    phone: null,
    serviceDate: isoDate('2026-01-15'),
    status: 'open',
    balance: cents(12500),
    matchedOn: 'account_number',
    ...patch,
  };
}

describe('oneResultPerAccount', () => {
  it('keeps the first hit on each account, in the order found', () => {
    const byClaim = result(1, 'A100', { claimNumber: 'C9', matchedOn: 'claim_number' });
    const byName = result(1, 'A100', { matchedOn: 'name' });
    const other = result(2, 'A200');
    expect(oneResultPerAccount([byClaim, other, byName])).toEqual([byClaim, other]);
  });

  it('has nothing to offer when the search found nothing', () => {
    expect(oneResultPerAccount([])).toEqual([]);
  });
});

describe('exactAccount', () => {
  const results = [result(1, 'A1001'), result(2, 'A100'), result(3, 'b-77')];

  it('finds the account whose number is exactly the one typed, in any case', () => {
    expect(exactAccount(results, 'A100')?.accountId).toBe(2);
    expect(exactAccount(results, 'B-77')?.accountId).toBe(3);
  });

  it('never takes a prefix or a longer number for the one typed', () => {
    expect(exactAccount(results, 'A10')).toBeNull();
    expect(exactAccount([result(1, 'A1001')], 'A100')).toBeNull();
    expect(exactAccount(results, '')).toBeNull();
  });
});
