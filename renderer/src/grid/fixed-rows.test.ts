import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopShowing, type Geometry } from './fixed-rows';

const g: Geometry = { rowHeight: 34, headerHeight: 30, overscan: 2 };

describe('fixed-height rows', () => {
  it('draws the rows on screen below the header and the overscan either side', () => {
    // 300 px: 270 under the header, rows 0..7 on screen (the eighth partly)
    expect(rowWindow(0, 300, 1000, g)).toEqual({ first: 0, last: 10, slots: 13 });
    // scrolled 3.5 rows: row 3 partly under the header, row 11 partly at the bottom
    expect(rowWindow(3.5 * 34, 300, 1000, g)).toEqual({ first: 1, last: 13, slots: 13 });
    expect(rowWindow(999 * 34, 300, 1000, g)).toMatchObject({ first: 997, last: 999 });
    expect(rowWindow(0, 300, 0, g)).toMatchObject({ first: 0, last: -1 });
  });

  it('covers every row visible at any scroll, and never more slots than it says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 31, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, height, at) => {
          const max = Math.max(0, g.headerHeight + total * g.rowHeight - height);
          const scrollTop = Math.round(at * max);
          const w = rowWindow(scrollTop, height, total, g);
          // the first and last pixel rows of the viewport below the header
          const firstSeen = Math.floor(scrollTop / g.rowHeight);
          const lastSeen = Math.min(
            total - 1,
            Math.floor((scrollTop + height - g.headerHeight - 1) / g.rowHeight),
          );
          expect(w.first).toBeLessThanOrEqual(firstSeen);
          expect(w.last).toBeGreaterThanOrEqual(lastSeen);
          // each row drawn has a slot of its own
          expect(w.last - w.first + 1).toBeLessThanOrEqual(w.slots);
        },
      ),
    );
  });

  it('scrolls a row into view below the header only when it is not already whole on screen', () => {
    // viewport 300: rows 0..7 fully shown at scrollTop 0 (row 7 ends at 30 + 272 = 302)
    expect(scrollTopShowing(3, 0, 300, g)).toBe(0);
    expect(scrollTopShowing(7, 0, 300, g)).toBe(2);
    expect(scrollTopShowing(100, 0, 300, g)).toBe(30 + 101 * 34 - 300);
    // above: its top to the header's bottom edge
    expect(scrollTopShowing(5, 40 * 34, 300, g)).toBe(5 * 34);
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.nat(3_000_000),
        fc.integer({ min: 64, max: 2000 }),
        (i, s, h) => {
          const to = scrollTopShowing(i, s, h, g);
          // the row lies whole between the header and the bottom of the viewport
          expect(i * g.rowHeight).toBeGreaterThanOrEqual(to);
          expect(g.headerHeight + (i + 1) * g.rowHeight).toBeLessThanOrEqual(to + h);
        },
      ),
    );
  });
});
