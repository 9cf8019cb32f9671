import type { importsMethods } from '../../shared/api/imports';
import type { HandlersOf } from '../core/handlers';
import { cancelWork, currentWork } from '../core/stepped';
import { getImport, importFile, listImports } from './import-file';
import { getRemittance } from './remittance/detail';
import { listRemittanceExceptions, resolveRemittanceException } from './remittance/exceptions';

/** The handlers of file imports and remittance exceptions: one for each method of the slice. */
export const importsHandlers = {
  importFile,
  workProgress: (ctx) => currentWork(ctx.db),
  cancelWork: (ctx) => cancelWork(ctx.db),
  listImports,
  getImport,
  getRemittance,
  listRemittanceExceptions,
  resolveRemittanceException,
} satisfies HandlersOf<typeof importsMethods>;
