import { invalid } from '../../../shared/api/errors';
import {
  columnIndexes,
  columnProblems,
  type CsvColumns,
  type CsvFieldKey,
} from '../../../shared/csv/account-fields';
import { readCsv, type CsvRecord, type CsvTable } from '../../../shared/csv/read';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { ReadDb } from '../../db/open';
import { accountNumberCell, readRow, type PayerRef, type RowOutcome } from './rows';
import { all, prepare } from '../../db/query';

/** A file read and checked against its mapping, ready to be assessed row by row. */
export interface MappedFile {
  table: CsvTable;
  indexes: Partial<Record<CsvFieldKey, number>>;
}

export interface AssessedRow {
  record: CsvRecord;
  outcome: RowOutcome;
}

/**
 * Reads the file and checks the mapping fits it. Anything that stops the whole file (it
 * cannot be read, a required field has no column, no rows) refuses the request, so
 * nothing is filed or written.
 */
export function readMappedFile(text: string, columns: CsvColumns): MappedFile {
  const reading = readCsv(text);
  if (!reading.ok) throw invalid(reading.problem, 'text');
  const { table } = reading;
  const problems = columnProblems(columns, table.headers);
  if (problems.length > 0) throw invalid(problems.join(' '), 'columns');
  if (table.rows.length === 0)
    throw invalid('The file has a header row but no rows under it.', 'text');
  return { table, indexes: columnIndexes(columns, table.headers) };
}

/** Every row of the file read against the database as it is now (payers, accounts). */
export function assessRows(db: ReadDb, today: IsoDate, file: MappedFile): AssessedRow[] {
  const { table, indexes } = file;
  const payers = all<PayerRef>(
    db,
    `SELECT id, payer_code AS code, financial_class AS financialClass FROM payers`,
  );
  const byCode = new Map(payers.map((p) => [p.code, p]));
  // codes are matched exactly first; a spreadsheet's "bcbs" still finds "BCBS"
  const byUpperCode = new Map(payers.map((p) => [p.code.toUpperCase(), p]));
  const exists = prepare(db, `SELECT 1 FROM accounts WHERE account_number = ?`);

  const rowsByAccount = new Map<string, number[]>();
  for (const record of table.rows) {
    const number = accountNumberCell(record, indexes.accountNumber);
    if (number === '') continue;
    const list = rowsByAccount.get(number);
    if (list) list.push(record.rowNumber);
    else rowsByAccount.set(number, [record.rowNumber]);
  }

  const context = {
    today,
    headerCount: table.headers.length,
    indexes,
    headers: table.headers,
    findPayer: (code: string) => byCode.get(code) ?? byUpperCode.get(code.toUpperCase()),
    accountExists: (accountNumber: string) => exists.get(accountNumber) !== undefined,
    rowsOfAccount: (accountNumber: string) => rowsByAccount.get(accountNumber) ?? [],
  };
  return table.rows.map((record) => ({ record, outcome: readRow(record, context) }));
}
