import { z } from 'zod';
import { CSV_FIELD_KEYS } from '../csv/account-fields';
import { id, optionalText, requiredText } from './fields';
import { MAX_IMPORT_CHARACTERS } from './import-inputs';

/** Input schemas for spreadsheet (CSV) account imports and their saved mappings (see contract.ts). */

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
