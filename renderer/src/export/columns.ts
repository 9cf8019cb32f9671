import type { IsoDate } from '../../../shared/dates/iso-date';
import type { Cents } from '../../../shared/money/cents';
import { formatPlainCents } from '../../../shared/money/format';

/**
 * One column of an exported list: the header the screen shows over it and the cell's
 * text. Files carry plain values a spreadsheet can compute with: amounts as plain
 * decimals (1234.50), dates as YYYY-MM-DD, counts as numbers.
 */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string;
}

export const dateCell = (d: IsoDate | null): string => d ?? '';
export const moneyCell = (c: Cents): string => formatPlainCents(c);

/** The header row and one row per item, ready for toCsv. */
export function exportTable<T>(
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
): string[][] {
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
}
