import { ACCOUNT_STATUS, type AccountStatus } from '../../shared/codes/enums';
import type { Report, ReportCell } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { accountConditions, filtersUsed, where, type Period } from './filters';

/**
 * What collections the data holds today: accounts by status with their balances, bad
 * debt written off in the period and payments since on bad-debt accounts. Dunning stages,
 * holds, agency placements and recalls are not recorded yet, so they are not reported.
 */
export function collectionsReport(db: ReadDb, period: Period): Report {
  const cond = accountConditions(period);
  const statuses = all<{ status: AccountStatus; n: number; balance: number }>(
    db,
    `SELECT a.status, count(*) AS n, sum(a.insurance_balance + a.patient_balance) AS balance
       FROM accounts a WHERE 1 = 1${where(cond)} GROUP BY a.status ORDER BY a.status`,
    ...cond.params,
  );
  const badDebt = oneOrThrow<{ written: number; recovered: number }>(
    db,
    `SELECT
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l
          JOIN adjustment_reasons r ON r.code = l.reason_code JOIN accounts a ON a.id = l.account_id
          WHERE r.category = 'bad_debt' AND l.kind = 'adjustment'
            AND l.posting_date BETWEEN ? AND ?${where(cond)}) AS written,
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
          WHERE a.status = 'bad_debt' AND l.kind = 'payment'
            AND l.posting_date BETWEEN ? AND ?${where(cond)}) AS recovered`,
    period.from,
    period.to,
    ...cond.params,
    period.from,
    period.to,
    ...cond.params,
  );
  const rows: ReportCell[][] = statuses.map((s) => [
    ACCOUNT_STATUS.labels[s.status] ?? s.status,
    s.n,
    s.balance,
  ]);
  return {
    id: 'collections',
    title: REPORT_TITLES.collections,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'payer', 'financialClass']),
    figures: [
      { label: 'Bad debt written off', kind: 'money', value: badDebt.written },
      { label: 'Recovered on bad-debt accounts', kind: 'money', value: badDebt.recovered },
    ],
    tables: [
      {
        id: 'statuses',
        title: 'Accounts by status today',
        columns: [
          { key: 'status', label: 'Status', kind: 'text' },
          { key: 'accounts', label: 'Accounts', kind: 'count' },
          { key: 'balance', label: 'Balance', kind: 'money' },
        ],
        rows,
        total: [
          'Total',
          statuses.reduce((s, r) => s + r.n, 0),
          statuses.reduce((s, r) => s + r.balance, 0),
        ],
      },
    ],
    chart: { tableId: 'statuses', kind: 'bar', stacked: false, x: 'status', series: ['balance'] },
    notes: [
      'Dunning stages, hold reasons, agency placements, recalls and agency collections are not recorded by ClaimDesk yet; this report shows them once they are.',
      'Bad debt: adjustments posted in the period with a reason of the bad-debt category, net of reversals. Recovered: payments posted in the period on accounts whose status is bad debt.',
    ],
  };
}
