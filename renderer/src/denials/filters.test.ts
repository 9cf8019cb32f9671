import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { DENIAL_CATEGORY, DENIAL_STATE } from '../../../shared/codes/denials';
import { parseRoute } from '../app/router';
import {
  DENIAL_PAGE_SIZE,
  DENIAL_SORTS,
  denialFiltersFromParams,
  denialInput,
  denialPath,
  type DenialFilters,
} from './filters';

const read = (query: string) => denialFiltersFromParams(new URLSearchParams(query));

const NONE: DenialFilters = {
  payerId: null,
  category: null,
  state: null,
  sortBy: 'deadline',
  showResolved: false,
  page: 1,
};

const filters: fc.Arbitrary<DenialFilters> = fc.record({
  payerId: fc.option(fc.integer({ min: 1, max: 999_999_999 })),
  category: fc.option(fc.constantFrom(...DENIAL_CATEGORY.keys)),
  state: fc.option(fc.constantFrom(...DENIAL_STATE.keys)),
  sortBy: fc.constantFrom(...DENIAL_SORTS.map((s) => s.value)),
  showResolved: fc.boolean(),
  page: fc.integer({ min: 1, max: 10_000 }),
});

const paramValue = fc.oneof(
  fc.constantFrom('', '0', '-2', '1', '2', '1.5', 'true', 'timely_filing', 'new', 'amount'),
  fc.string({ maxLength: 8 }),
);
const denialQuery = fc
  .dictionary(fc.constantFrom('payer', 'category', 'state', 'sort', 'resolved', 'page'), paramValue)
  .map((entries) => new URLSearchParams(entries));

describe('denialFiltersFromParams', () => {
  it('lists open denials by deadline, first page, from a bare address', () => {
    expect(read('')).toEqual(NONE);
    expect(denialPath(NONE)).toBe('/denials');
  });

  it('reads every filter the bar sets', () => {
    expect(read('payer=3&category=timely_filing&state=new&sort=amount&resolved=1&page=4')).toEqual({
      payerId: 3,
      category: 'timely_filing',
      state: 'new',
      sortBy: 'amount',
      showResolved: true,
      page: 4,
    });
  });

  it('drops what it does not know instead of guessing', () => {
    expect(read('category=rude&state=gone&sort=colour&resolved=yes&page=0')).toEqual(NONE);
    expect(read('resolved=true').showResolved).toBe(false);
    for (const page of ['-1', '2.5', 'last', '']) expect(read(`page=${page}`).page).toBe(1);
  });

  it('always asks the server something it accepts, whatever the address holds', () => {
    fc.assert(
      fc.property(denialQuery, (params) => {
        const input = denialInput(denialFiltersFromParams(params));
        expect(contract.listDenials.input.safeParse(input).success).toBe(true);
      }),
    );
  });
});

describe('denialPath', () => {
  it('leads back to the same filters through the router', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const route = parseRoute(`#${denialPath(f)}`);
        expect(route.name).toBe('denials');
        if (route.name === 'denials') expect(denialFiltersFromParams(route.params)).toEqual(f);
      }),
    );
  });
});

describe('denialInput', () => {
  it('asks for open denials unless resolved ones are shown', () => {
    expect(denialInput(NONE).open).toBe(true);
    expect(denialInput({ ...NONE, showResolved: true }).open).toBe(false);
  });

  it('turns the page into an offset of whole pages', () => {
    expect(denialInput(NONE)).toMatchObject({ offset: 0, limit: DENIAL_PAGE_SIZE });
    expect(denialInput({ ...NONE, page: 3 })).toMatchObject({ offset: 2 * DENIAL_PAGE_SIZE });
  });
});
