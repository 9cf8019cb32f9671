import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { QUEUE_SORT_KEYS } from '../../../shared/api/queue';
import { AGING_BUCKET_KEYS } from '../../../shared/aging/buckets';
import { FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { fromEpochDay } from '../../../shared/dates/iso-date';
import { parseRoute } from '../app/router';
import {
  filtersFromParams,
  hasFilters,
  paramsFromFilters,
  toInput,
  type QueueFilters,
} from './filters';

const read = (query: string) => filtersFromParams(new URLSearchParams(query));

const NONE: QueueFilters = {
  kind: null,
  payerId: null,
  agingBucket: null,
  ownerId: null,
  dueOnOrBefore: null,
  sortBy: 'priority',
  sortDir: 'desc',
};

/** Any filters the bar can set. */
const filters: fc.Arbitrary<QueueFilters> = fc.record({
  kind: fc.option(fc.constantFrom(...FOLLOW_UP_KIND.keys)),
  payerId: fc.option(fc.integer({ min: 1, max: 999_999_999 })),
  agingBucket: fc.option(fc.constantFrom(...AGING_BUCKET_KEYS)),
  ownerId: fc.option(
    fc.oneof(fc.constant('unassigned' as const), fc.integer({ min: 1, max: 9999 })),
  ),
  // 1990-01-01 to 2100-12-31
  dueOnOrBefore: fc.option(fc.integer({ min: 7305, max: 47482 }).map(fromEpochDay)),
  sortBy: fc.constantFrom(...QUEUE_SORT_KEYS),
  sortDir: fc.constantFrom('asc' as const, 'desc' as const),
});

/** What a hand-edited or stale address can hold: real values, near misses and junk. */
const paramValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '3', '1e3', '0012', '9999999999', 'unassigned', 'asc'),
  fc.constantFrom('2026-02-30', '2026-03-07', '03/07/2026', 'over120', 'denial', 'balance'),
  fc.string({ maxLength: 8 }),
);
const queueQuery = fc
  .dictionary(
    fc.constantFrom('kind', 'payer', 'aging', 'owner', 'due', 'sort', 'dir', 'x'),
    paramValue,
  )
  .map((entries) => new URLSearchParams(entries));

describe('filtersFromParams', () => {
  it('reads no filters, priority first, from a bare queue address', () => {
    expect(read('')).toEqual(NONE);
    expect(hasFilters(read(''))).toBe(false);
  });

  it('reads every filter the bar sets', () => {
    expect(
      read('kind=denial&payer=3&aging=over120&owner=7&due=2026-03-07&sort=balance&dir=asc'),
    ).toEqual({
      kind: 'denial',
      payerId: 3,
      agingBucket: 'over120',
      ownerId: 7,
      dueOnOrBefore: '2026-03-07',
      sortBy: 'balance',
      sortDir: 'asc',
    });
    expect(read('owner=unassigned').ownerId).toBe('unassigned');
  });

  it('drops what it does not know instead of guessing', () => {
    expect(read('kind=lunch&aging=over90&sort=shoe&dir=up')).toEqual(NONE);
    for (const payer of ['0', '-1', '1e3', '3.5', 'abc', '1234567890', ''])
      expect(read(`payer=${payer}`).payerId).toBeNull();
    expect(read('owner=nobody').ownerId).toBeNull();
  });

  it('drops an impossible or screen-formatted due date', () => {
    expect(read('due=2026-02-30').dueOnOrBefore).toBeNull();
    expect(read('due=02/28/2026').dueOnOrBefore).toBeNull();
    expect(read('due=2026-02-28').dueOnOrBefore).toBe('2026-02-28');
  });

  it('always asks the server something it accepts, whatever the address holds', () => {
    fc.assert(
      fc.property(queueQuery, fc.nat({ max: 100_000 }), (params, offset) => {
        const input = toInput(filtersFromParams(params), offset, 100);
        expect(contract.listQueue.input.safeParse(input).success).toBe(true);
      }),
    );
  });
});

describe('paramsFromFilters', () => {
  it('writes nothing for the plain queue, so its address stays #/queue', () => {
    expect(paramsFromFilters(NONE)).toBe('');
  });

  it('leads back to the same filters through the router', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const route = parseRoute(`#/queue${paramsFromFilters(f)}`);
        expect(route.name).toBe('queue');
        if (route.name === 'queue') expect(filtersFromParams(route.params)).toEqual(f);
      }),
    );
  });
});

describe('hasFilters', () => {
  it('counts what narrows the list, not how it is sorted', () => {
    expect(hasFilters({ ...NONE, sortBy: 'balance', sortDir: 'asc' })).toBe(false);
    expect(hasFilters({ ...NONE, ownerId: 'unassigned' })).toBe(true);
    expect(hasFilters({ ...NONE, dueOnOrBefore: read('due=2026-03-07').dueOnOrBefore })).toBe(true);
  });
});
