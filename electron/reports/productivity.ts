import type { Report, ReportCell } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import { filtersUsed, percent, type Period } from './filters';

export interface WorkRow {
  userId: number;
  name: string;
  accountsWorked: number;
  calls: number;
  letters: number;
  paymentsPosted: number;
  collections: number;
  promisesMade: number;
  promisesKept: number;
}

/**
 * What each person did in the period, each figure from the table that records it:
 * activities (accounts worked, calls), documents (letters), receipts (payments posted,
 * collections net of reversals) and promises.
 */
export function workRows(db: ReadDb, period: Period): WorkRow[] {
  // timestamps are UTC; a day's work is matched by the date part
  const fromTs = period.from;
  const toTs = `${period.to}T99`;
  const userFilter = period.userId ? ' WHERE u.id = ?' : '';
  return all<WorkRow>(
    db,
    `SELECT u.id AS userId, u.display_name AS name,
        (SELECT count(DISTINCT account_id) FROM activities
          WHERE user_id = u.id AND occurred_at BETWEEN ? AND ?) AS accountsWorked,
        (SELECT count(*) FROM activities
          WHERE user_id = u.id AND kind = 'call' AND occurred_at BETWEEN ? AND ?) AS calls,
        (SELECT count(*) FROM documents
          WHERE created_by = u.id AND kind IN ('appeal', 'letter', 'statement')
            AND document_date BETWEEN ? AND ?) AS letters,
        (SELECT count(*) FROM receipts WHERE created_by = u.id AND kind <> 'refund'
            AND reverses_id IS NULL AND received_date BETWEEN ? AND ?) AS paymentsPosted,
        (SELECT ifnull(sum(amount), 0) FROM receipts WHERE created_by = u.id AND kind <> 'refund'
            AND received_date BETWEEN ? AND ?) AS collections,
        (SELECT count(*) FROM promises WHERE created_by = u.id AND kind = 'promise'
            AND created_at BETWEEN ? AND ?) AS promisesMade,
        (SELECT count(*) FROM promises WHERE created_by = u.id AND kind = 'promise'
            AND status = 'kept' AND created_at BETWEEN ? AND ?) AS promisesKept
       FROM users u${userFilter} ORDER BY u.display_name`,
    fromTs,
    toTs,
    fromTs,
    toTs,
    period.from,
    period.to,
    period.from,
    period.to,
    period.from,
    period.to,
    fromTs,
    toTs,
    fromTs,
    toTs,
    ...(period.userId ? [period.userId] : []),
  );
}

/** Per representative: accounts worked, calls, letters, payments posted, promises, collections. */
export function productivityReport(db: ReadDb, period: Period): Report {
  const rows = workRows(db, period).filter(
    (r) =>
      r.accountsWorked + r.calls + r.letters + r.paymentsPosted + r.promisesMade > 0 ||
      period.userId,
  );
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
    filtersUsed: filtersUsed(db, period, ['period', 'user']),
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
          { key: 'accounts', label: 'Accounts worked', kind: 'count' },
          { key: 'calls', label: 'Calls', kind: 'count' },
          { key: 'letters', label: 'Letters', kind: 'count' },
          { key: 'payments', label: 'Payments posted', kind: 'count' },
          { key: 'collections', label: 'Collections', kind: 'money' },
          { key: 'promises', label: 'Promises made', kind: 'count' },
          { key: 'kept', label: 'Promises kept', kind: 'count' },
          { key: 'keptShare', label: 'Kept', kind: 'percent' },
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
