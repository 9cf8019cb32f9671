import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from '../../../shared/money/cents';
import { displayCents, formatCents, parseCents, parseDate8, parseQuantity } from './amounts';

describe('amounts', () => {
  it('converts X12 decimals to exact cents', () => {
    const cases: [string, number | null][] = [
      ['34', 3400],
      ['34.5', 3450],
      ['34.25', 3425],
      ['.5', 50],
      ['5.', 500],
      ['-1.27', -127],
      ['0.10', 10],
      ['1.100', 110],
      ['-0', 0],
      ['211366.97', 21_136_697],
      ['0.29', 29],
      ['1.005', null],
      ['', null],
      ['.', null],
      ['-', null],
      ['1e3', null],
      ['+5', null],
      ['1,000.00', null],
      ['12345678901234', null],
    ];
    for (const [text, expected] of cases) expect(parseCents(text), text).toBe(expected);
    expect(Object.is(parseCents('-0.00'), -0)).toBe(false);
  });

  it('round-trips any cents value through its X12 text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), (value) => {
        expect(parseCents(formatCents(cents(value)))).toBe(value);
      }),
      { numRuns: 2_000 },
    );
  });

  it('formats for people and for files', () => {
    expect(formatCents(cents(3400))).toBe('34');
    expect(formatCents(cents(-127))).toBe('-1.27');
    expect(formatCents(cents(5))).toBe('0.05');
    expect(displayCents(cents(123_456_789))).toBe('1,234,567.89');
    expect(displayCents(cents(-5))).toBe('-0.05');
  });

  it('reads quantities and dates', () => {
    expect(parseQuantity('1.00')).toBe(1);
    expect(parseQuantity('abc')).toBeNull();
    expect(parseDate8('20240229')).toBe('2024-02-29');
    expect(parseDate8('20230229')).toBeNull();
    expect(parseDate8('20002316')).toBeNull();
    expect(parseDate8('2024021')).toBeNull();
  });
});
