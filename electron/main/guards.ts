import path from 'node:path';

/**
 * The pure rules of the window's hardening, kept apart from Electron so they are tested
 * under plain Node: which addresses are the app's own, which file an app address serves,
 * which outside addresses may open in the system browser, and when DevTools may open.
 */

/** The app's pages come from here, not file://, so the page has a real origin of its own. */
export const APP_SCHEME = 'claimdesk';
const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html#/queue`;
/** The recovery-key window's page, shown before the database is open. */
export const UNLOCK_URL = `${APP_ORIGIN}/unlock.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** One of the app's own pages (or a Blob it made): the only place the window may go. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url.startsWith('blob:') ? url.slice('blob:'.length) : url);
  // compared by parts: a custom scheme's origin reads "null" outside Chromium
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === ''
  );
}

/**
 * The file under `root` an app address asks for, or null for anything outside it: an
 * encoded `..`, a backslash or a drive letter that would climb out, another host, a NUL.
 */
export function resolveAppFile(root: string, url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\') || /(^|\/)\.\.(\/|$)/.test(pathname)) {
    return null;
  }
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(base + path.sep) ? file : null;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Module scripts load only with a script type, so every file says what it is. */
export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A site the office named in its settings, as the system browser may be sent to it. */
interface Site {
  protocol: 'https:' | 'http:';
  host: string;
}

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** The facility's own addresses (its web address today), as settings hold them. */
export function allowedSites(addresses: readonly (string | null)[]): Site[] {
  const sites: Site[] = [];
  for (const address of addresses) {
    const text = address?.trim();
    if (!text) continue;
    // a supervisor types "www.example.org" as often as "https://www.example.org"
    const parsed = parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) continue;
    sites.push({ protocol: parsed.protocol, host: parsed.host.toLowerCase() });
  }
  return sites;
}

/**
 * Whether a link may open in the system browser: only to the facility's own sites, over
 * https (or http only where the office itself named http), never with a user name or
 * password in the address, which can disguise where a link goes.
 */
export function externalLinkAllowed(url: string, sites: readonly Site[]): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.host;
  return sites.some(
    (site) =>
      (parsed.protocol === 'https:' || parsed.protocol === site.protocol) &&
      // www.example.org and example.org are the same site; a port must match as named
      bareHost(host) === bareHost(site.host),
  );
}

/** DevTools let anyone call window.api by hand: only when a developer asks for them. */
export function devToolsAllowed(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return argv.includes('--devtools') || env.CLAIMDESK_DEVTOOLS === '1';
}
