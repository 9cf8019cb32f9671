import { ApiError, type ApiResult } from './errors';
import { METHOD_NAMES, type Api, type InputOf, type MethodName, type OutputOf } from './contract';

/**
 * `window.api` as the preload (or the end-to-end bridge) exposes it: one function per
 * contract method, each resolving to a result object rather than throwing, because a
 * thrown error loses its code when it crosses the context bridge.
 */
export type RawApi = {
  [M in MethodName]: (input: InputOf<M>) => Promise<ApiResult<OutputOf<M>>>;
};

export type Transport = (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>;

export function buildRawApi(transport: Transport): RawApi {
  const raw: Record<string, (input: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const name of METHOD_NAMES) raw[name] = (input: unknown) => transport(name, input ?? {});
  return Object.freeze(raw) as unknown as RawApi;
}

/** The typed client screens use: resolves to the value or throws an ApiError. */
export function buildApi(raw: RawApi): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    const call = raw[name] as (input: unknown) => Promise<ApiResult<unknown>>;
    api[name] = async (input: unknown) => {
      const result = await call(input ?? {});
      if (result.ok) return result.value;
      throw new ApiError(result.error);
    };
  }
  return Object.freeze(api) as unknown as Api;
}
