import type { approvalsMethods } from '../../shared/api/approvals';
import type { HandlersOf } from '../core/handlers';
import { listUserPermissions, setUserPermission } from './permissions';

/** The handlers of what a supervisor allows: one for each method of the slice. */
export const approvalsHandlers = {
  listUserPermissions,
  setUserPermission,
} satisfies HandlersOf<typeof approvalsMethods>;
