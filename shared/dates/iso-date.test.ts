import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  formatUsDate,
  fromEpochDay,
  isIsoDate,
  isoDate,
  parseUsDate,
  toEpochDay,
} from './iso-date';

describe('IsoDate', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of [
      '2023-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '26-01-05',
      '',
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('round-trips through epoch days for any day in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay(isoDate('1900-01-01')), max: 80_000 }), (day) => {
        const d = fromEpochDay(day);
        expect(isIsoDate(d)).toBe(true);
        expect(toEpochDay(d)).toBe(day);
      }),
    );
  });

  it('does day and month arithmetic across month and year ends', () => {
    expect(addDays(isoDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(daysBetween(isoDate('2026-03-01'), isoDate('2026-03-16'))).toBe(15);
    expect(addMonths(isoDate('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(isoDate('2026-11-15'), 3)).toBe('2027-02-15');
  });

  it('shows and reads US dates', () => {
    expect(formatUsDate(isoDate('2026-03-07'))).toBe('03/07/2026');
    expect(parseUsDate('3/7/2026')).toBe('2026-03-07');
    expect(parseUsDate('2026-03-07')).toBe('2026-03-07');
    expect(parseUsDate('02/30/2026')).toBeNull();
    expect(parseUsDate('3/7/26')).toBeNull();
  });
});
