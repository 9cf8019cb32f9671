import { ACCOUNT_STATUS, type AccountStatus } from '../../shared/codes/enums';
import type { Report, ReportCell, ReportTable } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { dunningPlaces, dunningTables } from './collections-dunning';
import { accountConditions, filtersUsed, where, type Period } from './filters';

interface AgencyRow {
  name: string;
  placed: number;
  placedBalance: number;
  recalled: number;
  gross: number;
  commission: number;
}

/**
 * Per agency, in the period: accounts placed (and what they owed when placed), recalled,
 * and what the agency's payment files reported as paid (by date paid) with its commission.
 */
function agencyRows(db: ReadDb, period: Period): AgencyRow[] {
  const cond = accountConditions(period);
  const params = [period.from, period.to, ...cond.params];
  return all<AgencyRow>(
    db,
    `SELECT g.name,
        (SELECT count(*) FROM agency_placements p JOIN accounts a ON a.id = p.account_id
          WHERE p.agency_id = g.id AND p.placed_on BETWEEN ? AND ?${where(cond)}) AS placed,
        (SELECT ifnull(sum(p.balance_placed), 0) FROM agency_placements p
          JOIN accounts a ON a.id = p.account_id
          WHERE p.agency_id = g.id AND p.placed_on BETWEEN ? AND ?${where(cond)}) AS placedBalance,
        (SELECT count(*) FROM agency_placements p JOIN accounts a ON a.id = p.account_id
          WHERE p.agency_id = g.id AND p.recalled_on BETWEEN ? AND ?${where(cond)}) AS recalled,
        (SELECT ifnull(sum(ap.gross), 0) FROM agency_payments ap JOIN accounts a ON a.id = ap.account_id
          WHERE ap.agency_id = g.id AND ap.paid_on BETWEEN ? AND ?${where(cond)}) AS gross,
        (SELECT ifnull(sum(ap.commission), 0) FROM agency_payments ap
          JOIN accounts a ON a.id = ap.account_id
          WHERE ap.agency_id = g.id AND ap.paid_on BETWEEN ? AND ?${where(cond)}) AS commission
      FROM agencies g ORDER BY g.name`,
    ...params,
    ...params,
    ...params,
    ...params,
    ...params,
  );
}

const sumOf = (rows: readonly AgencyRow[], key: keyof Omit<AgencyRow, 'name'>) =>
  rows.reduce((sum, r) => sum + r[key], 0);

/** The agencies' table, when the office keeps any. */
function agencyTables(agencies: readonly AgencyRow[]): ReportTable[] {
  if (agencies.length === 0) return [];
  return [
    {
      id: 'agencies',
      title: 'Collection agencies in the period',
      columns: [
        { key: 'agency', label: 'Agency', kind: 'text' },
        { key: 'placed', label: 'Placed', kind: 'count' },
        { key: 'placedBalance', label: 'Balance placed', kind: 'money', short: 'Placed $' },
        { key: 'recalled', label: 'Recalled', kind: 'count' },
        { key: 'gross', label: 'Collected', kind: 'money' },
        { key: 'commission', label: 'Commission', kind: 'money' },
      ],
      rows: agencies.map((r) => [
        r.name,
        r.placed,
        r.placedBalance,
        r.recalled,
        r.gross,
        r.commission,
      ]),
      total: [
        'Total',
        sumOf(agencies, 'placed'),
        sumOf(agencies, 'placedBalance'),
        sumOf(agencies, 'recalled'),
        sumOf(agencies, 'gross'),
        sumOf(agencies, 'commission'),
      ],
    },
  ];
}

/**
 * What collections the data holds today: accounts by status with their balances, by the
 * dunning stage their statements reached and by the hold that keeps them from the next one;
 * bad debt written off in the period and recovered from it, counted apart, and each agency's
 * placements, recalls and collections in the period.
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
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
          WHERE l.reason_code IN (SELECT r.code FROM adjustment_reasons r
              WHERE r.category = 'bad_debt' AND r.code <> 'BAD_DEBT_RECOVERY')
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
  const agencies = agencyRows(db, period);
  const places = dunningPlaces(db, period);
  const held = places.filter((p) => p.hold !== 'plan' && p.hold !== 'statement');
  const agencyTotal = (key: keyof Omit<AgencyRow, 'name'>) => sumOf(agencies, key);
  const rows: ReportCell[][] = statuses.map((s) => [
    ACCOUNT_STATUS.labels[s.status] ?? s.status,
    s.n,
    s.balance,
  ]);
  return {
    id: 'collections',
    title: REPORT_TITLES.collections,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'facility', 'payer', 'financialClass']),
    figures: [
      { label: 'Accounts in the statement cycle', kind: 'count', value: places.length },
      { label: 'Held from statements', kind: 'count', value: held.length },
      {
        label: 'Balance held from statements',
        kind: 'money',
        value: held.reduce((s, p) => s + p.patient, 0),
      },
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
      { label: 'Accounts placed with agencies', kind: 'count', value: agencyTotal('placed') },
      { label: 'Accounts recalled from agencies', kind: 'count', value: agencyTotal('recalled') },
      { label: 'Collected by agencies', kind: 'money', value: agencyTotal('gross') },
      { label: 'Agency commission', kind: 'money', value: agencyTotal('commission') },
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
      ...dunningTables(places),
      ...agencyTables(agencies),
    ],
    chart: { tableId: 'stages', kind: 'bar', stacked: false, x: 'stage', series: ['patient'] },
    notes: [
      'Dunning stages and holds cover the accounts a statement would speak for: open or at an agency, with the patient owing or owed something. The stage is the one the last statement of the unpaid balance went out at; the hold is the first of the reasons the statement run would give today (a guarantor under the minimum counts all their accounts, whatever the filters).',
      'Agencies: accounts placed and recalled in the period, by placement and recall date; collected is what the patients paid the agency as its payment files report it (by date paid), of which the agency kept the commission.',
      'Bad debt written off: bad-debt adjustments posted in the period, net of reversals (a move undone). Recovered: what payments after a move put back from bad debt, net of reversed payments. Other payments on bad-debt accounts: payments with no recovery recorded with them (written off before ClaimDesk kept recoveries).',
    ],
  };
}
