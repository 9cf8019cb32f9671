import type { csvMethods } from '../../../shared/api/csv';
import type { HandlersOf } from '../../core/handlers';
import { importCsv } from './import';
import { deleteCsvMapping, listCsvMappings, saveCsvMapping } from './mappings';
import { previewCsvImport } from './preview';

/** The handlers of spreadsheet account imports: one for each method of the slice. */
export const csvHandlers = {
  listCsvMappings,
  saveCsvMapping,
  deleteCsvMapping,
  previewCsvImport,
  importCsv,
} satisfies HandlersOf<typeof csvMethods>;
