import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { cents } from '../../../shared/money/cents';
import { formatPlainCents } from '../../../shared/money/format';
import { DEFAULT_FILTERS, readCandidateFilters } from './candidate-filters';

const form = (patch: Partial<Parameters<typeof readCandidateFilters>[0]>) =>
  readCandidateFilters({ minimum: '5.00', bucket: null, days: 25, ...patch });

describe('readCandidateFilters', () => {
  it('reads the form as it first shows the default filters', () => {
    expect(
      readCandidateFilters({
        minimum: formatPlainCents(DEFAULT_FILTERS.minPatientBalance),
        bucket: DEFAULT_FILTERS.agingBucket,
        days: DEFAULT_FILTERS.notStatedWithinDays,
      }),
    ).toEqual({ ok: true, filters: DEFAULT_FILTERS });
  });

  it('reads the minimum exactly, as typed', () => {
    expect(form({ minimum: '1,234.5', bucket: 'over120' })).toEqual({
      ok: true,
      filters: { minPatientBalance: 123450, agingBucket: 'over120', notStatedWithinDays: 25 },
    });
    expect(form({ minimum: '$12' })).toMatchObject({ filters: { minPatientBalance: 1200 } });
  });

  it('takes a blank minimum as no minimum', () => {
    expect(form({ minimum: '  ' })).toMatchObject({ ok: true, filters: { minPatientBalance: 0 } });
  });

  it('says what to fix rather than searching with a guess', () => {
    expect(form({ minimum: '12.345' })).toEqual({
      ok: false,
      minimum: 'Type an amount such as 125.00.',
      days: undefined,
    });
    expect(form({ days: 366 })).toEqual({
      ok: false,
      minimum: undefined,
      days: 'From 0 to 365 days.',
    });
    // the number field hands over its text while it is blank or half typed
    expect(form({ days: '' })).toMatchObject({ ok: false, days: 'From 0 to 365 days.' });
    expect(form({ days: '-' })).toMatchObject({ ok: false, days: 'From 0 to 365 days.' });
    expect(form({ minimum: 'x', days: -1 })).toMatchObject({
      ok: false,
      minimum: 'Type an amount such as 125.00.',
      days: 'From 0 to 365 days.',
    });
  });

  it('refuses a negative minimum in the field, where the server would refuse the whole list', () => {
    for (const minimum of ['-5', '(5.00)', '-$0.01'])
      expect(form({ minimum })).toEqual({
        ok: false,
        minimum: 'Type an amount of 0.00 or more.',
        days: undefined,
      });
    expect(form({ minimum: '-0' })).toMatchObject({ ok: true, filters: { minPatientBalance: 0 } });
  });

  it('takes the days as text too, from 0 to 365', () => {
    expect(form({ days: '0' })).toMatchObject({ filters: { notStatedWithinDays: 0 } });
    expect(form({ days: '365' })).toMatchObject({ filters: { notStatedWithinDays: 365 } });
  });

  it('hands the server filters it accepts for any amount not below zero', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000_000 }).map(cents),
        fc.integer({ min: 0, max: 365 }),
        (minimum, days) => {
          const reading = form({ minimum: formatPlainCents(minimum), days });
          expect(reading).toMatchObject({ ok: true, filters: { minPatientBalance: minimum } });
          if (!reading.ok) return;
          const input = { ...reading.filters, limit: 5000 };
          expect(contract.listStatementCandidates.input.safeParse(input).success).toBe(true);
        },
      ),
    );
  });
});
