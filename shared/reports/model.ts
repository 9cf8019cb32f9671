import type { IsoDate } from '../dates/iso-date';

/**
 * A report as every screen, file and printout shows it: headline figures, tables and one
 * chart drawn from one of the tables. One shape for all reports keeps the screen, the CSV
 * file and the PDF saying the same figures, since all three are made from this.
 */
export const REPORT_IDS = [
  'aging',
  'denials',
  'cash',
  'plans',
  'appeals',
  'productivity',
  'collections',
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const REPORT_TITLES: Record<ReportId, string> = {
  aging: 'Accounts receivable aging',
  denials: 'Denials',
  cash: 'Cash',
  plans: 'Payment plans',
  appeals: 'Appeal outcomes',
  productivity: 'Productivity',
  collections: 'Collections',
};

/** How a column's numbers read: money is integer cents, percent is a number like 12.5. */
export type CellKind = 'text' | 'date' | 'month' | 'count' | 'money' | 'percent' | 'days';
export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  kind: CellKind;
  /** A shorter header for the printed page, where a wide table's columns are narrow. */
  short?: string;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** The totals row, when adding the column up means something. */
  total: ReportCell[] | null;
  /** What an empty table says instead; "Nothing in this period." when not given. */
  empty?: string;
}

export interface ReportFigure {
  label: string;
  kind: CellKind;
  value: ReportCell;
}

/** A chart is a picture of one table: its x column and the columns drawn as series. */
export interface ReportChart {
  tableId: string;
  kind: 'bar' | 'line';
  stacked: boolean;
  x: string;
  series: string[];
}

export interface Report {
  id: ReportId;
  title: string;
  /** The day the figures were read (the clock's today). */
  asOf: IsoDate;
  /** The filters as a person reads them, for the printout and the file. */
  filtersUsed: { label: string; value: string }[];
  figures: ReportFigure[];
  tables: ReportTable[];
  chart: ReportChart | null;
  /** What the figures mean and what they leave out. */
  notes: string[];
}
