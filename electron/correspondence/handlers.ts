import type { correspondenceMethods } from '../../shared/api/correspondence';
import type { HandlersOf } from '../core/handlers';
import { fileCorrespondence } from './file';
import { importCorrespondenceFolder, previewCorrespondenceFolder } from './folder';
import { getCorrespondenceFile, listAccountCorrespondence } from './list';

/** Scanned correspondence: one handler for each method of the slice. */
export const correspondenceHandlers = {
  fileCorrespondence,
  previewCorrespondenceFolder,
  importCorrespondenceFolder,
  listAccountCorrespondence,
  getCorrespondenceFile,
} satisfies HandlersOf<typeof correspondenceMethods>;
