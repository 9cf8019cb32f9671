import { contract, type InputOf } from '../../shared/api/contract';
import type { Report } from '../../shared/reports/model';
import { dispatch } from '../testing/dispatch';
import type { Ctx } from '../core/context';
import { bucketRows, chargesIn, last90Days, monthlyChanges } from '../reports/aging';
import { appealRows } from '../reports/appeals';
import { batches, moneyGroups, providerAdjustments } from '../reports/cash';
import { dunningPlaces } from '../reports/collections-dunning';
import { deniedRows, remittedClaims } from '../reports/denials';
import { settlePeriod, type Period } from '../reports/filters';
import { planFigures } from '../reports/plans';
import { workRows } from '../reports/productivity-rows';
import type { Scenario } from './scenarios';

type ReportFilters = NonNullable<InputOf<'getReport'>['filters']>;

/** The bar for a report at 200,000 accounts: p95 at most 500 ms, its ratio shown. */
export const REPORT_TARGET = { p95Ms: 500, ratio: null };

/**
 * Each report through dispatch against its own queries run bare (no validation, no
 * shaping into tables), both returning the same count so they are seen to do the same work.
 */
function reportScenario(
  ctx: Ctx,
  name: string,
  input: InputOf<'getReport'>,
  count: (r: Report) => number,
  bare: (p: Period) => number,
): Scenario {
  const period = settlePeriod(contract.getReport.input.parse(input).filters, ctx.clock.today());
  return {
    name,
    handler: () => {
      const result = dispatch(ctx, 'getReport', input);
      if (!result.ok) throw new Error(`getReport failed: ${result.error.message}`);
      return count(result.value as Report);
    },
    bare: () => bare(period),
    target: REPORT_TARGET,
  };
}

const figure = (r: Report, label: string) =>
  Number(r.figures.find((f) => f.label === label)?.value);

export function reportScenarios(ctx: Ctx): Scenario[] {
  const { db } = ctx;
  // the aging and cash reports are timed for the whole office and for one slice of it
  const aging = (name: string, filters?: ReportFilters) =>
    reportScenario(
      ctx,
      name,
      { report: 'aging', ...(filters ? { filters } : {}) },
      (r) => figure(r, 'Accounts with a balance'),
      (p) => {
        monthlyChanges(db, p);
        chargesIn(db, p, last90Days(p), p.to);
        return bucketRows(db, p).reduce((s, r) => s + r.accounts, 0);
      },
    );
  const cash = (name: string, filters?: ReportFilters) =>
    reportScenario(
      ctx,
      name,
      { report: 'cash', ...(filters ? { filters } : {}) },
      (r) => r.tables.find((t) => t.id === 'days')?.rows.length ?? 0,
      (p) => {
        batches(db, p);
        providerAdjustments(db, p);
        return new Set(moneyGroups(db, p).map((g) => g.day)).size;
      },
    );
  return [
    aging('report: aging'),
    aging('report: aging, commercial class', { financialClass: 'commercial' }),
    reportScenario(
      ctx,
      'report: denials',
      { report: 'denials' },
      (r) => figure(r, 'Denials'),
      (p) => {
        remittedClaims(db, p);
        return deniedRows(db, p).length;
      },
    ),
    cash('report: cash'),
    reportScenario(
      ctx,
      'report: payment plans',
      { report: 'plans' },
      (r) => figure(r, 'Plans begun'),
      (p) => planFigures(db, p).length,
    ),
    reportScenario(
      ctx,
      'report: appeal outcomes',
      { report: 'appeals' },
      (r) => figure(r, 'Appeals sent'),
      (p) => appealRows(db, p).length,
    ),
    aging('report: aging, one facility', { facilityId: 1 }),
    cash('report: cash, one facility', { facilityId: 1 }),
    reportScenario(
      ctx,
      'report: collections (dunning stages and holds)',
      { report: 'collections' },
      (r) => figure(r, 'Accounts in the statement cycle'),
      (p) => dunningPlaces(db, p).length,
    ),
    reportScenario(
      ctx,
      'report: productivity',
      { report: 'productivity' },
      (r) => figure(r, 'Calls'),
      (p) => workRows(db, p).reduce((s, w) => s + w.calls, 0),
    ),
  ];
}
