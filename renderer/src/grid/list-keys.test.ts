import { describe, expect, it } from 'vitest';
import { listMoveKeys } from './list-keys';

/** Where each key moves from row `current`, given the list and the visible height. */
function moves(current: number, count: number, viewport: number | undefined, rowHeight = 34) {
  const to: Record<string, number> = {};
  const keys = listMoveKeys(current, count, viewport, rowHeight, (i) => (to.last = i));
  return Object.fromEntries(
    Object.entries(keys).map(([key, run]) => {
      run();
      return [key, to.last];
    }),
  );
}

describe('listMoveKeys', () => {
  it('moves a row with the arrows and j/k, to the ends with Home and End', () => {
    expect(moves(5, 100, 340)).toMatchObject({
      ArrowDown: 6,
      j: 6,
      ArrowUp: 4,
      k: 4,
      Home: 0,
      End: 99,
    });
  });

  it('moves a screenful less one row with Page Up and Page Down', () => {
    // 340 px shows 10 rows of 34 px: a page keeps one row in view
    expect(moves(20, 100, 340)).toMatchObject({ PageDown: 29, PageUp: 11 });
  });

  it('still moves a row per page in a window too short for two rows', () => {
    expect(moves(20, 100, 40)).toMatchObject({ PageDown: 21, PageUp: 19 });
  });

  it('assumes a usual height before the list has been measured', () => {
    expect(moves(0, 100, undefined, 40)).toMatchObject({ PageDown: 9 });
  });
});
