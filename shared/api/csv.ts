import { z } from 'zod';
import { CSV_FIELD_KEYS, type CsvColumns, type CsvFieldKey } from '../csv/account-fields';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { id, none, optionalText, requiredText } from './fields';
import { MAX_IMPORT_CHARACTERS, type ImportStatus } from './imports';
import { long, read, supervisor, write, type MethodGroup } from './method';

/** Spreadsheet (CSV) account imports and their saved column mappings. */

/** Rows shown in a preview unless asked for more; counts always cover the whole file. */
export const PREVIEW_ROWS = 20;

const header = z
  .string({ error: 'A column is named by its header text.' })
  .trim()
  .min(1, 'A column is named by its header text.')
  .max(200, 'A column header is at most 200 characters.');

/** ClaimDesk field → the header of the file's column that holds it. */
export const csvColumnsInput = z.partialRecord(z.enum(CSV_FIELD_KEYS), header, {
  error: (issue) =>
    issue.code === 'invalid_type'
      ? 'The column mapping is missing.'
      : 'The column mapping names a field ClaimDesk does not have.',
});

const fileText = z
  .string({ error: 'The file content is missing.' })
  .min(1, 'The file is empty.')
  .max(MAX_IMPORT_CHARACTERS, 'The file is larger than 50 MB; split it into smaller files.');

export const saveCsvMappingInput = z.strictObject({
  name: requiredText('Mapping name', 80),
  columns: csvColumnsInput,
});

export const deleteCsvMappingInput = z.strictObject({ mappingId: id('Mapping') });

export const previewCsvImportInput = z.strictObject({
  fileName: requiredText('File name', 260),
  text: fileText,
  columns: csvColumnsInput,
  rows: z.number().int().min(1).max(200).default(PREVIEW_ROWS),
});

export const importCsvInput = z.strictObject({
  fileName: requiredText('File name', 260),
  text: fileText,
  columns: csvColumnsInput,
  /** The saved mapping used, named in the account history; null when mapped by hand. */
  mappingName: optionalText('Mapping name', 80),
});

export interface CsvMapping {
  id: number;
  name: string;
  columns: CsvColumns;
  updatedAt: string;
  updatedBy: string;
}

export interface CsvMappingList {
  mappings: CsvMapping[];
  /** Whether the signed-in user may save mappings and import (supervisors only). */
  canImport: boolean;
}

/**
 * valid: would be imported; invalid: has problems and would be written to the rejected
 * rows; skip: its account number is already in ClaimDesk, so it is left alone.
 */
export type CsvRowStatus = 'valid' | 'invalid' | 'skip';

/** What ClaimDesk read from a row it would import. */
export interface CsvRowReading {
  accountNumber: string;
  patientName: string;
  dateOfBirth: IsoDate | null;
  serviceDate: IsoDate;
  payerCode: string | null;
  insuranceBalance: Cents;
  patientBalance: Cents;
}

export interface CsvPreviewRow {
  rowNumber: number;
  status: CsvRowStatus;
  /** The mapped cells as the file has them. */
  cells: Partial<Record<CsvFieldKey, string>>;
  /** Set for a valid row. */
  reading: CsvRowReading | null;
  /** Why an invalid row is refused or a row is skipped. */
  problems: string[];
}

export interface CsvPreview {
  fileName: string;
  headers: string[];
  /** Rows under the header, blank rows not counted. */
  rowCount: number;
  validCount: number;
  invalidCount: number;
  skipCount: number;
  /** Opening balances of the valid rows. */
  insuranceTotal: Cents;
  patientTotal: Cents;
  /** The first rows of the file. */
  rows: CsvPreviewRow[];
  /** Rows past the first ones that would be rejected or skipped (the first hundred of them). */
  problemRows: CsvPreviewRow[];
}

export interface CsvImportReport {
  importId: number;
  fileName: string;
  status: ImportStatus;
  summary: string;
  imported: number;
  skipped: number;
  rejected: number;
  insuranceTotal: Cents;
  patientTotal: Cents;
  /** The first skipped rows, with their account numbers. */
  skippedRows: { rowNumber: number; accountNumber: string }[];
  /** The rejected rows as CSV: the file's own columns plus "Error"; null when none. */
  rejectedCsv: string | null;
  /** A name to save rejectedCsv under, beside the original. */
  rejectedFileName: string | null;
  /** When the very same file was imported before. */
  importedBefore: { importedAt: string; fileName: string } | null;
}

export const csvMethods = {
  listCsvMappings: read<CsvMappingList>()(none),
  saveCsvMapping: write<CsvMappingList>()(
    saveCsvMappingInput,
    supervisor('save a spreadsheet mapping'),
  ),
  deleteCsvMapping: write<CsvMappingList>()(
    deleteCsvMappingInput,
    supervisor('delete a spreadsheet mapping'),
  ),
  previewCsvImport: read<CsvPreview>()(previewCsvImportInput),
  importCsv: long<CsvImportReport>()(
    importCsvInput,
    supervisor('import accounts from a spreadsheet'),
  ),
} satisfies MethodGroup;
