import { describe, expect, it } from 'vitest';
import { bpsFrom, percentText } from './basis-points';

describe('the commission field', () => {
  it('reads a percent as basis points, exactly', () => {
    expect(bpsFrom('25')).toBe(2500);
    expect(bpsFrom('12.5')).toBe(1250);
    expect(bpsFrom(' 7.25% ')).toBe(725);
    expect(bpsFrom('0')).toBe(0);
    expect(bpsFrom('100')).toBe(10_000);
  });

  it('refuses anything that is not a percent up to 100', () => {
    for (const text of ['', 'abc', '-5', '100.01', '1.234', '1,5'])
      expect(bpsFrom(text)).toBeNull();
  });

  it('shows basis points as the percent typed', () => {
    expect([2500, 1250, 725, 0, 10_000].map(percentText)).toEqual([
      '25',
      '12.5',
      '7.25',
      '0',
      '100',
    ]);
  });
});
