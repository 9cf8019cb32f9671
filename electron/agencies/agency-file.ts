import { ApiError, invalid } from '../../shared/api/errors';
import { normalizeHeader } from '../../shared/csv/account-fields';
import { readCsv, type CsvRecord } from '../../shared/csv/read';
import { unguardCell } from '../../shared/csv/write';
import { plural } from '../../shared/text/count';

/** A row problem as the screen lists it: the file's row number a spreadsheet shows. */
export interface RowProblem {
  path: string;
  message: string;
}

/**
 * Reads a file an agency sends (or a recall list): a header row, then one row each. Each
 * field is found by the names agencies use for it; a file missing one is refused whole.
 */
export function readAgencyFile<F extends string>(
  text: string,
  fields: Record<F, { label: string; names: readonly string[] }>,
): { rows: CsvRecord[]; cell: (row: CsvRecord, field: F) => string } {
  const reading = readCsv(text);
  if (!reading.ok) throw invalid(reading.problem, 'text');
  const headers = reading.table.headers.map(normalizeHeader);
  const index = {} as Record<F, number>;
  const missing: string[] = [];
  for (const key of Object.keys(fields) as F[]) {
    const field = fields[key];
    const at = headers.findIndex((h) => field.names.includes(h));
    if (at < 0) missing.push(`${field.label} (a column named ${field.names[0] ?? key})`);
    index[key] = at;
  }
  if (missing.length > 0) {
    throw invalid(`The file has no column for ${missing.join(', ')}.`, 'text');
  }
  if (reading.table.rows.length === 0)
    throw invalid('The file has no rows under its header.', 'text');
  return {
    rows: reading.table.rows,
    cell: (row, field) => unguardCell((row.cells[index[field]] ?? '').trim()),
  };
}

/** Refuses the whole file when any row has a problem, naming each; nothing is written. */
export function refuseRows(problems: readonly RowProblem[], rows: number, verb: string): void {
  if (problems.length === 0) return;
  const bad = new Set(problems.map((p) => p.path)).size;
  throw new ApiError({
    code: 'invalid_input',
    message: `${plural(bad, 'row')} of ${rows} cannot be ${verb}; nothing was ${verb}.`,
    details: [...problems],
  });
}

export const ACCOUNT_NAMES = ['account', 'accountnumber', 'account#', 'acct', 'acct#', 'accountno'];
