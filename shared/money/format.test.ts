import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from './cents';
import { formatCents, parseMoney } from './format';

describe('formatCents / parseMoney', () => {
  it('formats with grouping and a minus sign for credits', () => {
    expect(formatCents(cents(123456))).toBe('$1,234.56');
    expect(formatCents(cents(5))).toBe('$0.05');
    expect(formatCents(cents(-1200))).toBe('-$12.00');
    expect(formatCents(cents(0))).toBe('$0.00');
  });

  it('gives back the cents it formatted, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        expect(parseMoney(formatCents(cents(n)))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('reads the ways people type amounts', () => {
    expect(parseMoney('1,234.50')).toBe(123450);
    expect(parseMoney('$1234.5')).toBe(123450);
    expect(parseMoney('(12.00)')).toBe(-1200);
    expect(parseMoney(' 7 ')).toBe(700);
    expect(parseMoney('.99')).toBe(99);
  });

  it('refuses fractions of a cent and anything that is not an amount', () => {
    for (const bad of ['1.005', 'abc', '', '$', '1,23.00', '--5', '(-5)', '1e3', '12.3.4']) {
      expect(parseMoney(bad), bad).toBeNull();
    }
  });
});
