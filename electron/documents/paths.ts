import { fileURLToPath } from 'node:url';

/**
 * The templates folder sits two levels above this module both in the source tree
 * (electron/documents/) and in the bundle (electron/dist/), so one relative URL serves both.
 */
export function shippedTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

export function shippedFontsDir(): string {
  return fileURLToPath(new URL('../../templates/fonts/', import.meta.url));
}
