import type { z } from 'zod';
import type { Method, MethodGroup } from '../../shared/api/method';
import type { Ctx, ReadCtx } from './context';
import type { SteppedWrite } from './stepped';

type OutputOfMethod<M> = M extends Method<z.ZodType, infer O> ? O : never;

type InputOfMethod<M extends Method<z.ZodType, unknown>> = z.output<M['input']>;

/**
 * Runs one method: its input as validated in, its result out. A read gets a context whose
 * connection only readers accept; a long write hands back its steps.
 */
export type HandlerOf<M extends Method<z.ZodType, unknown>> = M['access'] extends 'read'
  ? (ctx: ReadCtx, input: InputOfMethod<M>) => OutputOfMethod<M> | Promise<OutputOfMethod<M>>
  : M['access'] extends 'long'
    ? (ctx: Ctx, input: InputOfMethod<M>) => OutputOfMethod<M> | SteppedWrite<OutputOfMethod<M>>
    : (ctx: Ctx, input: InputOfMethod<M>) => OutputOfMethod<M> | Promise<OutputOfMethod<M>>;

/**
 * A domain's handler group: one handler for each method of its slice of the contract.
 * Written as `{ ... } satisfies HandlersOf<typeof slice>`, a missing or a stray handler
 * is a type error.
 */
export type HandlersOf<G extends MethodGroup> = { [K in keyof G]: HandlerOf<G[K]> };
