import { describe, expect, it } from 'vitest';
import { revenueCodeCategory } from './revenue-codes';

describe('revenue code categories', () => {
  it('names a code by its first three digits', () => {
    expect(revenueCodeCategory('0450')).toBe('Emergency room');
    expect(revenueCodeCategory('0301')).toBe('Laboratory');
    expect(revenueCodeCategory('0324')).toBe('Radiology, diagnostic');
    expect(revenueCodeCategory('0120')).toBe('Room & board, semi-private');
  });

  it('reads a code sent without its leading zero', () => {
    expect(revenueCodeCategory('450')).toBe('Emergency room');
  });

  it('names nothing it does not know', () => {
    expect(revenueCodeCategory('0999')).toBeNull();
    expect(revenueCodeCategory('99213')).toBeNull();
    expect(revenueCodeCategory(null)).toBeNull();
  });
});
