import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract';
import { ApiError, type ApiErrorData, type ApiResult } from '../../shared/api/errors';
import type { Access } from '../../shared/api/method';
import type { Ctx } from '../core/context';
import { accessRefusal, requestStanding } from '../access/gate';
import { describeFailure, errorCode } from '../core/failure';
import { longWorkOf, withLongWorkNote } from '../core/long-work-note';
import { SteppedWrite } from '../core/stepped';
import { auditCall, beforeCall, movesTrailFirst } from '../audit/record';
import { dailyWorkDue, dailyWorkIfFree } from '../upkeep/daily';
import { permissionRefusal } from '../approvals/permissions';
import { handlers } from './handlers';
import { requestLock } from './request-lock';
import { finishInSlices, finishNow, start, type Done } from './run';

/** Answered at once, even while a long write holds the connection: they read no table. */
const LOCK_FREE: ReadonlySet<MethodName> = new Set(['workProgress', 'cancelWork']);

function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

function invalidInput(issues: readonly z.core.$ZodIssue[]): ApiErrorData {
  const details = issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = details[0];
  const message =
    details.length === 1 && first
      ? first.message
      : `Please correct ${details.length} fields: ${details.map((d) => d.message).join(' ')}`;
  return { code: 'invalid_input', message, details };
}

const TURNED_OFF: ApiErrorData = {
  code: 'conflict',
  message:
    'A supervisor has turned off your ClaimDesk user, so nothing more can be done here. ' +
    'Close ClaimDesk and ask a supervisor to turn it back on under Settings, Users.',
};

export type PreparedRequest =
  | { ok: false; result: ApiResult<unknown> }
  | {
      ok: true;
      run: () => unknown;
      method: MethodName;
      access: Access;
      /** The input as checked (a read checked by `run`: as asked, until then). */
      input: unknown;
      /** Records the answer in the audit trail before it goes back. */
      audited: Done;
      /**
       * For a read whose checks `run` makes inside its transaction: the same checks at once,
       * for work that must not be done for a request that would be refused (the day's work).
       * Null when the checks were made already.
       */
      checkFirst: (() => ApiErrorData | null) | null;
    };

const refused = (error: ApiErrorData): PreparedRequest => ({
  ok: false,
  result: { ok: false, error },
});

type Checked = { ok: true; input: unknown } | { ok: false; error: ApiErrorData };

/**
 * Every check of a request, in order: the user's standing (read on every request, in one
 * statement: a supervisor may turn this user off, or change their role, while they work),
 * the role and permission from the contract, the input against its schema.
 */
function checkRequest(ctx: Ctx, method: MethodName, input: unknown): Checked {
  const standing = requestStanding(ctx);
  if (standing?.active !== 1) return { ok: false, error: TURNED_OFF };
  // a sign-in name still waiting for a supervisor, or a locked window: refused here, not in a screen
  const held = accessRefusal(ctx, method, standing);
  if (held) return { ok: false, error: held };
  const spec = contract[method];
  // the role is checked here, from the contract, for every caller: a screen that hides a
  // button is a courtesy, this is the rule
  if (spec.role === 'supervisor' && standing.role !== 'supervisor') {
    return {
      ok: false,
      error: { code: 'forbidden', message: `Only a supervisor can ${spec.action}.` },
    };
  }
  const unpermitted = spec.permission && permissionRefusal(ctx.db, ctx.userId, spec.permission);
  if (unpermitted) return { ok: false, error: unpermitted };
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error.issues) };
  return { ok: true, input: parsed.data };
}

/**
 * A read checks its user inside its own transaction: the standing read alone in a
 * transaction of its own cost as much again as the statement (the shared locks taken and
 * given back), a fifth of what a search adds to its SQL. Not for the reads answered
 * outside the request lock, nor those that move the trail's views into the chain first
 * (a write, which a refused request must not make).
 */
const checkedInRead = (method: MethodName): boolean =>
  contract[method].access === 'read' && !LOCK_FREE.has(method) && !movesTrailFirst(method);

/**
 * Every check of a request before it runs (see checkRequest), made at once or, for a read,
 * by `run` inside the read's transaction. Exported for the benchmark, which times a
 * request with and without its audit entry.
 *
 * `run`, `audited` and `checkFirst` are written as methods: the benchmark runs under tsx,
 * whose kept names give each arrow function made per request a property defined on it,
 * microseconds a request that the built app does not pay.
 */
export function prepareRequest(ctx: Ctx, method: unknown, input: unknown): PreparedRequest {
  if (!isMethodName(method)) {
    return refused({ code: 'unknown_method', message: 'ClaimDesk does not know that request.' });
  }
  const { access } = contract[method];
  const handler = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
  if (checkedInRead(method)) {
    let checkedInput: unknown = input;
    return {
      ok: true,
      method,
      access,
      input,
      run() {
        const checked = checkRequest(ctx, method, input);
        if (!checked.ok) throw new ApiError(checked.error);
        checkedInput = checked.input;
        return handler(ctx, checked.input);
      },
      audited(value) {
        auditCall(ctx, method, access, checkedInput, value);
      },
      checkFirst() {
        const checked = checkRequest(ctx, method, input);
        return checked.ok ? null : checked.error;
      },
    };
  }
  const checked = checkRequest(ctx, method, input);
  if (!checked.ok) return refused(checked.error);
  return {
    ok: true,
    method,
    access,
    input: checked.input,
    run() {
      return handler(ctx, checked.input);
    },
    audited(value) {
      auditCall(ctx, method, access, checked.input, value);
    },
    checkFirst: null,
  };
}

/**
 * The calendar's own work, before the first request of a new day that finds the database
 * free; never inside a read, and never for a request that is refused: a read checked
 * inside its transaction is checked once more before it. Returns the refusal, if any.
 */
function dailyWork(ctx: Ctx, prepared: PreparedRequest & { ok: true }): ApiErrorData | null {
  if (!dailyWorkDue(ctx)) return null;
  const refusal = prepared.checkFirst?.() ?? null;
  if (!refusal) dailyWorkIfFree(ctx);
  return refusal;
}

function failure(ctx: Ctx, method: MethodName, error: unknown): ApiResult<unknown> {
  if (error instanceof ApiError) return { ok: false, error: error.toData() };
  // Only the method and the error's kind and code are logged: messages can quote patient data.
  const kind = [error instanceof Error ? error.name : typeof error, errorCode(error)];
  console.error(`ClaimDesk: ${method} failed (${kind.filter(Boolean).join(' ')})`);
  return { ok: false, error: describeFailure(error, { databasePath: ctx.databasePath }) };
}

/**
 * The entry point from the renderer: validates the input against the contract, runs the
 * handler (awaiting it when it returns a promise, as document rendering does; a long
 * write in slices, alone on the connection) and turns every failure into
 * `{ code, message }` a person can read. Electron's IPC binding and the end-to-end bridge
 * both call this.
 */
export async function dispatchAsync(
  ctx: Ctx,
  method: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  const prepared = prepareRequest(ctx, method, input);
  if (!prepared.ok) return prepared.result;
  try {
    const value = await answer(ctx, prepared);
    committed(prepared.access);
    return { ok: true, value };
  } catch (error) {
    return failure(ctx, prepared.method, error);
  }
}

async function answer(ctx: Ctx, prepared: PreparedRequest & { ok: true }): Promise<unknown> {
  if (LOCK_FREE.has(prepared.method)) return prepared.run();
  const lock = requestLock(ctx.db);
  const value = await lock.shared(async () => {
    const refusal = dailyWork(ctx, prepared);
    if (refusal) throw new ApiError(refusal);
    beforeCall(ctx, prepared.method);
    const started = start(ctx, prepared.access, prepared.run, prepared.audited);
    return 'value' in started ? started.value : await started.later;
  });
  if (!(value instanceof SteppedWrite)) return value;
  // steps that only prepare hold no transaction, so the window's other requests go on
  if (value.shape.writes === 'at the end') return finishInSlices(ctx, value, prepared.audited);
  // who is importing what, for another workstation that has to wait meanwhile
  const note = longWorkOf(ctx, prepared.method, prepared.input);
  return lock.exclusive(() =>
    withLongWorkNote(ctx.databasePath, note, () => finishInSlices(ctx, value, prepared.audited)),
  );
}

/** Told after each request whose write committed; the main process sets it. */
let afterCommit: (() => void) | null = null;

/**
 * Sets what hears of each committed write: the office's sync worker, so the write's
 * outbox entry goes out at once. A refused or rolled-back write never reaches it, nor a
 * read. Called here, once, rather than by each handler.
 */
export function setAfterCommit(fn: (() => void) | null): void {
  afterCommit = fn;
}

function committed(access: Access): void {
  if (access !== 'read') afterCommit?.();
}

/**
 * The same for callers that stay synchronous (tests, benchmarks) and call methods whose
 * handlers do not return a promise; asking it for one that does is a programming error.
 * A long write runs straight through.
 */
export function dispatch(ctx: Ctx, method: unknown, input: unknown): ApiResult<unknown> {
  const prepared = prepareRequest(ctx, method, input);
  if (!prepared.ok) return prepared.result;
  try {
    const refusal = dailyWork(ctx, prepared);
    if (refusal) return { ok: false, error: refusal };
    beforeCall(ctx, prepared.method);
    const started = start(ctx, prepared.access, prepared.run, prepared.audited);
    if ('later' in started) {
      void started.later.catch(() => undefined);
      throw new Error(`${prepared.method} is asynchronous; call it through dispatchAsync`);
    }
    const value = finishNow(ctx, started.value, prepared.audited);
    committed(prepared.access);
    return { ok: true, value };
  } catch (error) {
    return failure(ctx, prepared.method, error);
  }
}
