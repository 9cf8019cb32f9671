import type { InputOf } from '../../../shared/api/contract';
import {
  DENIAL_CATEGORY,
  DENIAL_STATE,
  type DenialCategory,
  type DenialState,
} from '../../../shared/codes/denials';

export const DENIAL_PAGE_SIZE = 100;

export const DENIAL_SORTS = [
  { value: 'deadline', label: 'Deadline' },
  { value: 'amount', label: 'Amount' },
  { value: 'payer', label: 'Payer' },
  { value: 'category', label: 'Category' },
] as const;
export type DenialSort = (typeof DENIAL_SORTS)[number]['value'];

/** The denials list's filters live in the URL (#/denials?payer=3&page=2) so Back restores them. */
export interface DenialFilters {
  payerId: number | null;
  category: DenialCategory | null;
  state: DenialState | null;
  sortBy: DenialSort;
  showResolved: boolean;
  page: number;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;

const positiveInt = (v: string | null): number | null =>
  v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;

export function denialFiltersFromParams(p: URLSearchParams): DenialFilters {
  return {
    payerId: positiveInt(p.get('payer')),
    category: oneOf(DENIAL_CATEGORY.keys, p.get('category')),
    state: oneOf(DENIAL_STATE.keys, p.get('state')),
    sortBy:
      oneOf(
        DENIAL_SORTS.map((s) => s.value),
        p.get('sort'),
      ) ?? 'deadline',
    showResolved: p.get('resolved') === '1',
    page: positiveInt(p.get('page')) ?? 1,
  };
}

export function denialPath(f: DenialFilters): string {
  const p = new URLSearchParams();
  if (f.payerId) p.set('payer', String(f.payerId));
  if (f.category) p.set('category', f.category);
  if (f.state) p.set('state', f.state);
  if (f.sortBy !== 'deadline') p.set('sort', f.sortBy);
  if (f.showResolved) p.set('resolved', '1');
  if (f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return `/denials${s ? `?${s}` : ''}`;
}

export function denialInput(f: DenialFilters): InputOf<'listDenials'> {
  return {
    open: !f.showResolved,
    payerId: f.payerId,
    category: f.category,
    state: f.state,
    sortBy: f.sortBy,
    offset: (f.page - 1) * DENIAL_PAGE_SIZE,
    limit: DENIAL_PAGE_SIZE,
  };
}
