import {
  APPEAL_LEVEL,
  DENIAL_CATEGORY,
  type AppealLevel,
  type DenialCategory,
} from '../../shared/codes/denials';
import type { Report, ReportCell, ReportColumn } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import { accountConditions, filtersUsed, percent, where, type Period } from './filters';

export interface AppealRow {
  level: AppealLevel;
  category: DenialCategory;
  payerName: string;
  outcome: 'pending' | 'won' | 'partly_won' | 'upheld' | 'other';
  days: number | null;
  recovered: number;
}

/**
 * Appeal letters marked sent in the period, with their denial's outcome. Money recovered
 * is what the payer paid on the claim from the day the appeal was sent.
 */
export function appealRows(db: ReadDb, period: Period): AppealRow[] {
  const cond = accountConditions(period, 'c.payer_id');
  if (period.category) {
    cond.sql.push('d.category = ?');
    cond.params.push(period.category);
  }
  if (period.userId) {
    cond.sql.push('doc.sent_by = ?');
    cond.params.push(period.userId);
  }
  return all<AppealRow>(
    db,
    `SELECT d.appeal_level AS level, d.category, p.name AS payerName,
        CASE WHEN d.state <> 'resolved' THEN 'pending'
             WHEN d.resolution = 'paid' THEN 'won'
             WHEN d.resolution = 'partly_paid' THEN 'partly_won'
             WHEN d.resolution = 'upheld' THEN 'upheld' ELSE 'other' END AS outcome,
        CASE WHEN d.state = 'resolved'
             THEN max(0, CAST(julianday(substr(d.updated_at, 1, 10)) - julianday(doc.sent_date) AS INTEGER))
        END AS days,
        (SELECT ifnull(-sum(l.amount), 0) FROM ledger_entries l
          WHERE l.claim_id = d.claim_id AND l.kind = 'payment' AND l.side = 'insurance'
            AND l.posting_date >= doc.sent_date) AS recovered
       FROM documents doc JOIN denials d ON d.id = doc.denial_id
       JOIN claims c ON c.id = d.claim_id JOIN accounts a ON a.id = c.account_id
       JOIN payers p ON p.id = c.payer_id
      WHERE doc.kind = 'appeal' AND doc.sent_date BETWEEN ? AND ?${where(cond)}`,
    period.from,
    period.to,
    ...cond.params,
  );
}

const OUTCOME_COLUMNS: ReportColumn[] = [
  { key: 'sent', label: 'Sent', kind: 'count' },
  { key: 'won', label: 'Won', kind: 'count' },
  { key: 'partly', label: 'Partly won', kind: 'count' },
  { key: 'upheld', label: 'Upheld', kind: 'count' },
  { key: 'pending', label: 'Pending', kind: 'count' },
  { key: 'days', label: 'Average days to decision', short: 'Avg. days', kind: 'days' },
  { key: 'recovered', label: 'Recovered', kind: 'money' },
];

function outcomes(rows: readonly AppealRow[]): ReportCell[] {
  const n = (o: AppealRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  const decided = rows.filter((r) => r.days !== null);
  const days = decided.length
    ? Math.round((decided.reduce((s, r) => s + (r.days ?? 0), 0) * 10) / decided.length) / 10
    : null;
  return [
    rows.length,
    n('won'),
    n('partly_won'),
    n('upheld'),
    n('pending'),
    days,
    rows.reduce((s, r) => s + r.recovered, 0),
  ];
}

function grouped(rows: readonly AppealRow[], key: (r: AppealRow) => string): ReportCell[][] {
  const groups = new Map<string, AppealRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, g]) => [name, ...outcomes(g)]);
}

/** Appeals sent in the period by level, category and payer: outcomes, days and money. */
export function appealsReport(db: ReadDb, period: Period): Report {
  const rows = appealRows(db, period);
  const total = outcomes(rows);
  const table = (id: string, title: string, first: string, key: (r: AppealRow) => string) => ({
    id,
    title,
    columns: [{ key: 'name', label: first, kind: 'text' as const }, ...OUTCOME_COLUMNS],
    rows: grouped(rows, key),
    total: ['Total', ...total],
  });
  const won = Number(total[1]) + Number(total[2]);
  return {
    id: 'appeals',
    title: REPORT_TITLES.appeals,
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
      { label: 'Appeals sent', kind: 'count', value: rows.length },
      { label: 'Won in full or in part', kind: 'count', value: won },
      { label: 'Success rate', kind: 'percent', value: percent(won, won + Number(total[3])) },
      { label: 'Average days to decision', kind: 'days', value: total[5] ?? null },
      { label: 'Recovered', kind: 'money', value: total[6] ?? 0 },
    ],
    tables: [
      table('levels', 'By level', 'Level', (r) => APPEAL_LEVEL.labels[r.level]),
      table('categories', 'By category', 'Category', (r) => DENIAL_CATEGORY.labels[r.category]),
      table('payers', 'By payer', 'Payer', (r) => r.payerName),
    ],
    chart: {
      tableId: 'categories',
      kind: 'bar',
      stacked: true,
      x: 'name',
      series: ['won', 'partly', 'upheld', 'pending'],
    },
    notes: [
      'Appeal letters marked sent in the period; the level is the denial’s level now.',
      'Days to decision: from the day the appeal was sent to the day its denial was marked resolved.',
      'Recovered: insurance payments posted to the claim from the day the appeal was sent.',
      'Success rate: appeals won in full or in part over the appeals decided (won, partly won or upheld).',
    ],
  };
}
