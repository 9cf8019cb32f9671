import { BATCH_SOURCE, PAYMENT_METHOD, type PaymentMethod } from '../../shared/codes/enums';
import type { Report, ReportCell, ReportColumn, ReportTable } from '../../shared/reports/model';
import { REPORT_TITLES } from '../../shared/reports/model';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';
import { batchNumberSql } from '../batches/number';
import { FACILITY_ACCOUNT_LABELS, type FacilityAccount } from '../importers/remittance/plb';
import { daysBetween } from '../../shared/dates/iso-date';
import { filtersUsed, monthsBetween, totalsConditions, where, type Period } from './filters';

interface MoneyGroup {
  day: string;
  kind: 'patient_payment' | 'insurance_payment' | 'refund';
  /** How it was paid, when it came in as a receipt; '' when only the ledger holds it. */
  method: PaymentMethod | '';
  payerName: string | null;
  /** Money in for payments (net of reversals), money out for refunds. */
  amount: number;
}

/**
 * Payments and refunds as the ledger holds them, grouped by day, side, method and payer:
 * the ledger is the record of money, and receipts only add how it was paid. Read from the
 * day totals the ledger's trigger keeps (migrations 34 and 35), which hold each money row's payer,
 * its receipt's method, who posted it and the account's financial class and facility.
 */
export function moneyGroups(db: ReadDb, period: Period): MoneyGroup[] {
  const cond = totalsConditions(period, { payer: true, user: true });
  return all<MoneyGroup>(
    db,
    `SELECT t.posting_date AS day,
        CASE WHEN t.kind = 'refund' THEN 'refund'
             WHEN t.side = 'patient' THEN 'patient_payment' ELSE 'insurance_payment' END AS kind,
        t.method, p.name AS payerName,
        CASE WHEN t.kind = 'refund' THEN sum(t.amount) ELSE -sum(t.amount) END AS amount
       FROM ledger_day_totals t LEFT JOIN payers p ON p.id = t.payer_id
      WHERE t.kind IN ('payment', 'refund') AND t.posting_date BETWEEN ? AND ?${where(cond)}
      GROUP BY t.posting_date, t.kind, t.side, t.method, t.payer_id`,
    period.from,
    period.to,
    ...cond.params,
  );
}

export function batches(db: ReadDb, period: Period): ReportCell[][] {
  return all<{
    number: string;
    day: string;
    source: keyof typeof BATCH_SOURCE.labels;
    status: string;
    expected: number;
    posted: number;
  }>(
    db,
    `SELECT ${batchNumberSql('b')} AS number, b.deposit_date AS day, b.source, b.status, b.expected_total AS expected,
        (SELECT ifnull(sum(r.amount), 0) FROM receipts r
          WHERE r.batch_id = b.id AND r.kind <> 'refund') AS posted
       FROM deposit_batches b WHERE b.deposit_date BETWEEN ? AND ? ORDER BY b.deposit_date, b.id`,
    period.from,
    period.to,
  ).map((b) => [
    `Batch ${b.number}`,
    b.day,
    BATCH_SOURCE.labels[b.source] ?? b.source,
    b.status === 'open' ? 'Open' : 'Closed',
    b.expected,
    b.posted,
    b.posted - b.expected,
  ]);
}

export function providerAdjustments(db: ReadDb, period: Period): ReportCell[][] {
  return all<{ account: FacilityAccount; amount: number; n: number }>(
    db,
    `SELECT account, sum(amount) AS amount, count(*) AS n FROM facility_ledger
      WHERE posting_date BETWEEN ? AND ? GROUP BY account ORDER BY account`,
    period.from,
    period.to,
  ).map((r) => [FACILITY_ACCOUNT_LABELS[r.account] ?? r.account, r.n, r.amount]);
}

const sum = (rows: readonly MoneyGroup[]) => rows.reduce((s, r) => s + r.amount, 0);

/**
 * Money by a period (a month or a day): patient and insurance payments, refunds and the net,
 * each row [period, patient, insurance, refunds, net], with the column totals under them.
 */
function netTable(
  id: string,
  title: string,
  first: ReportColumn,
  rows: ReportCell[][],
): ReportTable {
  const total = (i: number) => rows.reduce((s, r) => s + Number(r[i]), 0);
  return {
    id,
    title,
    columns: [
      first,
      { key: 'patient', label: 'Patient', kind: 'money' },
      { key: 'insurance', label: 'Insurance', kind: 'money' },
      { key: 'refunds', label: 'Refunds', kind: 'money' },
      { key: 'net', label: 'Net', kind: 'money' },
    ],
    rows,
    total: ['Total', total(1), total(2), total(3), total(4)],
  };
}

/**
 * Money received in the period by day, method and payer, net of reversals; refunds paid
 * out; deposit batches posted against what was deposited; provider-level adjustments.
 */
export function cashReport(db: ReadDb, period: Period): Report {
  const groups = moneyGroups(db, period);
  const payments = groups.filter((g) => g.kind !== 'refund');
  const refunds = groups.filter((g) => g.kind === 'refund');
  const patient = sum(payments.filter((g) => g.kind === 'patient_payment'));
  const insurance = sum(payments.filter((g) => g.kind === 'insurance_payment'));
  const refunded = sum(refunds);

  const days = new Map<string, [number, number, number]>();
  for (const g of groups) {
    const d = days.get(g.day) ?? [0, 0, 0];
    d[g.kind === 'patient_payment' ? 0 : g.kind === 'insurance_payment' ? 1 : 2] += g.amount;
    days.set(g.day, d);
  }
  const byDay: ReportCell[][] = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, [p, i, r]]) => [day, p, i, r, p + i - r]);

  const monthRows: ReportCell[][] = monthsBetween(period.from, period.to).map((m) => {
    const [p, i, r] = byDay
      .filter((d) => String(d[0]).startsWith(m))
      .reduce<[number, number, number]>(
        (t, d) => [t[0] + Number(d[1]), t[1] + Number(d[2]), t[2] + Number(d[3])],
        [0, 0, 0],
      );
    return [m, p, i, r, p + i - r];
  });
  // a day a bar reads well for a month or two; a longer period is charted by month
  const long = daysBetween(period.from, period.to) > 62;

  const methods = new Map<PaymentMethod | '', [number, number]>();
  for (const g of groups) {
    const m = methods.get(g.method) ?? [0, 0];
    m[g.kind === 'refund' ? 1 : 0] += g.amount;
    methods.set(g.method, m);
  }
  const byMethod: ReportCell[][] = [...PAYMENT_METHOD.keys, '' as const]
    .filter((k) => methods.has(k))
    .map((k) => {
      const [paid, out] = methods.get(k) ?? [0, 0];
      return [
        k ? PAYMENT_METHOD.labels[k] : 'Not recorded (posted without a receipt)',
        paid,
        out,
        paid - out,
      ];
    });

  const payers = new Map<string, number>();
  for (const g of payments) {
    const name =
      g.kind === 'patient_payment'
        ? 'Patients and guarantors'
        : (g.payerName ?? 'Insurance (payer not named)');
    payers.set(name, (payers.get(name) ?? 0) + g.amount);
  }
  const byPayer: ReportCell[][] = [...payers.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, amt]) => [name, amt]);
  const batchRows = batches(db, period);
  const plb = providerAdjustments(db, period);
  const plbTotal = plb.reduce((s, r) => s + Number(r[2]), 0);

  return {
    id: 'cash',
    title: REPORT_TITLES.cash,
    asOf: period.today,
    filtersUsed: filtersUsed(db, period, ['period', 'facility', 'payer', 'financialClass', 'user']),
    figures: [
      { label: 'Collections', kind: 'money', value: patient + insurance },
      { label: 'Patient payments', kind: 'money', value: patient },
      { label: 'Insurance payments', kind: 'money', value: insurance },
      { label: 'Refunds paid out', kind: 'money', value: refunded },
      { label: 'Provider-level adjustments', kind: 'money', value: plbTotal },
    ],
    tables: [
      netTable('months', 'By month', { key: 'month', label: 'Month', kind: 'month' }, monthRows),
      netTable('days', 'By day', { key: 'day', label: 'Date', kind: 'date' }, byDay),
      {
        id: 'methods',
        title: 'By method',
        columns: [
          { key: 'method', label: 'Method', kind: 'text' },
          { key: 'payments', label: 'Payments', kind: 'money' },
          { key: 'refunds', label: 'Refunds', kind: 'money' },
          { key: 'net', label: 'Net', kind: 'money' },
        ],
        rows: byMethod,
        total: ['Total', patient + insurance, refunded, patient + insurance - refunded],
      },
      {
        id: 'payers',
        title: 'By payer',
        columns: [
          { key: 'payer', label: 'From', kind: 'text' },
          { key: 'amount', label: 'Payments', kind: 'money' },
        ],
        rows: byPayer,
        total: ['Total', patient + insurance],
      },
      {
        id: 'batches',
        title: 'Deposit batches: posted against deposited',
        columns: [
          { key: 'batch', label: 'Batch', kind: 'text' },
          { key: 'day', label: 'Deposit date', kind: 'date' },
          { key: 'source', label: 'Source', kind: 'text' },
          { key: 'status', label: 'Status', kind: 'text' },
          { key: 'deposited', label: 'Deposited', kind: 'money' },
          { key: 'posted', label: 'Posted', kind: 'money' },
          { key: 'difference', label: 'Difference', kind: 'money' },
        ],
        rows: batchRows,
        total: null,
      },
      {
        id: 'plb',
        title: 'Provider-level adjustments',
        columns: [
          { key: 'account', label: 'Facility account', kind: 'text' },
          { key: 'count', label: 'Entries', kind: 'count' },
          { key: 'amount', label: 'Amount', kind: 'money' },
        ],
        rows: plb,
        total: ['Total', plb.reduce((s, r) => s + Number(r[1]), 0), plbTotal],
      },
    ],
    chart: {
      tableId: long ? 'months' : 'days',
      kind: 'bar',
      stacked: true,
      x: 'day',
      series: ['patient', 'insurance'],
    },
    notes: [
      'Payments are net of reversals, from the ledger, on their posting date; refunds are money paid back out. The method is known for payments posted from a receipt.',
      'Batches and provider-level adjustments cover the period whatever the other filters say.',
      'Provider-level adjustments are money to the facility: interest paid is positive, money taken back negative.',
    ],
  };
}
