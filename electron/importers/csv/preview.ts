import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CsvPreview, CsvPreviewRow } from '../../../shared/api/csv';
import { CSV_FIELD_KEYS, type CsvFieldKey } from '../../../shared/csv/account-fields';
import { sumCents } from '../../../shared/money/cents';
import type { ReadCtx } from '../../core/context';
import { assessRows, readMappedFile, type AssessedRow, type MappedFile } from './assess';

/** Rows with problems listed beyond the first rows, so a bad row deep in the file is seen too. */
const PROBLEM_ROWS = 100;

function previewRow(file: MappedFile, { record, outcome }: AssessedRow): CsvPreviewRow {
  const cells: Partial<Record<CsvFieldKey, string>> = {};
  for (const key of CSV_FIELD_KEYS) {
    const i = file.indexes[key];
    if (i !== undefined) cells[key] = (record.cells[i] ?? '').trim();
  }
  if (outcome.status !== 'valid')
    return {
      rowNumber: record.rowNumber,
      status: outcome.status,
      cells,
      reading: null,
      problems: outcome.problems,
    };
  const a = outcome.account;
  return {
    rowNumber: record.rowNumber,
    status: 'valid',
    cells,
    reading: {
      accountNumber: a.accountNumber,
      patientName: `${a.patient.lastName}, ${a.patient.firstName}`,
      dateOfBirth: a.patient.dateOfBirth,
      serviceDate: a.serviceDate,
      payerCode: a.coverage?.payerCode ?? null,
      insuranceBalance: a.insuranceBalance,
      patientBalance: a.patientBalance,
    },
    problems: [],
  };
}

/**
 * What importing the file with this mapping would do, without writing anything: every
 * row is read and checked as the import would, the first rows are shown, and the counts
 * and totals cover the whole file. Open to every user; importing is for supervisors.
 */
export function previewCsvImport(
  ctx: ReadCtx,
  input: ParsedInputOf<'previewCsvImport'>,
): CsvPreview {
  const file = readMappedFile(input.text, input.columns);
  const rows = assessRows(ctx.db, ctx.clock.today(), file);
  const valid = rows.flatMap((r) => (r.outcome.status === 'valid' ? [r.outcome.account] : []));
  const problemRows: CsvPreviewRow[] = [];
  for (const r of rows.slice(input.rows)) {
    if (problemRows.length >= PROBLEM_ROWS) break;
    if (r.outcome.status !== 'valid') problemRows.push(previewRow(file, r));
  }
  return {
    fileName: input.fileName,
    headers: file.table.headers,
    rowCount: rows.length,
    validCount: valid.length,
    invalidCount: rows.filter((r) => r.outcome.status === 'invalid').length,
    skipCount: rows.filter((r) => r.outcome.status === 'skip').length,
    insuranceTotal: sumCents(valid.map((a) => a.insuranceBalance)),
    patientTotal: sumCents(valid.map((a) => a.patientBalance)),
    rows: rows.slice(0, input.rows).map((r) => previewRow(file, r)),
    problemRows,
  };
}
