/**
 * Windowing by arithmetic for a list whose rows all have one height, under a sticky header.
 * A virtualiser that measures rows keeps an object per row of the list (a million-account
 * queue's worth), and every garbage collection walks them; here where a row is is its index
 * times the height, and nothing is kept per row.
 */

export interface RowWindow {
  /** the first and last rows drawn, overscan included; last < first when there are none */
  first: number;
  last: number;
  /** how many screen slots the rows are drawn in: a row's slot is its index modulo this */
  slots: number;
}

export interface Geometry {
  rowHeight: number;
  /** the sticky header's height, over the top of the scrolled rows */
  headerHeight: number;
  /** rows drawn beyond the screen at each end */
  overscan: number;
}

/** The rows on screen at `scrollTop` in a viewport `height` high, and a few either side. */
export function rowWindow(
  scrollTop: number,
  height: number,
  total: number,
  g: Geometry,
): RowWindow {
  // the rows below the header: the screen holds at most this many, partly shown at both ends
  const onScreen = Math.ceil(Math.max(0, height - g.headerHeight) / g.rowHeight) + 1;
  const slots = onScreen + 2 * g.overscan;
  const top = Math.min(Math.floor(Math.max(0, scrollTop) / g.rowHeight), total - 1);
  const first = Math.max(0, top - g.overscan);
  const last = Math.min(total - 1, top + onScreen - 1 + g.overscan);
  return { first, last, slots };
}

/**
 * The scrollTop that brings row `index` fully on screen below the header, moving as little
 * as it can (the row already shown whole leaves it as it is).
 */
export function scrollTopShowing(
  index: number,
  scrollTop: number,
  height: number,
  g: Geometry,
): number {
  const rowTop = index * g.rowHeight;
  if (rowTop < scrollTop) return rowTop;
  // the rows start below the header in the scrolled content
  const rowBottom = g.headerHeight + rowTop + g.rowHeight;
  if (rowBottom > scrollTop + height) return rowBottom - height;
  return scrollTop;
}
