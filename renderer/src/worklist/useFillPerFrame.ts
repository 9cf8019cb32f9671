import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** `rows` as drawn now: those already drawn, then the first `budget` new ones, top down. */
export function withinBudget<T>(
  rows: readonly (T | undefined)[],
  drawn: ReadonlySet<T>,
  budget: number,
): (T | undefined)[] {
  let left = budget;
  return rows.map((row) => {
    if (!row || drawn.has(row)) return row;
    if (left === 0) return undefined;
    left--;
    return row;
  });
}

/** How many new rows a frame fills: the render that brings them (a scroll's), then the rest. */
export interface FillBudget {
  /** in the render whose rows changed: a scroll's, which also moves and empties every slot */
  arriving: number;
  /** in each frame after it, until every row is drawn */
  perFrame: number;
}

/**
 * The budget of a render of `rows`: `perFrame` when they are the rows the last fill was for
 * (the frames after a scroll filling those that waited), `arriving` when any changed.
 */
export function fillBudget<T>(
  rows: readonly (T | undefined)[],
  filledFor: readonly (T | undefined)[],
  budget: FillBudget,
): number {
  const same = rows.length === filledFor.length && rows.every((r, i) => r === filledFor[i]);
  return same ? budget.perFrame : budget.arriving;
}

const drawnOf = <T>(shown: readonly (T | undefined)[]): ReadonlySet<T> =>
  new Set(shown.filter((r): r is T => r !== undefined));

interface Filled<T> {
  drawn: ReadonlySet<T>;
  /** the rows the last fill was for */
  rows: readonly (T | undefined)[];
}

/**
 * The rows on screen as this render draws them: a row already drawn keeps its data; of
 * those new to the screen, the first few (top down) get theirs now and the rest wait, empty,
 * for the next frame. A jump or a wheel turn of a screen's height would otherwise draw every
 * row's text in one frame; this bounds a frame's work whatever the scroll, at the cost of
 * the lower rows appearing a frame or a few later. The scroll's own frame fills fewer
 * (`budget.arriving`): it also re-renders every slot, empties those whose row changed and
 * handles the scroll's events, and was the longest frame of a wheel turn.
 */
export function useFillPerFrame<T extends object>(
  rows: readonly (T | undefined)[],
  budget: FillBudget,
): (T | undefined)[] {
  const [filled, setFilled] = useState<Filled<T>>(() => ({ drawn: new Set(), rows: [] }));
  const shown = withinBudget(rows, filled.drawn, fillBudget(rows, filled.rows, budget));
  const waiting = shown.some((row, i) => row !== rows[i]);
  // with nothing waiting, what is drawn is remembered at once (React renders again before
  // committing), so the next scroll counts only the rows new to it
  if (!waiting) {
    const now = drawnOf(shown);
    if (now.size !== filled.drawn.size || [...now].some((r) => !filled.drawn.has(r)))
      setFilled({ drawn: now, rows });
  }

  useEffect(() => {
    if (!waiting) return;
    // The frame after the one that shows these rows fills those that waited, before it
    // lays out. Two animation frames: a render in a scroll event is already in a frame,
    // whose own animation frame callbacks run before it lays out.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() =>
        flushSync(() => setFilled({ drawn: drawnOf(shown), rows })),
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [waiting, shown, rows]);
  return shown;
}
