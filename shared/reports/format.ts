import { formatUsDate, isIsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { formatCents, formatPlainCents } from '../money/format';
import { toCsv } from '../csv/write';
import type { CellKind, Report, ReportCell } from './model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A cell as a person reads it on screen and on paper. */
export function showCell(kind: CellKind, value: ReportCell): string {
  if (value === null) return '—';
  if (typeof value === 'string') {
    if (kind === 'date' && isIsoDate(value)) return formatUsDate(value);
    if (kind === 'month' && /^\d{4}-\d{2}$/.test(value))
      return `${MONTHS[Number(value.slice(5)) - 1]} ${value.slice(0, 4)}`;
    return value;
  }
  switch (kind) {
    case 'money':
      return formatCents(value as Cents);
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'days':
      return value.toFixed(1);
    default:
      return value.toLocaleString('en-US');
  }
}

/** A cell as a spreadsheet takes it: plain decimals, ISO dates, nothing for no value. */
export function fileCell(kind: CellKind, value: ReportCell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'money') return formatPlainCents(value as Cents);
  return String(value);
}

/** The rows of a report's CSV file: what it is, the filters, then each table with its header. */
export function reportFileRows(report: Report): string[][] {
  const rows: string[][] = [
    [report.title],
    ['As of', report.asOf],
    ...report.filtersUsed.map((f) => [f.label, f.value]),
    [],
    ...report.figures.map((f) => [f.label, fileCell(f.kind, f.value)]),
  ];
  for (const t of report.tables) {
    rows.push(
      [],
      [t.title],
      t.columns.map((c) => c.label),
    );
    for (const r of t.rows) rows.push(r.map((v, i) => fileCell(t.columns[i]?.kind ?? 'text', v)));
    if (t.total) rows.push(t.total.map((v, i) => fileCell(t.columns[i]?.kind ?? 'text', v)));
  }
  return rows;
}

/** The CSV text of a report, with the byte order mark Excel needs for accented names. */
export function reportCsv(report: Report): string {
  return toCsv(reportFileRows(report), { bom: true });
}

/** `aging-2026-03-16.csv` */
export function reportFileName(report: Report, ext: 'csv' | 'pdf'): string {
  return `${report.id}-report-${report.asOf}.${ext}`;
}
