import type { AccessState } from '../../shared/api/access';
import type { MethodName } from '../../shared/api/contract';
import type { ApiErrorData } from '../../shared/api/errors';
import type { UserId } from '../../shared/ids';
import type { UserRole } from '../../shared/codes/enums';
import type { Clock } from '../core/context';
import type { ReadDb } from '../db/open';
import { one, oneOrThrow } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { storedSecret } from './secrets';
import { isLocked } from './session';

interface GateCtx {
  db: ReadDb;
  clock: Clock;
  userId: UserId;
}

/** All a waiting sign-in name may ask: what its screen says, and emergency access. */
const WHILE_WAITING: ReadonlySet<MethodName> = new Set(['getAccessState', 'startEmergencyAccess']);

/** All a locked window may ask: nothing of a patient. Progress says only "n of m claims". */
const WHILE_LOCKED: ReadonlySet<MethodName> = new Set([
  'getAccessState',
  'reportActivity',
  'unlock',
  'lockNow',
  'workProgress',
  'cancelWork',
  // the lock screen replaces the account: its mark comes down as the window locks
  'stopWorking',
]);

interface Standing {
  username: string;
  displayName: string;
  role: UserRole;
  pending: number;
  emergencyUntil: string | null;
}

function standingOf(ctx: GateCtx): Standing {
  return oneOrThrow<Standing>(
    ctx.db,
    `SELECT username, display_name AS displayName, role, pending,
       (SELECT max(ends_at) FROM emergency_access e WHERE e.user_id = u.id AND e.ends_at > ?)
         AS emergencyUntil
     FROM users u WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
  );
}

const waiting = (s: Pick<Standing, 'pending' | 'emergencyUntil'>) =>
  s.pending === 1 && s.emergencyUntil === null;

export function waitingMessage(username: string): string {
  return `Your sign-in name ${username} is waiting for a supervisor to allow it.`;
}

export const LOCKED_MESSAGE = 'ClaimDesk is locked. Sign in again to go on.';

/** What a request's checks read of its user, in one statement run on every request. */
export interface RequestStanding {
  active: number;
  username: string;
  role: UserRole;
  pending: number;
  /** Read only for a name still waiting: nobody else's requests depend on it. */
  emergencyUntil: string | null;
}

/** The user's row as the request finds it; undefined when the user does not exist. */
export function requestStanding(ctx: GateCtx): RequestStanding | undefined {
  return one<RequestStanding>(
    ctx.db,
    `SELECT active, username, role, pending,
       CASE WHEN pending = 1 THEN (SELECT max(ends_at) FROM emergency_access e
         WHERE e.user_id = u.id AND e.ends_at > ?) END AS emergencyUntil
     FROM users u WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
  );
}

/**
 * Dispatch asks this before any other check of a request but whether the user is still
 * active: a waiting sign-in name and a locked window are refused everything their own
 * screen does not need, whatever calls. `standing` is the request's own read of the user.
 */
export function accessRefusal(
  ctx: GateCtx,
  method: MethodName,
  standing: Pick<RequestStanding, 'username' | 'pending' | 'emergencyUntil'> = standingOf(ctx),
): ApiErrorData | null {
  if (method === 'getAccessState') return null;
  if (waiting(standing)) {
    return WHILE_WAITING.has(method)
      ? null
      : { code: 'forbidden', message: waitingMessage(standing.username) };
  }
  if (!WHILE_LOCKED.has(method) && isLocked(ctx))
    return { code: 'forbidden', message: LOCKED_MESSAGE };
  return null;
}

export function accessState(ctx: GateCtx): AccessState {
  const s = standingOf(ctx);
  const status = waiting(s) ? 'waiting' : isLocked(ctx) ? 'locked' : 'open';
  return {
    user: { id: ctx.userId, username: s.username, displayName: s.displayName, role: s.role },
    status,
    secret: storedSecret(ctx.db, ctx.userId)?.kind ?? null,
    idleLockMinutes: billingRules(ctx.db).idleLockMinutes,
    emergencyUntil: s.pending === 1 ? s.emergencyUntil : null,
  };
}
