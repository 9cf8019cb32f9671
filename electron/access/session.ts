import type { UserId } from '../../shared/ids';
import type { Clock } from '../core/context';
import type { ReadDb } from '../db/open';
import { billingRules } from '../rules/billing-rules';
import { storedSecret } from './secrets';

/**
 * The window's lock, owned by the main process: the renderer only reports a person's
 * input and shows what this says. One session per request context, which is one per
 * window (and per end-to-end page); it is never written to the database, so a restart
 * starts a new one, locked at once when the user has a PIN or password.
 */
interface Session {
  locked: boolean;
  lastInput: number;
  wrongTries: number;
  waitUntil: number;
}

interface SessionCtx {
  db: ReadDb;
  clock: Clock;
  userId: UserId;
}

const sessions = new WeakMap<SessionCtx, Session>();
/** Contexts with a person at a window: scripts, benchmarks and tests have no one to lock out. */
const attended = new WeakSet<SessionCtx>();

const MINUTE = 60_000;
/** Wrong PINs in a row before unlocking waits: a 4-digit PIN must not be guessed at speed. */
export const WRONG_TRIES_BEFORE_WAIT = 5;

const millis = (clock: Clock) => Date.parse(clock.now());

function sessionOf(ctx: SessionCtx): Session {
  let session = sessions.get(ctx);
  if (!session) {
    session = {
      locked: storedSecret(ctx.db, ctx.userId) !== undefined,
      lastInput: millis(ctx.clock),
      wrongTries: 0,
      waitUntil: 0,
    };
    sessions.set(ctx, session);
  }
  return session;
}

/**
 * Makes the context's session lock after the idle minutes of the billing rules: the
 * window's context (the main process, and end-to-end tests that test the lock). Its idle
 * time counts from now.
 */
export function lockWhenIdle(ctx: SessionCtx): void {
  attended.add(ctx);
  sessionOf(ctx).lastInput = millis(ctx.clock);
}

/** Locked by hand, by idle time (measured now, against the office's rule), or from start. */
export function isLocked(ctx: SessionCtx): boolean {
  const session = sessionOf(ctx);
  if (!session.locked && attended.has(ctx)) {
    const idle = millis(ctx.clock) - session.lastInput;
    if (idle >= billingRules(ctx.db).idleLockMinutes * MINUTE) session.locked = true;
  }
  return session.locked;
}

/** A person's input keeps the window open; it never reopens one that has locked. */
export function noteInput(ctx: SessionCtx): void {
  if (!isLocked(ctx)) sessionOf(ctx).lastInput = millis(ctx.clock);
}

export function lockSession(ctx: SessionCtx): void {
  sessionOf(ctx).locked = true;
}

export function unlockSession(ctx: SessionCtx): void {
  const session = sessionOf(ctx);
  Object.assign(session, { locked: false, lastInput: millis(ctx.clock), wrongTries: 0 });
}

/** Minutes (rounded up) before another try is taken after too many wrong ones; 0 when now. */
export function minutesToWait(ctx: SessionCtx): number {
  const left = sessionOf(ctx).waitUntil - millis(ctx.clock);
  return left > 0 ? Math.ceil(left / MINUTE) : 0;
}

export function noteWrongTry(ctx: SessionCtx): void {
  const session = sessionOf(ctx);
  session.wrongTries += 1;
  if (session.wrongTries >= WRONG_TRIES_BEFORE_WAIT) {
    session.wrongTries = 0;
    session.waitUntil = millis(ctx.clock) + MINUTE;
  }
}
