import type { codesMethods } from '../../shared/api/codes';
import type { HandlersOf } from '../core/handlers';
import { getCodeLists, loadCodeList, previewCodeList } from './load';
import { listUnknownCodes } from './unknown';

/** The handlers of the code tables: one for each method of the slice. */
export const codesHandlers = {
  getCodeLists,
  previewCodeList,
  loadCodeList,
  listUnknownCodes,
} satisfies HandlersOf<typeof codesMethods>;
