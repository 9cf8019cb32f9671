import type { RawApi } from '../../../shared/api/client';
import type { Api } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';

declare global {
  interface Window {
    /** Exposed by the preload (or the end-to-end bridge); the renderer's only way out. */
    readonly api: RawApi;
  }
}

type Call = (input: unknown) => Promise<unknown>;
const calls = new Map<string, Call>();

/**
 * The typed client every screen uses: resolves to the value or throws an ApiError. It is
 * shared/api/client's buildApi made as each method is first called, from window.api's own
 * functions (built from the contract by the preload), so the page does not import the
 * contract, whose every slice's schemas took a tenth of a second to build before the first
 * screen.
 */
export const api = new Proxy({} as Api, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined;
    let call = calls.get(name);
    if (!call) {
      const raw = (window.api as unknown as Record<string, Call | undefined>)[name];
      if (!raw) return undefined;
      call = async (input: unknown) => {
        const result = (await raw(input ?? {})) as Awaited<ReturnType<RawApi[keyof RawApi]>>;
        if (result.ok) return result.value;
        throw new ApiError(result.error);
      };
      calls.set(name, call);
    }
    return call;
  },
});
