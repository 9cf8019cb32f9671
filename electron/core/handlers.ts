import type { z } from 'zod';
import type { Method, MethodGroup } from '../../shared/api/method';
import type { Ctx } from './context';
import type { SteppedWrite } from './stepped';

type OutputOfMethod<M> = M extends Method<z.ZodType, infer O> ? O : never;

/** Runs one method: its input as validated in, its result (or a long write's steps) out. */
export type HandlerOf<M extends Method<z.ZodType, unknown>> = (
  ctx: Ctx,
  input: z.output<M['input']>,
) => OutputOfMethod<M> | Promise<OutputOfMethod<M>> | SteppedWrite<OutputOfMethod<M>>;

/**
 * A domain's handler group: one handler for each method of its slice of the contract.
 * Written as `{ ... } satisfies HandlersOf<typeof slice>`, a missing or a stray handler
 * is a type error.
 */
export type HandlersOf<G extends MethodGroup> = { [K in keyof G]: HandlerOf<G[K]> };
