import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, conflict, notFound, type ApiErrorData } from '../../shared/api/errors';
import { PERMISSION_LABELS, type Permission } from '../../shared/api/method';
import type { UserPermissionsView } from '../../shared/api/approvals';
import type { UserId } from '../../shared/ids';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { recordUserChange } from '../users/changes';
import { isSupervisor } from '../users/users';

/** Whether the user may do what the permission allows: a supervisor always may. */
export function hasPermission(db: ReadDb, userId: UserId, permission: Permission): boolean {
  if (isSupervisor(db, userId)) return true;
  const row = one<{ n: number }>(
    db,
    `SELECT 1 AS n FROM user_permissions WHERE user_id = ? AND permission = ?`,
    userId,
    permission,
  );
  return row !== undefined;
}

/** Dispatch's refusal for a method of role 'permitted' the user may not call; null to go on. */
export function permissionRefusal(
  db: ReadDb,
  userId: UserId,
  permission: Permission,
): ApiErrorData | null {
  if (hasPermission(db, userId, permission)) return null;
  const what = PERMISSION_LABELS[permission];
  return {
    code: 'forbidden',
    message: `You need a supervisor's permission to ${what}; a supervisor can give it under Settings, Users.`,
  };
}

/** Who holds which permission, for the users panel. */
export function listUserPermissions(ctx: ReadCtx): UserPermissionsView {
  const rows = all<{
    userId: UserId;
    permission: Permission;
    grantedBy: string;
    grantedAt: string;
  }>(
    ctx.db,
    `SELECT up.user_id AS userId, up.permission, g.display_name AS grantedBy,
         up.granted_at AS grantedAt
       FROM user_permissions up JOIN users g ON g.id = up.granted_by
       ORDER BY up.user_id, up.permission`,
  );
  return { grants: rows, canChange: isSupervisor(ctx.db, ctx.userId) };
}

/** A supervisor gives or takes back a permission; either is kept in the user's history. */
export function setUserPermission(
  ctx: Ctx,
  input: ParsedInputOf<'setUserPermission'>,
): UserPermissionsView {
  const { db } = ctx;
  const user = one<{ role: string; displayName: string }>(
    db,
    `SELECT role, display_name AS displayName FROM users WHERE id = ?`,
    input.userId,
  );
  if (!user) throw notFound('That user');
  const what = PERMISSION_LABELS[input.permission];
  if (input.allowed && user.role === 'supervisor') {
    throw conflict(`${user.displayName} is a supervisor and may already ${what}.`);
  }
  const now = ctx.clock.now();
  const changed = input.allowed
    ? run(
        db,
        `INSERT INTO user_permissions (user_id, permission, granted_by, granted_at)
           VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        input.userId,
        input.permission,
        ctx.userId,
        now,
      ).changes
    : run(
        db,
        `DELETE FROM user_permissions WHERE user_id = ? AND permission = ?`,
        input.userId,
        input.permission,
      ).changes;
  if (changed === 0) {
    throw new ApiError({
      code: 'conflict',
      message: input.allowed
        ? `${user.displayName} may already ${what}.`
        : `${user.displayName} was not allowed to ${what}.`,
    });
  }
  recordUserChange(db, input.userId, {
    why: input.allowed ? `Allowed to ${what}` : `No longer allowed to ${what}`,
    by: ctx.userId,
    now,
  });
  return listUserPermissions(ctx);
}
