import type { accountsMethods } from '../../shared/api/accounts';
import type { HandlersOf } from '../core/handlers';
import { getAccount } from './get';
import { addActivity } from '../activities/add';
import { completeFollowUp } from '../followups/complete';
import { setFollowUp } from '../followups/set';
import { changeAddress } from '../people/change-address';

/** The handlers of an account, its activities, follow-ups and addresses: one for each method of the slice. */
export const accountsHandlers = {
  getAccount,
  addActivity,
  setFollowUp,
  completeFollowUp,
  changeAddress,
} satisfies HandlersOf<typeof accountsMethods>;
