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

export const PLAN_STANDINGS = [
  ['current', 'Active, current'],
  ['delinquent', 'Active, delinquent'],
  ['broken', 'Broken'],
  ['paid_off', 'Paid off'],
  ['cancelled', 'Cancelled'],
] as const;
type Standing = (typeof PLAN_STANDINGS)[number][0];

export interface PlanFigures {
  standing: Standing;
  startMonth: string;
  scheduled: number;
  expected: number;
  received: number;
}

/**
 * Each plan begun in the period: what it schedules, what fell due by the end of the
 * period (or today, if sooner) and what the patient has paid since it began.
 */
export function planFigures(db: ReadDb, period: Period): PlanFigures[] {
  const cond = accountConditions(period);
  if (period.userId) {
    cond.sql.push('p.created_by = ?');
    cond.params.push(period.userId);
  }
  const dueBy = period.to < period.today ? period.to : period.today;
  return all<PlanFigures>(
    db,
    `SELECT CASE WHEN p.status = 'active' AND p.delinquent = 1 THEN 'delinquent'
             WHEN p.status = 'active' THEN 'current' ELSE p.status END AS standing,
        substr(p.start_date, 1, 7) AS startMonth,
        (SELECT sum(i.amount) FROM plan_installments i WHERE i.plan_id = p.id) AS scheduled,
        (SELECT ifnull(sum(i.amount), 0) FROM plan_installments i
          WHERE i.plan_id = p.id AND i.due_date <= ?) AS expected,
        max(0, (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l
          WHERE l.account_id = p.account_id AND l.side = 'patient' AND l.kind = 'payment')
          - p.paid_before) AS received
       FROM payment_plans p JOIN accounts a ON a.id = p.account_id
      WHERE p.start_date BETWEEN ? AND ?${where(cond)}`,
    dueBy,
    period.from,
    period.to,
    ...cond.params,
  );
}

/** Plans begun in the period by standing today, and what they expected against what came in. */
export function plansReport(db: ReadDb, period: Period): Report {
  const plans = planFigures(db, period);
  const by = new Map<Standing, [number, number, number, number]>();
  const months = new Map<string, [number, number, number]>();
  for (const p of plans) {
    const t = by.get(p.standing) ?? [0, 0, 0, 0];
    by.set(p.standing, [t[0] + 1, t[1] + p.scheduled, t[2] + p.expected, t[3] + p.received]);
    const m = months.get(p.startMonth) ?? [0, 0, 0];
    months.set(p.startMonth, [m[0] + 1, m[1] + p.expected, m[2] + p.received]);
  }
  const rows: ReportCell[][] = PLAN_STANDINGS.map(([k, label]) => {
    const [n, scheduled, expected, received] = by.get(k) ?? [0, 0, 0, 0];
    return [label, n, scheduled, expected, received, percent(received, expected)];
  });
  const sum = (i: 1 | 2 | 3 | 4) => rows.reduce((s, r) => s + Number(r[i]), 0);
  const expected = sum(3);
  const received = sum(4);
  const count = (s: Standing) => by.get(s)?.[0] ?? 0;
  const active = count('current') + count('delinquent');
  return {
    id: 'plans',
    title: REPORT_TITLES.plans,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'facility', 'payer', 'financialClass', 'user']),
    figures: [
      { label: 'Plans begun', kind: 'count', value: plans.length },
      { label: 'Active', kind: 'count', value: active },
      { label: 'Delinquent', kind: 'count', value: count('delinquent') },
      { label: 'Broken', kind: 'count', value: count('broken') },
      { label: 'Expected', kind: 'money', value: expected },
      { label: 'Received', kind: 'money', value: received },
    ],
    tables: [
      {
        id: 'standing',
        title: 'By standing today',
        columns: [
          { key: 'standing', label: 'Standing', kind: 'text' },
          { key: 'plans', label: 'Plans', kind: 'count' },
          { key: 'scheduled', label: 'Scheduled', kind: 'money' },
          { key: 'expected', label: 'Expected', kind: 'money' },
          { key: 'received', label: 'Received', kind: 'money' },
          { key: 'share', label: 'Received of expected', short: 'Received %', kind: 'percent' },
        ],
        rows,
        total: ['Total', plans.length, sum(2), expected, received, percent(received, expected)],
      },
      {
        id: 'months',
        title: 'By month begun',
        columns: [
          { key: 'month', label: 'Month', kind: 'month' },
          { key: 'plans', label: 'Plans', kind: 'count' },
          { key: 'expected', label: 'Expected', kind: 'money' },
          { key: 'received', label: 'Received', kind: 'money' },
        ],
        rows: monthsBetween(period.from, period.to).map((m) => {
          const [n, e, r] = months.get(m) ?? [0, 0, 0];
          return [m, n, e, r];
        }),
        total: ['Total', plans.length, expected, received],
      },
    ],
    chart: {
      tableId: 'standing',
      kind: 'bar',
      stacked: false,
      x: 'standing',
      series: ['expected', 'received'],
    },
    notes: [
      'Plans begun in the period, in their standing today.',
      'Expected: installments due by the end of the period (or today, if sooner). Received: patient payments on the account since the plan began.',
    ],
  };
}
