import type { Report, ReportCell } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { filtersUsed, percent, type Period } from './filters';
import { workRows, type WorkRow } from './productivity-rows';

/** Per representative: accounts worked, calls, letters, payments posted, promises, collections. */
export function productivityReport(db: ReadDb, period: Period): Report {
  const rows = workRows(db, period);
  const body: ReportCell[][] = rows.map((r) => [
    r.name,
    r.accountsWorked,
    r.calls,
    r.letters,
    r.paymentsPosted,
    r.collections,
    r.promisesMade,
    r.promisesKept,
    percent(r.promisesKept, r.promisesMade),
  ]);
  const sum = (k: keyof Omit<WorkRow, 'name' | 'userId'>) => rows.reduce((s, r) => s + r[k], 0);
  return {
    id: 'productivity',
    title: REPORT_TITLES.productivity,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'facility', 'user']),
    figures: [
      { label: 'Accounts worked', kind: 'count', value: sum('accountsWorked') },
      { label: 'Calls', kind: 'count', value: sum('calls') },
      { label: 'Letters', kind: 'count', value: sum('letters') },
      { label: 'Payments posted', kind: 'count', value: sum('paymentsPosted') },
      { label: 'Collections posted', kind: 'money', value: sum('collections') },
    ],
    tables: [
      {
        id: 'people',
        title: 'By representative',
        columns: [
          { key: 'name', label: 'Representative', kind: 'text' },
          { key: 'accounts', label: 'Accounts worked', short: 'Accounts', kind: 'count' },
          { key: 'calls', label: 'Calls', kind: 'count' },
          { key: 'letters', label: 'Letters', kind: 'count' },
          { key: 'payments', label: 'Payments posted', short: 'Payments', kind: 'count' },
          { key: 'collections', label: 'Collections', kind: 'money' },
          { key: 'promises', label: 'Promises made', short: 'Promised', kind: 'count' },
          { key: 'kept', label: 'Promises kept', short: 'Kept', kind: 'count' },
          { key: 'keptShare', label: 'Kept', short: 'Kept %', kind: 'percent' },
        ],
        rows: body,
        total: [
          'Total',
          sum('accountsWorked'),
          sum('calls'),
          sum('letters'),
          sum('paymentsPosted'),
          sum('collections'),
          sum('promisesMade'),
          sum('promisesKept'),
          percent(sum('promisesKept'), sum('promisesMade')),
        ],
      },
    ],
    chart: {
      tableId: 'people',
      kind: 'bar',
      stacked: false,
      x: 'name',
      series: ['accounts', 'calls', 'letters'],
    },
    notes: [
      'Accounts worked: accounts the person wrote a note, call or other activity on (the total adds people, so an account two people worked counts twice).',
      'Collections: payments the person posted, net of reversals posted in the period.',
      'Promises kept counts the promises made in the period that were kept by today.',
    ],
  };
}
