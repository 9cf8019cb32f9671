/**
 * Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months
 * that have a good backup (grandfather-father-son). Counted by days that have one, not by
 * the calendar, so an office closed for a fortnight still keeps a week of backups.
 */

export interface Rotated {
  id: string;
  /** The backup's local calendar day, `YYYY-MM-DD`. */
  day: string;
  ok: boolean;
}

export const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;

/** Monday of the day's week, as `YYYY-MM-DD`: weeks are counted Monday to Sunday. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return date.toISOString().slice(0, 10);
}

/** The newest backup in each of the `count` newest buckets. */
function newestPerBucket(good: Rotated[], bucket: (day: string) => string, count: number) {
  const kept = new Map<string, string>();
  for (const b of good) {
    const key = bucket(b.day);
    if (!kept.has(key) && kept.size < count) kept.set(key, b.id);
  }
  return [...kept.values()];
}

/**
 * Splits the backups into those kept and those to remove. Ids sort by time (they are
 * UTC timestamps), newest last or first does not matter. A backup that failed its check is
 * kept while it is newer than every good one, as the evidence a supervisor is shown;
 * after that it is removed.
 */
export function rotate(backups: readonly Rotated[]): { keep: string[]; remove: string[] } {
  const newestFirst = [...backups].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const good = newestFirst.filter((b) => b.ok);
  const keep = new Set([
    ...newestPerBucket(good, (day) => day, KEEP.daily),
    ...newestPerBucket(good, weekOf, KEEP.weekly),
    ...newestPerBucket(good, (day) => day.slice(0, 7), KEEP.monthly),
  ]);
  const newestGood = good[0]?.id ?? '';
  for (const b of newestFirst) if (!b.ok && b.id > newestGood) keep.add(b.id);
  return {
    keep: newestFirst.filter((b) => keep.has(b.id)).map((b) => b.id),
    remove: newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id),
  };
}
