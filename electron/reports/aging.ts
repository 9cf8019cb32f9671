import { AGING_BUCKETS, AGING_BUCKET_KEYS, type AgingBucketKey } from '../../shared/aging/buckets';
import { FINANCIAL_CLASS, type FinancialClass } from '../../shared/codes/enums';
import { addDays, toEpochDay } from '../../shared/dates/iso-date';
import type { Report, ReportCell, ReportColumn } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import {
  accountConditions,
  filtersUsed,
  monthsBetween,
  PRIMARY_PAYER_SQL,
  totalsConditions,
  where,
  type Period,
} from './filters';

interface BucketRow {
  payerId: number | null;
  financialClass: FinancialClass;
  bucket: AgingBucketKey;
  insurance: number;
  patient: number;
  accounts: number;
}

/**
 * The bucket of an account's open balance, from the age of its oldest open amount: dates
 * compared as text with each bucket's first day, which spares a date sum per account.
 */
const BUCKET_SQL = `CASE
  WHEN a.oldest_open_date IS NULL OR a.oldest_open_date >= ? THEN 'current'
  WHEN a.oldest_open_date >= ? THEN 'd31_60'
  WHEN a.oldest_open_date >= ? THEN 'd61_90'
  WHEN a.oldest_open_date >= ? THEN 'd91_120'
  ELSE 'over120' END`;

const BUCKET_COLUMNS: ReportColumn[] = AGING_BUCKETS.map((b) => ({
  key: b.key,
  label: b.label,
  kind: 'money',
}));

export function bucketRows(db: ReadDb, period: Period): BucketRow[] {
  const cond = accountConditions(period);
  return all<BucketRow>(
    db,
    `SELECT ${PRIMARY_PAYER_SQL} AS payerId, a.financial_class AS financialClass,
        ${BUCKET_SQL} AS bucket, sum(a.insurance_balance) AS insurance,
        sum(a.patient_balance) AS patient, count(*) AS accounts
       FROM accounts a
      WHERE (a.insurance_balance <> 0 OR a.patient_balance <> 0)${where(cond)}
      GROUP BY 1, 2, 3`,
    ...[30, 60, 90, 120].map((days) => addDays(period.today, -days)),
    ...cond.params,
  );
}

/**
 * The ledger by day, from the day totals the ledger's trigger keeps (migration 34), or from
 * the ledger itself when the payer is asked: the primary payer is the account's coverage
 * today, which the totals cannot hold. `kinds` limits the rows to those kinds.
 */
function ledgerByDay(db: ReadDb, period: Period, from: string, to: string, kinds: string) {
  if (period.payerId) {
    const cond = accountConditions(period);
    return all<{ day: string; insurance: number; patient: number }>(
      db,
      `SELECT l.posting_date AS day,
          sum(CASE WHEN l.side = 'insurance' THEN l.amount ELSE 0 END) AS insurance,
          sum(CASE WHEN l.side = 'patient' THEN l.amount ELSE 0 END) AS patient
         FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
        WHERE l.posting_date BETWEEN ? AND ?${kinds ? ` AND l.kind IN (${kinds})` : ''}${where(cond)}
        GROUP BY l.posting_date`,
      from,
      to,
      ...cond.params,
    );
  }
  const cond = totalsConditions(period);
  return all<{ day: string; insurance: number; patient: number }>(
    db,
    `SELECT t.posting_date AS day,
        sum(CASE WHEN t.side = 'insurance' THEN t.amount ELSE 0 END) AS insurance,
        sum(CASE WHEN t.side = 'patient' THEN t.amount ELSE 0 END) AS patient
       FROM ledger_day_totals t
      WHERE t.posting_date BETWEEN ? AND ?${kinds ? ` AND t.kind IN (${kinds})` : ''}${where(cond)}
      GROUP BY t.posting_date`,
    from,
    to,
    ...cond.params,
  );
}

/**
 * Net change of the balance by month and side from the first month of the period on
 * (later months included): the month-end balances are worked back from today's balance,
 * so only the period's days are read, not the whole ledger.
 */
export function monthlyChanges(db: ReadDb, period: Period) {
  const days = ledgerByDay(db, period, `${period.from.slice(0, 7)}-01`, '9999-12-31', '');
  const months = new Map<string, { month: string; insurance: number; patient: number }>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    const m = months.get(month) ?? { month, insurance: 0, patient: 0 };
    months.set(month, {
      month,
      insurance: m.insurance + d.insurance,
      patient: m.patient + d.patient,
    });
  }
  return [...months.values()];
}

export function chargesIn(db: ReadDb, period: Period, from: string, to: string): number {
  return ledgerByDay(db, period, from, to, `'charge'`).reduce(
    (s, d) => s + d.insurance + d.patient,
    0,
  );
}

/** The first of the period's last 90 days, over which days in A/R averages the charges. */
export const last90Days = (period: Period): string =>
  new Date(toEpochDay(period.to) * 86_400_000 - 89 * 86_400_000).toISOString().slice(0, 10);

const bucketLabel = (key: AgingBucketKey) => AGING_BUCKETS.find((b) => b.key === key)?.label ?? key;

/**
 * Accounts receivable by age, insurance and patient side, by payer and financial class,
 * as the balances stand today; the month-end trend over the period; days in A/R.
 */
export function agingReport(db: ReadDb, period: Period): Report {
  const rows = bucketRows(db, period);
  const payers = new Map(
    all<{ id: number; name: string }>(db, `SELECT id, name FROM payers`).map((p) => [p.id, p.name]),
  );
  const ins = new Map<AgingBucketKey, number>();
  const pat = new Map<AgingBucketKey, number>();
  const byPayer = new Map<string, Map<AgingBucketKey, number>>();
  const byClass = new Map<string, Map<AgingBucketKey, number>>();
  const add = (m: Map<AgingBucketKey, number>, k: AgingBucketKey, v: number) =>
    m.set(k, (m.get(k) ?? 0) + v);
  const inner = (m: Map<string, Map<AgingBucketKey, number>>, k: string) => {
    const found = m.get(k) ?? new Map<AgingBucketKey, number>();
    m.set(k, found);
    return found;
  };
  let accounts = 0;
  for (const r of rows) {
    add(ins, r.bucket, r.insurance);
    add(pat, r.bucket, r.patient);
    const payer = r.payerId === null ? 'Self-pay (no coverage)' : (payers.get(r.payerId) ?? '');
    const klass = FINANCIAL_CLASS.labels[r.financialClass] ?? r.financialClass;
    add(inner(byPayer, payer), r.bucket, r.insurance + r.patient);
    add(inner(byClass, klass), r.bucket, r.insurance + r.patient);
    accounts += r.accounts;
  }
  const bucketCells = (m: Map<AgingBucketKey, number>): number[] => {
    const cells = AGING_BUCKET_KEYS.map((k) => m.get(k) ?? 0);
    return [...cells, cells.reduce((s, v) => s + v, 0)];
  };
  const columnTotals = (table: ReportCell[][], width: number): ReportCell[] =>
    Array.from({ length: width }, (_, i) =>
      i === 0 ? 'Total' : table.reduce((s, r) => s + Number(r[i]), 0),
    );
  const grid = (
    title: string,
    id: string,
    first: string,
    m: Map<string, Map<AgingBucketKey, number>>,
  ) => {
    const body: ReportCell[][] = [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, b]) => [name, ...bucketCells(b)]);
    return {
      id,
      title,
      columns: [
        { key: 'name', label: first, kind: 'text' as const },
        ...BUCKET_COLUMNS,
        { key: 'total', label: 'Total', kind: 'money' as const },
      ],
      rows: body,
      total: body.length ? columnTotals(body, BUCKET_COLUMNS.length + 2) : null,
    };
  };
  const bySide: ReportCell[][] = AGING_BUCKET_KEYS.map((k) => [
    bucketLabel(k),
    ins.get(k) ?? 0,
    pat.get(k) ?? 0,
    (ins.get(k) ?? 0) + (pat.get(k) ?? 0),
  ]);
  const sumOf = (m: Map<AgingBucketKey, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  const totalIns = sumOf(ins);
  const totalPat = sumOf(pat);

  // a month end's balance is today's less everything posted after that month
  const months = monthsBetween(period.from, period.to);
  const changes = monthlyChanges(db, period);
  const trend: ReportCell[][] = months.map((month) => {
    const later = changes.filter((c) => c.month > month);
    const insurance = totalIns - later.reduce((s, c) => s + c.insurance, 0);
    const patient = totalPat - later.reduce((s, c) => s + c.patient, 0);
    return [month, insurance, patient, insurance + patient];
  });
  const charges90 = chargesIn(db, period, last90Days(period), period.to);
  const endOfPeriod = trend.at(-1);
  const arAtTo = endOfPeriod ? Number(endOfPeriod[3]) : 0;
  const daysInAr = charges90 > 0 ? Math.round((arAtTo * 900) / charges90) / 10 : null;

  return {
    id: 'aging',
    title: REPORT_TITLES.aging,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'facility', 'payer', 'financialClass']),
    figures: [
      { label: 'Accounts receivable', kind: 'money', value: totalIns + totalPat },
      { label: 'Insurance', kind: 'money', value: totalIns },
      { label: 'Patient', kind: 'money', value: totalPat },
      { label: 'Accounts with a balance', kind: 'count', value: accounts },
      { label: 'Days in A/R', kind: 'days', value: daysInAr },
    ],
    tables: [
      {
        id: 'buckets',
        title: 'By age and side',
        columns: [
          { key: 'bucket', label: 'Days', kind: 'text' },
          { key: 'insurance', label: 'Insurance', kind: 'money' },
          { key: 'patient', label: 'Patient', kind: 'money' },
          { key: 'total', label: 'Total', kind: 'money' },
        ],
        rows: bySide,
        total: ['Total', totalIns, totalPat, totalIns + totalPat],
      },
      grid('By payer', 'payers', 'Payer', byPayer),
      grid('By financial class', 'classes', 'Financial class', byClass),
      {
        id: 'trend',
        title: 'Month-end balance',
        columns: [
          { key: 'month', label: 'Month', kind: 'month' },
          { key: 'insurance', label: 'Insurance', kind: 'money' },
          { key: 'patient', label: 'Patient', kind: 'money' },
          { key: 'total', label: 'Total', kind: 'money' },
        ],
        rows: trend,
        total: null,
      },
    ],
    chart: {
      tableId: 'buckets',
      kind: 'bar',
      stacked: true,
      x: 'bucket',
      series: ['insurance', 'patient'],
    },
    notes: [
      'Balances are as they stand today; each account is aged by the posting date of its oldest open amount.',
      'An account is reported under the payer of its first coverage; accounts with no coverage as self-pay.',
      'Days in A/R: the balance at the end of the period divided by the average daily charges of its last 90 days.',
    ],
  };
}
