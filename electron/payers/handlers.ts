import type { payersMethods } from '../../shared/api/payers';
import type { HandlersOf } from '../core/handlers';
import { getPayer, listPayers } from './queries';
import { updatePayer } from './update';

/** The handlers of payers: one for each method of the slice. */
export const payersHandlers = {
  listPayers,
  getPayer,
  updatePayer,
} satisfies HandlersOf<typeof payersMethods>;
