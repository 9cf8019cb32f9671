import type { InputOf } from '../../../shared/api/contract';
import { DENIAL_CATEGORY, type DenialCategory } from '../../../shared/codes/denials';
import { FINANCIAL_CLASS, type FinancialClass } from '../../../shared/codes/enums';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { REPORT_IDS, type ReportId } from '../../../shared/reports/model';

/** A report and its filters, as the address keeps them: `#/reports?report=denials&payer=3`. */
export interface ReportView {
  report: ReportId;
  from: IsoDate | null;
  to: IsoDate | null;
  payerId: number | null;
  financialClass: FinancialClass | null;
  category: DenialCategory | null;
  userId: number | null;
  facilityId: number | null;
}

/** Which filters mean something for each report. */
export const REPORT_FILTERS: Record<
  ReportId,
  readonly ('facility' | 'payer' | 'financialClass' | 'category' | 'user')[]
> = {
  aging: ['facility', 'payer', 'financialClass'],
  denials: ['facility', 'payer', 'financialClass', 'category', 'user'],
  cash: ['facility', 'payer', 'financialClass', 'user'],
  plans: ['facility', 'payer', 'financialClass', 'user'],
  appeals: ['facility', 'payer', 'financialClass', 'category', 'user'],
  productivity: ['facility', 'user'],
  collections: ['facility', 'payer', 'financialClass'],
};

const positive = (v: string | null): number | null => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

function oneOf<K extends string>(keys: readonly K[], v: string | null): K | null {
  return keys.find((k) => k === v) ?? null;
}

export function reportViewFromParams(params: URLSearchParams): ReportView {
  const from = params.get('from');
  const to = params.get('to');
  return {
    report: oneOf(REPORT_IDS, params.get('report')) ?? 'aging',
    from: isIsoDate(from) ? from : null,
    to: isIsoDate(to) ? to : null,
    payerId: positive(params.get('payer')),
    financialClass: oneOf(FINANCIAL_CLASS.keys, params.get('class')),
    category: oneOf(DENIAL_CATEGORY.keys, params.get('category')),
    userId: positive(params.get('user')),
    facilityId: positive(params.get('facility')),
  };
}

export function reportPath(v: ReportView): string {
  const p = new URLSearchParams({ report: v.report });
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  if (v.payerId) p.set('payer', String(v.payerId));
  if (v.financialClass) p.set('class', v.financialClass);
  if (v.category) p.set('category', v.category);
  if (v.userId) p.set('user', String(v.userId));
  if (v.facilityId) p.set('facility', String(v.facilityId));
  return `/reports?${p.toString()}`;
}

/** The request for a report: only the filters that report reads are sent. */
export function reportInput(v: ReportView): InputOf<'getReport'> {
  const used = REPORT_FILTERS[v.report];
  return {
    report: v.report,
    filters: {
      from: v.from,
      to: v.to,
      payerId: used.includes('payer') ? v.payerId : null,
      financialClass: used.includes('financialClass') ? v.financialClass : null,
      category: used.includes('category') ? v.category : null,
      userId: used.includes('user') ? v.userId : null,
      facilityId: used.includes('facility') ? v.facilityId : null,
    },
  };
}
