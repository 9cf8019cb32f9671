import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, cents, sumCents } from './cents';

describe('allocate', () => {
  it('splits into whole cents that sum exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const parts = allocate(cents(total), weights);
          expect(parts).toHaveLength(weights.length);
          expect(sumCents(parts)).toBe(total);
          for (const p of parts) expect(Number.isSafeInteger(p)).toBe(true);
        },
      ),
    );
  });

  it('gives each part within one cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_00 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          allocate(cents(total), weights).forEach((part, i) => {
            expect(Math.abs(part - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it('gives $100 in three equal parts as 33.34, 33.33, 33.33', () => {
    expect(allocate(cents(10000), [1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('refuses fractional cents and negative weights', () => {
    expect(() => cents(10.5)).toThrow(/whole number of cents/);
    expect(() => allocate(cents(100), [1, -1])).toThrow();
    expect(() => allocate(cents(100), [])).toThrow();
  });
});
