import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from './cents';
import { formatCents, formatPlainCents, parseMoney } from './format';

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

  it('reads amounts as spreadsheets write them', () => {
    expect(parseMoney('$(12.00)')).toBe(-1200);
    expect(parseMoney('($1,234.50)')).toBe(-123450);
    expect(parseMoney(' $ 1,234.50 ')).toBe(123450);
    expect(parseMoney('-$ 5')).toBe(-500);
    expect(parseMoney('0.10')).toBe(10);
    // what 0.1 + 0.2 looks like when a spreadsheet stored a float: not a whole cent
    expect(parseMoney('0.30000000000000004')).toBeNull();
    for (const bad of ['$($12.00)', '()', '($)', '12.', '1 234.50', '12,50', '$-', '1.234,50']) {
      expect(parseMoney(bad), bad).toBeNull();
    }
  });

  it('writes plain decimals for files', () => {
    expect(formatPlainCents(cents(123450))).toBe('1234.50');
    expect(formatPlainCents(cents(-1200))).toBe('-12.00');
    expect(formatPlainCents(cents(5))).toBe('0.05');
    expect(formatPlainCents(cents(0))).toBe('0.00');
  });

  it('gives back the cents for any amount, whichever way it was written', () => {
    const accounting = (n: number) =>
      n < 0 ? `(${formatCents(cents(-n)).slice(1)})` : formatCents(cents(n)).slice(1);
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        const expected = n === 0 ? 0 : n;
        expect(parseMoney(formatPlainCents(cents(n)))).toBe(expected);
        expect(parseMoney(accounting(n))).toBe(expected);
        expect(parseMoney(` ${formatCents(cents(n))} `)).toBe(expected);
      }),
    );
  });
});
