import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUsDate, fromEpochDay } from '../../../shared/dates/iso-date';
import { theme } from '../app/theme';
import { DATE_INPUT_DEFAULTS, typedDate } from './date-input';

describe('typedDate', () => {
  it.each([
    ['03/07/2026', '2026-03-07'],
    ['3/7/2026', '2026-03-07'],
    [' 12/31/2026 ', '2026-12-31'],
    ['02/29/2028', '2028-02-29'],
    ['2026-03-07', '2026-03-07'],
  ])('reads %j as %s', (text, date) => {
    expect(typedDate(text)).toBe(date);
  });

  it.each([
    // the browser's reader makes these March 2 and March 1
    '02/30/2026',
    '02/29/2026',
    '04/31/2026',
    '13/01/2026',
    '00/10/2026',
    // a two-digit year is not guessed at
    '2/3/26',
    // half typed
    '03/07/202',
    '03/07/',
    '',
    'tomorrow',
    '2026-02-30',
  ])('leaves %j unread', (text) => {
    expect(typedDate(text)).toBeNull();
  });

  it('reads back every date as the field shows it', () => {
    // 1900-01-01 to 2199-12-31
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84005 }).map(fromEpochDay), (date) => {
        expect(typedDate(formatUsDate(date))).toBe(date);
      }),
    );
  });
});

describe('the theme', () => {
  it('gives every date field this reader and the MM/DD/YYYY format', () => {
    expect(theme.components?.DateInput?.defaultProps).toEqual(DATE_INPUT_DEFAULTS);
  });
});
