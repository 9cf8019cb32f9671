import type { CsvColumns, CsvFieldKey } from '../csv/account-fields';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import type { ImportStatus } from './types';

/** What the spreadsheet (CSV) account import methods return. Inputs are in csv-inputs.ts. */

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
