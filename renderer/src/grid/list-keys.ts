import type { KeyboardEvent } from 'react';

/**
 * The keys that move through a long table people work from the keyboard: arrows and j/k
 * by a row, Page Up/Down by a screenful, Home and End.
 */
export function listMoveKeys(
  current: number,
  count: number,
  viewportHeight: number | undefined,
  rowHeight: number,
  move: (index: number) => void,
): Record<string, () => void> {
  const page = Math.max(1, Math.floor((viewportHeight ?? 400) / rowHeight) - 1);
  return {
    ArrowDown: () => move(current + 1),
    j: () => move(current + 1),
    ArrowUp: () => move(current - 1),
    k: () => move(current - 1),
    PageDown: () => move(current + page),
    PageUp: () => move(current - page),
    Home: () => move(0),
    End: () => move(count - 1),
  };
}

/** Runs the key's action, leaving Ctrl, Cmd and Alt combinations to the browser and the app. */
export function runListKey(e: KeyboardEvent, keys: Record<string, () => void>): void {
  const action = keys[e.key];
  if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    action();
  }
}
