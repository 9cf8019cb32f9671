import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { DENIAL_CATEGORY } from '../../../shared/codes/denials';
import { FINANCIAL_CLASS } from '../../../shared/codes/enums';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { REPORT_IDS } from '../../../shared/reports/model';
import { parseRoute } from '../app/router';
import { reportInput, reportPath, reportViewFromParams, type ReportView } from './filters';

const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10) as IsoDate);
const view: fc.Arbitrary<ReportView> = fc.record({
  report: fc.constantFrom(...REPORT_IDS),
  from: orNull(date),
  to: orNull(date),
  payerId: orNull(fc.integer({ min: 1, max: 10_000 })),
  financialClass: orNull(fc.constantFrom(...FINANCIAL_CLASS.keys)),
  category: orNull(fc.constantFrom(...DENIAL_CATEGORY.keys)),
  userId: orNull(fc.integer({ min: 1, max: 10_000 })),
  facilityId: orNull(fc.integer({ min: 1, max: 50 })),
});

describe('report filters in the address', () => {
  it('read back as they were written, through the router', () => {
    fc.assert(
      fc.property(view, (v) => {
        const route = parseRoute(`#${reportPath(v)}`);
        expect(route.name).toBe('reports');
        if (route.name === 'reports') expect(reportViewFromParams(route.params)).toEqual(v);
      }),
    );
  });

  it('open the aging report when the address names no report, and ignore what is not valid', () => {
    expect(
      reportViewFromParams(
        new URLSearchParams('report=nope&payer=-3&class=x&from=2026-02-30&facility=0'),
      ),
    ).toEqual({
      report: 'aging',
      from: null,
      to: null,
      payerId: null,
      financialClass: null,
      category: null,
      userId: null,
      facilityId: null,
    });
  });

  it('send only the filters the report reads, in a request the contract accepts', () => {
    fc.assert(
      fc.property(view, (v) => {
        const input = reportInput(v);
        if (v.report === 'aging') expect(input.filters?.category ?? null).toBeNull();
        if (v.report === 'productivity') expect(input.filters?.payerId ?? null).toBeNull();
        const parsed = contract.getReport.input.safeParse(input);
        const ordered = !v.from || !v.to || v.from <= v.to;
        expect(parsed.success).toBe(ordered);
      }),
    );
  });
});
