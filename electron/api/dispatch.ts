import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract';
import { ApiError, type ApiErrorData, type ApiResult } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { isActiveUser } from '../users/users';
import { handlers } from './handlers';
import { requestLock } from './request-lock';
import { runStepsInSlices, runStepsNow, SteppedWrite } from '../core/stepped';

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

type Prepared =
  { ok: false; result: ApiResult<unknown> } | { ok: true; run: () => unknown; method: MethodName };

function prepare(ctx: Ctx, method: unknown, input: unknown): Prepared {
  if (!isMethodName(method)) {
    return {
      ok: false,
      result: {
        ok: false,
        error: { code: 'unknown_method', message: 'ClaimDesk does not know that request.' },
      },
    };
  }
  // checked on every request: a supervisor may turn this user off while they work
  if (!isActiveUser(ctx.db, ctx.userId)) {
    return { ok: false, result: { ok: false, error: TURNED_OFF } };
  }
  const parsed = contract[method].input.safeParse(input);
  if (!parsed.success)
    return { ok: false, result: { ok: false, error: invalidInput(parsed.error.issues) } };
  const handler = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
  return { ok: true, method, run: () => handler(ctx, parsed.data) };
}

function failure(method: MethodName, error: unknown): ApiResult<unknown> {
  if (error instanceof ApiError) return { ok: false, error: error.toData() };
  // Only the method and the error's kind are logged: messages can quote patient data.
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`ClaimDesk: ${method} failed (${kind})`);
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'ClaimDesk could not complete that. Nothing was saved. Please try again.',
    },
  };
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
  const prepared = prepare(ctx, method, input);
  if (!prepared.ok) return prepared.result;
  try {
    if (LOCK_FREE.has(prepared.method)) return { ok: true, value: prepared.run() };
    const lock = requestLock(ctx.db);
    const value = await lock.shared(prepared.run);
    if (!(value instanceof SteppedWrite)) return { ok: true, value };
    const work: SteppedWrite<unknown> = value;
    const run = () => runStepsInSlices(ctx.db, work);
    // only steps that write as they go hold a transaction open, and so the connection
    return {
      ok: true,
      value: await (work.shape.writes === 'as it goes' ? lock.exclusive(run) : run()),
    };
  } catch (error) {
    return failure(prepared.method, error);
  }
}

/**
 * The same for callers that stay synchronous (tests, benchmarks) and call methods whose
 * handlers do not return a promise; asking it for one that does is a programming error.
 * A long write runs straight through.
 */
export function dispatch(ctx: Ctx, method: unknown, input: unknown): ApiResult<unknown> {
  const prepared = prepare(ctx, method, input);
  if (!prepared.ok) return prepared.result;
  try {
    const value = prepared.run();
    if (value instanceof Promise) {
      void value.catch(() => undefined);
      throw new Error(`${prepared.method} is asynchronous; call it through dispatchAsync`);
    }
    if (value instanceof SteppedWrite) return { ok: true, value: runStepsNow(ctx.db, value) };
    return { ok: true, value };
  } catch (error) {
    return failure(prepared.method, error);
  }
}
