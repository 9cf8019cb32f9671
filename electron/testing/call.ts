import { expect } from 'vitest';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { ApiErrorData } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { dispatch, dispatchAsync } from './dispatch';
import { tableCounts } from './test-db';

/** Calls a method through dispatch, as the renderer does, and expects it to succeed. */
export function call<M extends MethodName>(ctx: Ctx, method: M, input: InputOf<M>): OutputOf<M> {
  const result = dispatch(ctx, method, input);
  if (!result.ok) expect.fail(`${method} failed: ${result.error.message}`);
  return result.value as OutputOf<M>;
}

/**
 * Calls a method that must be refused: checks the error's message and that not a single
 * row in any table changed. Returns the error, for a test that reads the fields it names.
 */
export function expectRefused(
  ctx: Ctx,
  method: MethodName,
  input: unknown,
  message: RegExp,
): ApiErrorData {
  const before = tableCounts(ctx);
  const result = dispatch(ctx, method, input);
  if (result.ok) expect.fail(`${method} was accepted but should have been refused`);
  expect(result.error.message).toMatch(message);
  expect(tableCounts(ctx)).toEqual(before);
  return result.error;
}

/** `call` for methods whose handlers are asynchronous (document rendering). */
export async function callAsync<M extends MethodName>(
  ctx: Ctx,
  method: M,
  input: InputOf<M>,
): Promise<OutputOf<M>> {
  const result = await dispatchAsync(ctx, method, input);
  if (!result.ok) expect.fail(`${method} failed: ${result.error.message}`);
  return result.value as OutputOf<M>;
}

/** `expectRefused` for asynchronous methods. */
export async function expectRefusedAsync(
  ctx: Ctx,
  method: MethodName,
  input: unknown,
  message: RegExp,
): Promise<void> {
  const before = tableCounts(ctx);
  const result = await dispatchAsync(ctx, method, input);
  if (result.ok) expect.fail(`${method} was accepted but should have been refused`);
  expect(result.error.message).toMatch(message);
  expect(tableCounts(ctx)).toEqual(before);
}
