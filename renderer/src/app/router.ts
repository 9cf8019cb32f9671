import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/queue`, `#/accounts/42?from=queue`) so the built files load from disk.
 * Small on purpose: the app has a handful of screens.
 */
export type Route =
  | { name: 'queue'; params: URLSearchParams }
  | { name: 'account'; accountId: number; params: URLSearchParams }
  | { name: 'notFound'; path: string };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === '' || path === '/' || path === '/queue') return { name: 'queue', params };
  const account = /^\/accounts\/(\d+)$/.exec(path);
  if (account) return { name: 'account', accountId: Number(account[1]), params };
  return { name: 'notFound', path };
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}

const LAST_QUEUE = 'claimdesk.lastQueue';

/** The queue remembers its filters so "back to the queue" returns to the same list. */
export function rememberQueuePath(path: string): void {
  sessionStorage.setItem(LAST_QUEUE, path);
}

export function lastQueuePath(): string {
  return sessionStorage.getItem(LAST_QUEUE) ?? '/queue';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function accountPath(accountId: number): string {
  return `/accounts/${accountId}`;
}
