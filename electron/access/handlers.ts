import type { AccessState, accessMethods } from '../../shared/api/access';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import type { HandlersOf } from '../core/handlers';
import { recordUserChange } from '../users/changes';
import { accessState } from './gate';
import {
  acknowledgeEmergencyAccess,
  allowUser,
  getAccessReview,
  grantEmergencyAccess,
  refuseUser,
  resetUserSecret,
} from './review';
import { hashSecret, secretMatches, storedSecret, writeSecret } from './secrets';
import {
  isLocked,
  lockSession,
  minutesToWait,
  noteInput,
  noteWrongTry,
  unlockSession,
} from './session';

const refusedSecret = (message: string) => new ApiError({ code: 'forbidden', message });

/** Signs in again at a locked window: the PIN or password when one is set. */
function unlock(ctx: ReadCtx, input: ParsedInputOf<'unlock'>): AccessState {
  if (!isLocked(ctx)) return accessState(ctx);
  const wait = minutesToWait(ctx);
  if (wait > 0) {
    throw refusedSecret(`Too many wrong tries. Try again in ${wait} minute${wait > 1 ? 's' : ''}.`);
  }
  const stored = storedSecret(ctx.db, ctx.userId);
  if (stored && !secretMatches(input.secret ?? '', stored)) {
    noteWrongTry(ctx);
    throw refusedSecret(`That ${stored.kind === 'pin' ? 'PIN' : 'password'} is not right.`);
  }
  unlockSession(ctx);
  return accessState(ctx);
}

/** Sets or changes one's own PIN or password; changing it needs the one set now. */
function setOwnSecret(ctx: Ctx, input: ParsedInputOf<'setOwnSecret'>): AccessState {
  const current = storedSecret(ctx.db, ctx.userId);
  if (current && !secretMatches(input.current ?? '', current)) {
    throw refusedSecret('Your current PIN or password is not right.');
  }
  writeSecret(ctx.db, ctx.userId, hashSecret(input.kind, input.secret), {
    userId: ctx.userId,
    now: ctx.clock.now(),
  });
  const what = input.kind === 'pin' ? 'PIN' : 'password';
  recordUserChange(ctx.db, ctx.userId, {
    why: current ? `Changed their ClaimDesk ${what}` : `Set a ClaimDesk ${what}`,
    by: ctx.userId,
    now: ctx.clock.now(),
  });
  return accessState(ctx);
}

/** The handlers of sign-in, lock and emergency access: one for each method of the slice. */
export const accessHandlers = {
  getAccessState: (ctx) => accessState(ctx),
  reportActivity: (ctx) => {
    noteInput(ctx);
    return accessState(ctx);
  },
  unlock,
  lockNow: (ctx) => {
    lockSession(ctx);
    return accessState(ctx);
  },
  setOwnSecret,
  startEmergencyAccess: (ctx, input) => {
    grantEmergencyAccess(ctx, input.reason);
    return accessState(ctx);
  },
  getAccessReview,
  allowUser,
  refuseUser,
  resetUserSecret,
  acknowledgeEmergencyAccess,
} satisfies HandlersOf<typeof accessMethods>;
