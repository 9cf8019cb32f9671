import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract';
import { ApiError, type ApiErrorData, type ApiResult } from '../../shared/api/errors';
import type { Ctx } from './context';
import { handlers } from './handlers';

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

/**
 * The single entry point from the renderer: validates the input against the contract,
 * runs the handler and turns every failure into `{ code, message }` a person can read.
 * Electron's IPC binding and the end-to-end bridge both call this.
 */
export function dispatch(ctx: Ctx, method: unknown, input: unknown): ApiResult<unknown> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'unknown_method', message: 'ClaimDesk does not know that request.' },
    };
  }
  const parsed = contract[method].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error.issues) };
  try {
    const handler = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
    return { ok: true, value: handler(ctx, parsed.data) };
  } catch (error) {
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
}
