import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { rowWindow, scrollTopShowing, type Geometry, type RowWindow } from './fixed-rows';
import { listMoveKeys } from './list-keys';

export interface FixedRows extends RowWindow {
  /** the grid's scrolling element: the rows sit in it below its sticky header */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** the rows drawn, first to last */
  indexes: number[];
  /**
   * The key a drawn row is given: its slot on screen, not its row. A row scrolled in takes
   * the elements of one that left, so scrolling makes and drops no rows.
   */
  slotKey: (index: number) => number;
  /** Scrolls as little as brings row `index` whole on screen (none when it is). */
  scrollToRow: (index: number) => void;
  /**
   * The keys that move the current row (list-keys), each landing within the list and
   * scrolling the row it lands on into view.
   */
  moveKeys: (current: number, select: (index: number) => void) => Record<string, () => void>;
}

/**
 * The rows of a grid of `total` rows, all `g.rowHeight` high, that are on screen (and
 * `g.overscan` beyond): the grid renders again only when a scroll brings a new first row,
 * and allocates nothing on the way (a number kept in state).
 */
export function useFixedRows(total: number, g: Geometry): FixedRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [topRow, setTopRow] = useState(0);
  const [height, setHeight] = useState(0);
  const { rowHeight } = g;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let shownTop = -1;
    // Rendered within the scroll event, as Chromium dispatches it in the frame that shows
    // the new position: a render left to a later task could miss that frame, and the frame
    // would show the rows' old places, blank.
    const onScroll = () => {
      const top = Math.floor(el.scrollTop / rowHeight);
      if (top === shownTop) return;
      shownTop = top;
      flushSync(() => setTopRow(top));
    };
    const resized = new ResizeObserver(() => setHeight(el.clientHeight));
    setHeight(el.clientHeight);
    shownTop = Math.floor(el.scrollTop / rowHeight);
    setTopRow(shownTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, [rowHeight]);

  const shown = rowWindow(topRow * rowHeight, height, total, g);
  const indexes: number[] = [];
  for (let i = shown.first; i <= shown.last; i++) indexes.push(i);

  const scrollToRow = (index: number) => {
    const el = scrollRef.current;
    if (!el || index < 0) return;
    const to = scrollTopShowing(index, el.scrollTop, el.clientHeight, g);
    if (to !== el.scrollTop) el.scrollTop = to;
  };
  const moveKeys = (current: number, select: (index: number) => void) =>
    listMoveKeys(current, total, scrollRef.current?.clientHeight, rowHeight, (to) => {
      const next = Math.max(0, Math.min(total - 1, to));
      select(next);
      scrollToRow(next);
    });
  return {
    ...shown,
    scrollRef,
    indexes,
    slotKey: (index) => index % shown.slots,
    scrollToRow,
    moveKeys,
  };
}
