import { ACCOUNT_STATUS, type AccountStatus } from '../../shared/codes/enums';
import type { Report, ReportCell } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { accountConditions, filtersUsed, where, type Period } from './filters';

/**
 * What collections the data holds today: accounts by status with their balances, bad
 * debt written off in the period and recovered from it, counted apart. Dunning stages,
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
  // written off and recovered are each net of their reversals (an undone move, a returned
  // check), so the two figures count apart and their difference is the bad debt that stands
  const badDebt = oneOrThrow<{ written: number; recovered: number; legacy: number }>(
    db,
    `SELECT
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l
          JOIN adjustment_reasons r ON r.code = l.reason_code JOIN accounts a ON a.id = l.account_id
          WHERE r.category = 'bad_debt' AND l.reason_code <> 'BAD_DEBT_RECOVERY'
            AND l.kind = 'adjustment'
            AND l.posting_date BETWEEN ? AND ?${where(cond)}) AS written,
        (SELECT ifnull(sum(l.amount), 0) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
          WHERE l.reason_code = 'BAD_DEBT_RECOVERY' AND l.kind = 'adjustment'
            AND l.posting_date BETWEEN ? AND ?${where(cond)}) AS recovered,
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
          WHERE a.status = 'bad_debt' AND l.kind = 'payment' AND l.receipt_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ledger_entries x
              WHERE x.receipt_id = l.receipt_id AND x.reason_code = 'BAD_DEBT_RECOVERY')
            AND l.posting_date BETWEEN ? AND ?${where(cond)}) AS legacy`,
    period.from,
    period.to,
    ...cond.params,
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
      { label: 'Bad debt recovered', kind: 'money', value: badDebt.recovered },
      {
        label: 'Bad debt net of recoveries',
        kind: 'money',
        value: badDebt.written - badDebt.recovered,
      },
      {
        label: 'Other payments on bad-debt accounts',
        kind: 'money',
        value: badDebt.legacy,
      },
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
      'Bad debt written off: bad-debt adjustments posted in the period, net of reversals (a move undone). Recovered: what payments after a move put back from bad debt, net of reversed payments. Other payments on bad-debt accounts: payments with no recovery recorded with them (written off before ClaimDesk kept recoveries).',
    ],
  };
}
