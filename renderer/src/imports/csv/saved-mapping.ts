import type { CsvMapping } from '../../../../shared/api/csv';
import {
  applicableColumns,
  columnProblems,
  type CsvColumns,
} from '../../../../shared/csv/account-fields';

/** Whether two mappings put the same fields on the same columns, in any order. */
export const sameColumns = (a: CsvColumns, b: CsvColumns) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The saved mapping that fits a file best: all its columns present, and the most of them. */
export function bestMapping(
  mappings: readonly CsvMapping[],
  headers: readonly string[],
): CsvMapping | undefined {
  const fitting = mappings.filter(
    (m) =>
      columnProblems(applicableColumns(m.columns, headers), headers).length === 0 &&
      sameColumns(applicableColumns(m.columns, headers), m.columns),
  );
  return fitting.sort((a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length)[0];
}
