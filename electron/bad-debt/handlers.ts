import type { badDebtMethods } from '../../shared/api/bad-debt';
import type { HandlersOf } from '../core/handlers';
import { getBadDebt, requestBadDebt, undoBadDebt } from './move';

/** Bad debt: the request, its undoing, and where the account stands. */
export const badDebtHandlers = {
  getBadDebt,
  requestBadDebt,
  undoBadDebt,
} satisfies HandlersOf<typeof badDebtMethods>;
