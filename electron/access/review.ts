import type {
  AccessReview,
  EmergencyAccessView,
  PendingUser,
  SecretKind,
} from '../../shared/api/access';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import { all, one, run } from '../db/query';
import { recordUserChange } from '../users/changes';
import { clearSecret } from './secrets';

/** How long emergency access lasts: one shift's worth, then a supervisor must allow the name. */
export const EMERGENCY_ACCESS_HOURS = 4;

/** What a supervisor looks at: names waiting, emergency access to acknowledge, PINs set. */
export function getAccessReview(ctx: ReadCtx): AccessReview {
  const pending = all<PendingUser>(
    ctx.db,
    `SELECT id, username, created_at AS firstSeen FROM users
       WHERE pending = 1 AND active = 1 ORDER BY created_at, id`,
  );
  const rows = all<
    Omit<EmergencyAccessView, 'acknowledged'> & { ackAt: string | null; ackBy: string | null }
  >(
    ctx.db,
    `SELECT e.id, e.user_id AS userId, u.username, u.display_name AS displayName, e.reason,
       e.started_at AS startedAt, e.ends_at AS endsAt, e.acknowledged_at AS ackAt,
       b.display_name AS ackBy
     FROM emergency_access e JOIN users u ON u.id = e.user_id
       LEFT JOIN users b ON b.id = e.acknowledged_by
     ORDER BY e.acknowledged_at IS NOT NULL, e.id DESC LIMIT 50`,
  );
  const emergencies = rows.map(({ ackAt, ackBy, ...r }) => ({
    ...r,
    acknowledged: ackAt !== null && ackBy !== null ? { at: ackAt, byName: ackBy } : null,
  }));
  const withSecret = all<{ userId: number; kind: SecretKind }>(
    ctx.db,
    `SELECT user_id AS userId, kind FROM user_secrets ORDER BY user_id`,
  );
  return { pending, emergencies, withSecret };
}

function pendingUser(ctx: Ctx, userId: number): { username: string } {
  const user = one<{ username: string; pending: number }>(
    ctx.db,
    `SELECT username, pending FROM users WHERE id = ?`,
    userId,
  );
  if (!user) throw notFound('That user');
  if (user.pending !== 1) throw conflict(`The sign-in name ${user.username} is not waiting.`);
  return user;
}

export function allowUser(ctx: Ctx, input: ParsedInputOf<'allowUser'>): AccessReview {
  pendingUser(ctx, input.userId);
  run(ctx.db, `UPDATE users SET pending = 0 WHERE id = ?`, input.userId);
  recordUserChange(ctx.db, input.userId, {
    why: 'Allowed to open ClaimDesk',
    by: ctx.userId,
    now: ctx.clock.now(),
  });
  return getAccessReview(ctx);
}

/** A refused name is turned off, so it cannot come back as a new one; its history stays. */
export function refuseUser(ctx: Ctx, input: ParsedInputOf<'refuseUser'>): AccessReview {
  pendingUser(ctx, input.userId);
  run(ctx.db, `UPDATE users SET pending = 0, active = 0 WHERE id = ?`, input.userId);
  recordUserChange(ctx.db, input.userId, {
    why: 'Refused: not allowed to open ClaimDesk',
    by: ctx.userId,
    now: ctx.clock.now(),
  });
  return getAccessReview(ctx);
}

export function resetUserSecret(ctx: Ctx, input: ParsedInputOf<'resetUserSecret'>): AccessReview {
  if (!clearSecret(ctx.db, input.userId)) throw notFound('A PIN or password for that user');
  recordUserChange(ctx.db, input.userId, {
    why: 'ClaimDesk PIN or password reset by a supervisor',
    by: ctx.userId,
    now: ctx.clock.now(),
  });
  return getAccessReview(ctx);
}

export function acknowledgeEmergencyAccess(
  ctx: Ctx,
  input: ParsedInputOf<'acknowledgeEmergencyAccess'>,
): AccessReview {
  const changed = run(
    ctx.db,
    `UPDATE emergency_access SET acknowledged_at = ?, acknowledged_by = ?
       WHERE id = ? AND acknowledged_at IS NULL`,
    ctx.clock.now(),
    ctx.userId,
    input.emergencyId,
  );
  if (changed.changes === 0) throw notFound('Emergency access waiting to be acknowledged');
  return getAccessReview(ctx);
}

/** For a waiting name when no supervisor is there to allow it: time-limited, and kept. */
export function grantEmergencyAccess(ctx: Ctx, reason: string): void {
  const user = one<{ pending: number }>(
    ctx.db,
    `SELECT pending FROM users WHERE id = ?`,
    ctx.userId,
  );
  if (user?.pending !== 1) {
    throw conflict('Emergency access is for a sign-in name a supervisor has not allowed yet.');
  }
  const now = ctx.clock.now();
  const endsAt = new Date(Date.parse(now) + EMERGENCY_ACCESS_HOURS * 3_600_000).toISOString();
  run(
    ctx.db,
    `INSERT INTO emergency_access (user_id, reason, started_at, ends_at) VALUES (?, ?, ?, ?)`,
    ctx.userId,
    reason,
    now,
    endsAt,
  );
}
