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

const drawnOf = <T>(shown: readonly (T | undefined)[]): ReadonlySet<T> =>
  new Set(shown.filter((r): r is T => r !== undefined));

/**
 * The rows on screen as this render draws them: a row already drawn keeps its data; of
 * those new to the screen, the first `perFrame` (top down) get theirs now and the rest
 * wait, empty, for the next frame. A jump or a wheel turn of a screen's height would
 * otherwise draw every row's text in one frame; this bounds a frame's work whatever the
 * scroll, at the cost of the lower rows appearing one frame later.
 */
export function useFillPerFrame<T extends object>(
  rows: readonly (T | undefined)[],
  perFrame: number,
): (T | undefined)[] {
  const [drawn, setDrawn] = useState<ReadonlySet<T>>(() => new Set());
  const shown = withinBudget(rows, drawn, perFrame);
  const waiting = shown.some((row, i) => row !== rows[i]);
  // with nothing waiting, what is drawn is remembered at once (React renders again before
  // committing), so the next scroll counts only the rows new to it
  if (!waiting) {
    const now = drawnOf(shown);
    if (now.size !== drawn.size || [...now].some((r) => !drawn.has(r))) setDrawn(now);
  }

  useEffect(() => {
    if (!waiting) return;
    // The frame after the one that shows these rows fills those that waited, before it
    // lays out. Two animation frames: a render in a scroll event is already in a frame,
    // whose own animation frame callbacks run before it lays out.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => flushSync(() => setDrawn(drawnOf(shown))));
    });
    return () => cancelAnimationFrame(frame);
  }, [waiting, shown]);
  return shown;
}
