import { useSyncExternalStore } from 'react';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';

/**
 * Hash routes (`#/queue`, `#/accounts/42?from=queue`) so the built files load from disk.
 * Small on purpose: the app has a handful of screens. Posting is `#/posting` and
 * `#/posting/<batchId>`; the day's deposits are `#/cash?date=YYYY-MM-DD`; file imports are
 * `#/imports` (`?tab=exceptions`); denials are `#/denials` with their filters in the query.
 * A denial's appeal letter is drafted at `#/appeal/<denialId>`; statement runs are
 * `#/statements` and letter templates `#/templates` (`?template=<id>&copy=<copyId>`);
 * payers are `#/payers` (`?payer=<id>`); collection agencies `#/agencies` (`?agency=<id>`);
 * what waits for a supervisor is `#/approvals`; a supervisor's audit trail is `#/audit` and
 * backups `#/backups`; reports `#/reports?report=<id>` with their filters.
 * Office settings are `#/settings?tab=facility|rules|reasons|users`; the older
 * `#/facility` still leads to the facility tab.
 */
export type Route =
  | { name: 'queue'; params: URLSearchParams }
  | { name: 'account'; accountId: number; params: URLSearchParams }
  | { name: 'posting'; batchId: number | null }
  | { name: 'cash'; date: IsoDate | null }
  | { name: 'imports'; params: URLSearchParams }
  | { name: 'denials'; params: URLSearchParams }
  | { name: 'appeal'; denialId: number }
  | { name: 'statements' }
  | { name: 'templates'; params: URLSearchParams }
  | { name: 'payers'; params: URLSearchParams }
  | { name: 'agencies'; params: URLSearchParams }
  | { name: 'approvals' }
  | { name: 'reports'; params: URLSearchParams }
  | { name: 'settings'; tab: SettingsTab }
  | { name: 'audit' }
  | { name: 'backups' }
  | { name: 'notSynced' }
  | { name: 'notFound'; path: string };

export const SETTINGS_TABS = ['facility', 'rules', 'reasons', 'users', 'codes', 'office'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

function settingsTab(value: string | null): SettingsTab {
  return SETTINGS_TABS.find((t) => t === value) ?? 'facility';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === '' || path === '/' || path === '/queue') return { name: 'queue', params };
  const account = /^\/accounts\/([1-9]\d*)$/.exec(path);
  if (account) return { name: 'account', accountId: Number(account[1]), params };
  const posting = /^\/posting(?:\/([1-9]\d*))?$/.exec(path);
  if (posting) return { name: 'posting', batchId: posting[1] ? Number(posting[1]) : null };
  if (path === '/cash') {
    const date = params.get('date');
    return { name: 'cash', date: isIsoDate(date) ? date : null };
  }
  if (path === '/imports') return { name: 'imports', params };
  if (path === '/denials') return { name: 'denials', params };
  const appeal = /^\/appeal\/([1-9]\d*)$/.exec(path);
  if (appeal) return { name: 'appeal', denialId: Number(appeal[1]) };
  if (path === '/statements') return { name: 'statements' };
  if (path === '/templates') return { name: 'templates', params };
  if (path === '/payers') return { name: 'payers', params };
  if (path === '/agencies') return { name: 'agencies', params };
  if (path === '/approvals') return { name: 'approvals' };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/backups') return { name: 'backups' };
  if (path === '/not-synced') return { name: 'notSynced' };
  if (path === '/reports') return { name: 'reports', params };
  if (path === '/facility') return { name: 'settings', tab: 'facility' };
  if (path === '/settings') return { name: 'settings', tab: settingsTab(params.get('tab')) };
  return { name: 'notFound', path };
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}

const LAST_QUEUE = 'claimdesk.lastQueue';

/**
 * The list an account was opened from (the work queue or the denials, with their filters)
 * so "back" from the account returns to the same list.
 */
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

/** Drafting the appeal letter for a denial. */
export function appealPath(denialId: number): string {
  return `/appeal/${denialId}`;
}

export function batchPath(batchId: number): string {
  return `/posting/${batchId}`;
}

export function cashPath(date: IsoDate): string {
  return `/cash?date=${date}`;
}
