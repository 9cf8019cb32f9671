import type { documentsMethods } from '../../shared/api/documents';
import type { HandlersOf } from '../core/handlers';
import { listAccountDocuments } from './list';
import { getDocumentFile } from './read';
import { markDocumentSent } from './sent';
import { listSetAsideDocuments } from './set-aside';

/** The handlers of filed documents: one for each method of the slice. */
export const documentsHandlers = {
  markDocumentSent,
  listAccountDocuments,
  getDocumentFile,
  listSetAsideDocuments,
} satisfies HandlersOf<typeof documentsMethods>;
