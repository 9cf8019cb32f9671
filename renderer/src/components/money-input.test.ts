import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from '../../../shared/money/cents';
import { formatCents, formatPlainCents } from '../../../shared/money/format';
import { amountFrom, amountOrZero, amountProblem } from './money-input';

/** Any amount a hospital account can hold, credits included: up to ten million dollars. */
const amounts = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(cents);

describe('amountFrom', () => {
  it.each([
    ['1,234.5', 123450],
    ['1234.56', 123456],
    ['$12', 1200],
    ['$ 1,234.50', 123450],
    ['.5', 50],
    ['0.07', 7],
    ['  125.00  ', 12500],
    ['-3.5', -350],
    ['(12.00)', -1200],
    ['$(12.00)', -1200],
  ])('reads %j as %i cents', (text, expected) => {
    expect(amountFrom(text)).toBe(expected);
    expect(amountProblem(text)).toBeUndefined();
  });

  it('reads minus zero as zero, never as -0', () => {
    for (const text of ['-0', '-0.00', '-$0', '(0.00)'])
      expect(Object.is(amountFrom(text), 0)).toBe(true);
  });

  it.each([
    '12.345',
    '1,23',
    '1,2345',
    '12,34.00',
    '$$12',
    '12$',
    'abc',
    '1.2.3',
    '--5',
    '-(5)',
    '12.',
    '1e3',
    '0x10',
  ])('does not guess at %j', (text) => {
    expect(amountFrom(text)).toBeNull();
    expect(amountProblem(text)).toBe('Type an amount such as 125.00.');
    // live totals count it as nothing rather than some other amount
    expect(amountOrZero(text)).toBe(0);
  });

  it('treats a blank field as no amount, with nothing to complain about', () => {
    for (const text of ['', '   ', '\t']) {
      expect(amountFrom(text)).toBeNull();
      expect(amountProblem(text)).toBeUndefined();
      expect(amountOrZero(text)).toBe(0);
    }
  });

  it('refuses an amount too large to hold exactly', () => {
    expect(amountFrom('99999999999999999999')).toBeNull();
    expect(amountProblem('99999999999999999999')).toBeDefined();
  });
});

describe('amounts shown on screen read back exactly', () => {
  it('as formatted with the dollar sign and grouping', () => {
    fc.assert(fc.property(amounts, (c) => amountFrom(formatCents(c)) === c));
  });

  it('as the plain decimal a form starts with', () => {
    fc.assert(fc.property(amounts, (c) => amountFrom(formatPlainCents(c)) === c));
  });

  it('as dollars typed with one or two decimals, or none', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99 }), (dollars, rest) => {
        const two = `${dollars}.${String(rest).padStart(2, '0')}`;
        expect(amountFrom(two)).toBe(dollars * 100 + rest);
        expect(amountFrom(`${dollars}`)).toBe(dollars * 100);
        expect(amountFrom(`${dollars}.${rest % 10}`)).toBe(dollars * 100 + (rest % 10) * 10);
      }),
    );
  });
});

describe('amountProblem', () => {
  it('complains exactly when a field that is not blank does not read as an amount', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const readable = text.trim() === '' || amountFrom(text) !== null;
        expect(amountProblem(text) === undefined).toBe(readable);
        expect(Number.isSafeInteger(amountOrZero(text))).toBe(true);
      }),
    );
  });
});
