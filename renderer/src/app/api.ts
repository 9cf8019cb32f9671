import { buildApi, type RawApi } from '../../../shared/api/client';

declare global {
  interface Window {
    /** Exposed by the preload (or the end-to-end bridge); the renderer's only way out. */
    readonly api: RawApi;
  }
}

/** The typed client every screen uses: resolves to the value or throws an ApiError. */
export const api = buildApi(window.api);
