import type { Cents } from '../money/cents';

/** Aging buckets by days since the open amount arose; the last one is open-ended. */
export const AGING_BUCKETS = [
  { key: 'current', label: '0-30', minDays: 0, maxDays: 30 },
  { key: 'd31_60', label: '31-60', minDays: 31, maxDays: 60 },
  { key: 'd61_90', label: '61-90', minDays: 61, maxDays: 90 },
  { key: 'd91_120', label: '91-120', minDays: 91, maxDays: 120 },
  { key: 'over120', label: 'Over 120', minDays: 121, maxDays: null },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]['key'];
export const AGING_BUCKET_KEYS = AGING_BUCKETS.map((b) => b.key) as [
  AgingBucketKey,
  ...AgingBucketKey[],
];

export type AgingBuckets = Record<AgingBucketKey, Cents>;

/** Amounts dated in the future (or today) count as current. */
export function bucketForAge(ageDays: number): AgingBucketKey {
  for (const b of AGING_BUCKETS) {
    if (b.maxDays === null || ageDays <= b.maxDays) return b.key;
  }
  return 'over120';
}
