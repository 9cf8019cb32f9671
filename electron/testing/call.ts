import { expect } from 'vitest';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import type { Ctx } from '../api/context';
import { dispatch } from '../api/dispatch';

/** Calls a method through dispatch, as the renderer does, and expects it to succeed. */
export function call<M extends MethodName>(ctx: Ctx, method: M, input: InputOf<M>): OutputOf<M> {
  const result = dispatch(ctx, method, input);
  if (!result.ok) expect.fail(`${method} failed: ${result.error.message}`);
  return result.value as OutputOf<M>;
}
