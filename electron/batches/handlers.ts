import type { batchesMethods } from '../../shared/api/batches';
import type { HandlersOf } from '../core/handlers';
import {
  closeBatch,
  getBatch,
  getCashSummary,
  listBatches,
  openBatch,
  setBatchTotal,
} from './batches';
import { getDepositSlip, getDepositSlipPdf } from './deposit-slip';

/** The handlers of deposit batches: one for each method of the slice. */
export const batchesHandlers = {
  openBatch,
  setBatchTotal,
  listBatches,
  getBatch,
  closeBatch,
  getCashSummary,
  getDepositSlip,
  getDepositSlipPdf,
} satisfies HandlersOf<typeof batchesMethods>;
