import { z } from 'zod';
import type { UserId } from '../ids';
import { none, userIdField } from './fields';
import { PERMISSIONS, read, supervisor, write, type MethodGroup, type Permission } from './method';

/** What a supervisor allows a representative beyond the role (the write-off, refund and
 * reversal requests themselves are posting's: listAdjustmentRequests, decideAdjustment). */

export interface PermissionGrant {
  userId: UserId;
  permission: Permission;
  grantedBy: string;
  grantedAt: string;
}

export interface UserPermissionsView {
  grants: PermissionGrant[];
  /** Whether this user may give or take back permissions (supervisors only). */
  canChange: boolean;
}

export const setUserPermissionInput = z.strictObject({
  userId: userIdField(),
  permission: z.enum(PERMISSIONS, 'Choose a permission.'),
  allowed: z.boolean('Say whether the permission is given or taken back.'),
});

export const approvalsMethods = {
  listUserPermissions: read<UserPermissionsView>()(none),
  setUserPermission: write<UserPermissionsView>()(
    setUserPermissionInput,
    supervisor('give or take back a permission'),
  ),
} satisfies MethodGroup;
