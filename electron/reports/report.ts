import type { ParsedInputOf } from '../../shared/api/contract';
import type { Report, ReportId } from '../../shared/reports/model';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { agingReport } from './aging';
import { appealsReport } from './appeals';
import { cashReport } from './cash';
import { collectionsReport } from './collections';
import { denialsReport } from './denials';
import { checkFacility, settlePeriod, type Period } from './filters';
import { plansReport } from './plans';
import { productivityReport } from './productivity';

const REPORTS: Record<ReportId, (db: ReadDb, period: Period) => Report> = {
  aging: agingReport,
  denials: denialsReport,
  cash: cashReport,
  plans: plansReport,
  appeals: appealsReport,
  productivity: productivityReport,
  collections: collectionsReport,
};

/** One report, read only, with its filters settled against today. */
export function getReport(ctx: ReadCtx, input: ParsedInputOf<'getReport'>): Report {
  const period = settlePeriod(input.filters, ctx.clock.today());
  checkFacility(ctx.db, period);
  return REPORTS[input.report](ctx.db, period);
}
