import { DENIAL_CATEGORY, type DenialCategory } from '../../shared/codes/denials';
import { daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import type { Report, ReportCell } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import {
  accountConditions,
  filtersUsed,
  monthsBetween,
  percent,
  where,
  type Period,
} from './filters';

interface DenialRow {
  category: DenialCategory;
  codes: string;
  amount: number;
  remitDate: IsoDate;
  deadlineDate: IsoDate;
  state: string;
  resolution: string | null;
  payerId: number;
  payerName: string;
}

/** Filters on the denial's claim (payer), account (class), category and owner. */
function conditions(period: Period) {
  const cond = accountConditions(period, 'c.payer_id');
  if (period.category) {
    cond.sql.push('d.category = ?');
    cond.params.push(period.category);
  }
  if (period.userId) {
    cond.sql.push('f.owner_id = ?');
    cond.params.push(period.userId);
  }
  return cond;
}

export function deniedRows(db: ReadDb, period: Period): DenialRow[] {
  const cond = conditions(period);
  return all<DenialRow>(
    db,
    `SELECT d.category, d.codes, d.amount, d.remit_date AS remitDate,
        d.deadline_date AS deadlineDate, d.state, d.resolution, c.payer_id AS payerId,
        p.name AS payerName
       FROM denials d JOIN claims c ON c.id = d.claim_id JOIN accounts a ON a.id = c.account_id
       JOIN payers p ON p.id = c.payer_id JOIN follow_ups f ON f.id = d.follow_up_id
      WHERE d.remit_date BETWEEN ? AND ?${where(cond)}`,
    period.from,
    period.to,
    ...cond.params,
  );
}

/** Claims the payers answered in the period, by payer: what a denial rate divides by. */
export function remittedClaims(db: ReadDb, period: Period): Map<number, number> {
  const cond = accountConditions(period, 'c.payer_id');
  const rows = all<{ payerId: number; n: number }>(
    db,
    `SELECT c.payer_id AS payerId, count(*) AS n FROM claims c JOIN accounts a ON a.id = c.account_id
      WHERE c.remit_date BETWEEN ? AND ?${where(cond)} GROUP BY c.payer_id`,
    period.from,
    period.to,
    ...cond.params,
  );
  return new Map(rows.map((r) => [r.payerId, r.n]));
}

/** The first reason code the payer gave ("CO-50"), which a denial is counted under. */
export function primaryReason(codes: string): string {
  return codes.split(/\s+/).find((c) => c.includes('-')) ?? (codes.split(/\s+/)[0] || 'none');
}

/** Days left before the appeal deadline, grouped; overdue first. */
export const DEADLINE_GROUPS = [
  { label: 'Past deadline', max: -1 },
  { label: '0-7 days', max: 7 },
  { label: '8-14 days', max: 14 },
  { label: '15-30 days', max: 30 },
  { label: '31-60 days', max: 60 },
  { label: 'Over 60 days', max: Infinity },
] as const;

const WON = new Set(['paid', 'partly_paid']);

function tally<K>(m: Map<K, [number, number]>, k: K, amount: number) {
  const t = m.get(k) ?? [0, 0];
  m.set(k, [t[0] + 1, t[1] + amount]);
}

const countAmountColumns = [
  { key: 'count', label: 'Denials', kind: 'count' as const },
  { key: 'amount', label: 'Amount', kind: 'money' as const },
];

function sorted<K>(m: Map<K, [number, number]>, name: (k: K) => string): ReportCell[][] {
  return [...m.entries()]
    .map(([k, [n, amt]]) => [name(k), n, amt] as ReportCell[])
    .sort((a, b) => Number(b[2]) - Number(a[2]) || String(a[0]).localeCompare(String(b[0])));
}

/** Denials in the period by reason, category, payer and month, with rates and the open ones at risk. */
export function denialsReport(db: ReadDb, period: Period): Report {
  const rows = deniedRows(db, period);
  const remitted = remittedClaims(db, period);
  const byReason = new Map<string, [number, number]>();
  const byCategory = new Map<DenialCategory, [number, number]>();
  const byPayer = new Map<number, [number, number]>();
  const payerNames = new Map<number, string>();
  const byMonth = new Map<string, [number, number]>();
  const byDeadline = new Map<string, [number, number]>();
  let total = 0;
  let resolved = 0;
  let won = 0;
  let atRisk = 0;
  let open = 0;
  for (const r of rows) {
    total += r.amount;
    tally(byReason, primaryReason(r.codes), r.amount);
    tally(byCategory, r.category, r.amount);
    tally(byPayer, r.payerId, r.amount);
    payerNames.set(r.payerId, r.payerName);
    tally(byMonth, r.remitDate.slice(0, 7), r.amount);
    if (r.state === 'resolved') {
      resolved++;
      if (r.resolution && WON.has(r.resolution)) won++;
    } else {
      open++;
      atRisk += r.amount;
      const left = daysBetween(period.today, r.deadlineDate);
      const group = DEADLINE_GROUPS.find((g) => left <= g.max) ?? DEADLINE_GROUPS[5];
      tally(byDeadline, group.label, r.amount);
    }
  }
  const claims = [...remitted.values()].reduce((s, n) => s + n, 0);
  const payerTable: ReportCell[][] = [...byPayer.entries()]
    .map(
      ([id, [n, amt]]) =>
        [
          payerNames.get(id) ?? '',
          n,
          amt,
          remitted.get(id) ?? 0,
          percent(n, remitted.get(id) ?? 0),
        ] as ReportCell[],
    )
    .sort((a, b) => Number(b[2]) - Number(a[2]));
  const months: ReportCell[][] = monthsBetween(period.from, period.to).map((m) => {
    const [n, amt] = byMonth.get(m) ?? [0, 0];
    return [m, n, amt];
  });
  const deadlines: ReportCell[][] = DEADLINE_GROUPS.map((g) => {
    const [n, amt] = byDeadline.get(g.label) ?? [0, 0];
    return [g.label, n, amt];
  });
  const totals = (n: number, amt: number): ReportCell[] => ['Total', n, amt];
  return {
    id: 'denials',
    title: REPORT_TITLES.denials,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, [
      'period',
      'facility',
      'payer',
      'financialClass',
      'category',
      'user',
    ]),
    figures: [
      { label: 'Denials', kind: 'count', value: rows.length },
      { label: 'Amount denied', kind: 'money', value: total },
      {
        label: 'Denial rate',
        kind: 'percent',
        value: period.category || period.userId ? null : percent(rows.length, claims),
      },
      { label: 'Overturn rate', kind: 'percent', value: percent(won, resolved) },
      { label: 'Open denials', kind: 'count', value: open },
      { label: 'Amount at risk', kind: 'money', value: atRisk },
    ],
    tables: [
      {
        id: 'months',
        title: 'By month',
        columns: [{ key: 'month', label: 'Month', kind: 'month' }, ...countAmountColumns],
        rows: months,
        total: totals(rows.length, total),
      },
      {
        id: 'categories',
        title: 'By category',
        columns: [{ key: 'category', label: 'Category', kind: 'text' }, ...countAmountColumns],
        rows: sorted(byCategory, (k) => DENIAL_CATEGORY.labels[k]),
        total: totals(rows.length, total),
      },
      {
        id: 'reasons',
        title: 'By reason code',
        columns: [{ key: 'reason', label: 'Reason', kind: 'text' }, ...countAmountColumns],
        rows: sorted(byReason, (k) => k),
        total: totals(rows.length, total),
      },
      {
        id: 'payers',
        title: 'By payer',
        columns: [
          { key: 'payer', label: 'Payer', kind: 'text' },
          ...countAmountColumns,
          { key: 'claims', label: 'Claims answered', short: 'Claims', kind: 'count' },
          { key: 'rate', label: 'Denial rate', kind: 'percent' },
        ],
        rows: payerTable,
        total: [
          'Total',
          rows.length,
          total,
          claims,
          period.category || period.userId ? null : percent(rows.length, claims),
        ],
      },
      {
        id: 'deadlines',
        title: 'Open denials by days left to appeal',
        columns: [{ key: 'left', label: 'Days left', kind: 'text' }, ...countAmountColumns],
        rows: deadlines,
        total: totals(open, atRisk),
      },
    ],
    chart: { tableId: 'months', kind: 'bar', stacked: false, x: 'month', series: ['amount'] },
    notes: [
      'A denial is counted in the month its remittance is dated, under the first reason code the payer gave.',
      'Denial rate: denied claims over the claims the payers answered in the period (not shown when filtered by category or representative).',
      'Overturn rate: resolved denials that were paid in full or in part, over all resolved denials.',
      'Amount at risk: what the open denials are for.',
    ],
  };
}
