import { describe, expect, it } from 'vitest';
import { rotate, weekOf, type Rotated } from './rotation';

/** One good backup a day at noon UTC from `first` for `days` days. */
function daily(first: string, days: number): Rotated[] {
  const start = Date.parse(`${first}T12:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(start + i * 86_400_000).toISOString();
    return { id: `${at.slice(0, 10)}T12-00-00Z`, day: at.slice(0, 10), ok: true };
  });
}

describe('rotation of backups', () => {
  it('weeks start on Monday', () => {
    expect(weekOf('2026-03-16')).toBe('2026-03-16'); // a Monday
    expect(weekOf('2026-03-22')).toBe('2026-03-16'); // the Sunday after
    expect(weekOf('2026-03-01')).toBe('2026-02-23'); // across a month
  });

  it('keeps everything while there are fewer than seven', () => {
    const backups = daily('2026-03-10', 5);
    expect(rotate(backups)).toEqual({
      keep: backups.map((b) => b.id).reverse(),
      remove: [],
    });
  });

  it('keeps 7 daily, 4 weekly and 12 monthly out of two years of daily backups', () => {
    const backups = daily('2024-03-01', 731); // to 2026-03-01, a Sunday
    const { keep, remove } = rotate(backups);
    expect(keep.length + remove.length).toBe(731);
    // the last seven days
    expect(keep.slice(0, 7)).toEqual(
      ['01', '02-28', '02-27', '02-26', '02-25', '02-24', '02-23'].map((d) =>
        d.length === 2 ? `2026-03-${d}T12-00-00Z` : `2026-${d}T12-00-00Z`,
      ),
    );
    // the newest of each of the last four weeks: Sundays, the current week's being today
    for (const sunday of ['2026-02-22', '2026-02-15', '2026-02-08']) {
      expect(keep).toContain(`${sunday}T12-00-00Z`);
    }
    // the last day of each of the last twelve months (March's newest is its first)
    for (const end of ['2026-02-28', '2026-01-31', '2025-12-31', '2025-04-30']) {
      expect(keep).toContain(`${end}T12-00-00Z`);
    }
    expect(keep).not.toContain('2025-03-31T12-00-00Z'); // the thirteenth month back
    expect(keep).not.toContain('2026-02-21T12-00-00Z'); // not the newest of its week
    // 7 days + 3 more Sundays + 11 more month-ends (Feb 28 is a daily one already)
    expect(keep).toHaveLength(7 + 3 + 10);
  });

  it('keeps only the newest of several backups in one day', () => {
    const backups: Rotated[] = [
      { id: '2026-03-16T08-00-00Z', day: '2026-03-16', ok: true },
      { id: '2026-03-16T12-00-00Z', day: '2026-03-16', ok: true },
      { id: '2026-03-16T17-30-00Z', day: '2026-03-16', ok: true },
    ];
    expect(rotate(backups)).toEqual({
      keep: ['2026-03-16T17-30-00Z'],
      remove: ['2026-03-16T12-00-00Z', '2026-03-16T08-00-00Z'],
    });
  });

  it('never keeps a failed backup in place of a good one, and keeps a failure newer than every good one', () => {
    const backups: Rotated[] = [
      { id: '2026-03-14T12-00-00Z', day: '2026-03-14', ok: true },
      { id: '2026-03-15T12-00-00Z', day: '2026-03-15', ok: false },
      { id: '2026-03-15T09-00-00Z', day: '2026-03-15', ok: true },
      { id: '2026-03-16T12-00-00Z', day: '2026-03-16', ok: false },
    ];
    const { keep, remove } = rotate(backups);
    expect(keep).toEqual([
      '2026-03-16T12-00-00Z',
      '2026-03-15T12-00-00Z',
      '2026-03-15T09-00-00Z',
      '2026-03-14T12-00-00Z',
    ]);
    expect(remove).toEqual([]);
    // once a good backup is newer, the failures go
    const later = rotate([...backups, { id: '2026-03-17T12-00-00Z', day: '2026-03-17', ok: true }]);
    expect(later.remove).toEqual(['2026-03-16T12-00-00Z', '2026-03-15T12-00-00Z']);
  });
});
