import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { METHOD_NAMES } from '../../shared/api/contract';
import type { Ctx } from '../core/context';
import { dispatchAsync } from './dispatch';
import { contentType } from '../main/guards';

/**
 * The built renderer in Chromium with `window.api` wired to the main process's dispatch:
 * what the end-to-end tests and the renderer benchmark both run, with no test runner in it.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIST = path.join(root, 'renderer', 'dist');

/** Serves the built renderer on loopback: Chromium refuses module scripts over file://. */
export async function serveRenderer(
  dist = RENDERER_DIST,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(dist, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType(file) });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * Gives every page `page` opens from now on a `window.api` as the preload does in
 * Electron, each call going to `dispatchAsync` over `ctx`'s database.
 *
 * `json`: each result crosses as one JSON string that the page parses. Playwright's own
 * encoding of a result walks it value by value and costs the page about 10 ms of CPU for
 * a page of a hundred queue rows, where Electron's IPC hands over one structured-clone
 * buffer; the renderer benchmark measures the page as the app runs it, so it passes this.
 * JSON has no undefined or NaN, so the end-to-end tests keep Playwright's encoding.
 */
export async function bridgeApi(
  page: Page,
  ctx: Ctx,
  options: { json?: boolean } = {},
): Promise<void> {
  const json = options.json ?? false;
  await page.exposeBinding(
    '__claimdeskInvoke',
    async (_source, method: unknown, input: unknown) => {
      const result = await dispatchAsync(ctx, method, input);
      return json ? JSON.stringify(result) : result;
    },
  );
  await page.addInitScript(
    ({ names, json }: { names: readonly string[]; json: boolean }) => {
      // runs in the page, where globalThis is the window
      const invoke = (
        globalThis as unknown as {
          __claimdeskInvoke: (m: string, i: unknown) => Promise<unknown>;
        }
      ).__claimdeskInvoke;
      const call = json
        ? async (name: string, input: unknown) =>
            JSON.parse((await invoke(name, input ?? {})) as string) as unknown
        : (name: string, input: unknown) => invoke(name, input ?? {});
      const api = Object.fromEntries(
        names.map((name) => [name, (input: unknown) => call(name, input)]),
      );
      Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), enumerable: true });
    },
    { names: [...METHOD_NAMES], json },
  );
}
