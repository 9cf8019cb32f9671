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
  readUsDate,
  toEpochDay,
  type IsoDate,
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

  it('converts epoch days as Date does, for every year from 1000 to 9999', () => {
    const DAY_MS = 86_400_000;
    const first = Date.UTC(1000, 0, 1) / DAY_MS;
    const last = Date.UTC(9999, 11, 31) / DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: first - 400, max: last + 400 }), (day) => {
        const viaDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
        expect(fromEpochDay(day)).toBe(viaDate);
        if (isIsoDate(viaDate)) expect(toEpochDay(viaDate)).toBe(day);
      }),
      { numRuns: 5_000 },
    );
    // a day past the month's end counts on into the next month, as Date.UTC does
    expect(toEpochDay('2026-02-31' as IsoDate)).toBe(toEpochDay(isoDate('2026-03-03')));
    expect(fromEpochDay(first)).toBe('1000-01-01');
    expect(fromEpochDay(last)).toBe('9999-12-31');
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

  it('says why a date cannot be read rather than guess', () => {
    const problem = (text: string) => {
      const r = readUsDate(text);
      return r.ok ? r.date : r.problem;
    };
    expect(problem('12/31/2025')).toBe('2025-12-31');
    expect(problem(' 1/2/2026 ')).toBe('2026-01-02');
    expect(problem('3/7/26')).toMatch(/two-digit year/);
    expect(problem('31/12/2025')).toMatch(/day before the month/);
    expect(problem('02/30/2024')).toBe('is not a real calendar date');
    expect(problem('2023-02-29')).toBe('is not a real calendar date');
    expect(problem('13/13/2024')).toBe('is not a real calendar date');
    expect(problem('01/05/1850')).toMatch(/between the years 1900 and 2199/);
    expect(problem('45366')).toMatch(/date number/);
    for (const other of [
      '2026/03/07',
      '03-07-2026',
      '07.03.2026',
      'March 7, 2026',
      '3/7/20266',
      '',
    ])
      expect(problem(other), other).toMatch(/MM\/DD\/YYYY or YYYY-MM-DD/);
  });

  it('reads back any date it shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay(isoDate('1900-01-01')), max: 80_000 }), (day) => {
        const d = fromEpochDay(day);
        expect(readUsDate(formatUsDate(d))).toEqual({ ok: true, date: d });
        expect(readUsDate(d)).toEqual({ ok: true, date: d });
      }),
    );
  });
});
