import type { InputOf } from '../../../shared/api/contract';
import { QUEUE_SORT_KEYS, type QueueSortKey } from '../../../shared/api/queue';
import { AGING_BUCKET_KEYS, type AgingBucketKey } from '../../../shared/aging/buckets';
import { FOLLOW_UP_KIND, type FollowUpKind } from '../../../shared/codes/enums';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';

/** The queue's filters live in the URL (#/queue?payer=3&aging=over120) so Back restores them. */
export interface QueueFilters {
  kind: FollowUpKind | null;
  payerId: number | null;
  agingBucket: AgingBucketKey | null;
  ownerId: number | 'unassigned' | null;
  dueOnOrBefore: IsoDate | null;
  sortBy: QueueSortKey;
  sortDir: 'asc' | 'desc';
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;

const positiveInt = (v: string | null): number | null =>
  v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;

export function filtersFromParams(p: URLSearchParams): QueueFilters {
  const owner = p.get('owner');
  const due = p.get('due');
  return {
    kind: oneOf(FOLLOW_UP_KIND.keys, p.get('kind')),
    payerId: positiveInt(p.get('payer')),
    agingBucket: oneOf(AGING_BUCKET_KEYS, p.get('aging')),
    ownerId: owner === 'unassigned' ? 'unassigned' : positiveInt(owner),
    dueOnOrBefore: due && isIsoDate(due) ? due : null,
    sortBy: oneOf(QUEUE_SORT_KEYS, p.get('sort')) ?? 'priority',
    sortDir: p.get('dir') === 'asc' ? 'asc' : 'desc',
  };
}

export function paramsFromFilters(f: QueueFilters): string {
  const p = new URLSearchParams();
  if (f.kind) p.set('kind', f.kind);
  if (f.payerId) p.set('payer', String(f.payerId));
  if (f.agingBucket) p.set('aging', f.agingBucket);
  if (f.ownerId) p.set('owner', String(f.ownerId));
  if (f.dueOnOrBefore) p.set('due', f.dueOnOrBefore);
  if (f.sortBy !== 'priority') p.set('sort', f.sortBy);
  if (f.sortDir !== 'desc') p.set('dir', f.sortDir);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function toInput(f: QueueFilters, offset: number, limit: number): InputOf<'listQueue'> {
  return { ...f, offset, limit };
}

export function hasFilters(f: QueueFilters): boolean {
  return Boolean(f.kind || f.payerId || f.agingBucket || f.ownerId || f.dueOnOrBefore);
}
