/**
 * What the renderer benchmark runs inside the page. These functions are sent to Chromium
 * as source text, so they use only what they are given and the page's own globals (typed
 * here by hand: the main process's TypeScript has no DOM library).
 */

/** One animation frame while a phase of the benchmark ran. */
export interface FrameSample {
  phase: string;
  /** the frame's start (its rAF timestamp), ms since navigation start */
  start: number;
  /** when the frame's main-thread work ended: the first task after its rendering */
  end: number;
  /** time since the previous frame started */
  interval: number;
}

export interface LongFrame {
  phase: string;
  start: number;
  duration: number;
  blocking: number;
}

export interface Probe {
  phase: string | null;
  frames: FrameSample[];
  longFrames: LongFrame[];
  longFramesSupported: boolean;
  /** ms since navigation start; null until it happened */
  firstRowsInDom: number | null;
  firstRowsPainted: number | null;
  keyDown: number | null;
  selectionPainted: number | null;
}

interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
}

interface PageGlobals {
  __frameProbe: Probe;
  performance: {
    now(): number;
    mark(name: string): void;
    getEntriesByType(type: 'navigation'): { domContentLoadedEventEnd: number }[];
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: null): void };
  };
  PerformanceObserver: (new (
    callback: (list: {
      getEntries(): { startTime: number; duration: number; blockingDuration?: number }[];
    }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void }) & {
    supportedEntryTypes: readonly string[];
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean | string[]>): void;
    disconnect(): void;
  };
  document: {
    querySelector(selector: string): PageElement | null;
    getElementById(id: string): PageElement | null;
    addEventListener(
      type: 'keydown',
      listener: (e: { timeStamp: number }) => void,
      capture: boolean,
    ): void;
  };
}

/**
 * Installed before the app's own scripts. Every frame's rAF callback posts a message to
 * itself: the message runs as the first task after the frame's rendering (style, layout,
 * paint), so "rAF timestamp to message" is the main-thread work of that frame, whatever
 * its size, including a scroll handler's React render that ran before the rAF callbacks.
 * Long-animation-frame entries are kept as a cross-check: Chromium reports only frames of
 * 50 ms or more, so they can show a frame that blew its budget but never prove 16 ms.
 */
export function installProbe(): void {
  const w = globalThis as unknown as PageGlobals;
  const probe: Probe = {
    phase: null,
    frames: [],
    longFrames: [],
    longFramesSupported: w.PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'),
    firstRowsInDom: null,
    firstRowsPainted: null,
    keyDown: null,
    selectionPainted: null,
  };
  w.__frameProbe = probe;

  const channel = new w.MessageChannel();
  let pending: Omit<FrameSample, 'end'> | null = null;
  let afterPaint: (() => void)[] = [];
  let lastStart: number | null = null;
  channel.port1.onmessage = () => {
    const now = w.performance.now();
    if (pending) probe.frames.push({ ...pending, end: now });
    pending = null;
    const waiting = afterPaint;
    afterPaint = [];
    for (const f of waiting) f();
  };
  const tick = (start: number) => {
    if (probe.phase !== null)
      pending = { phase: probe.phase, start, interval: lastStart === null ? 0 : start - lastStart };
    lastStart = start;
    channel.port2.postMessage(null);
    w.requestAnimationFrame(tick);
  };
  w.requestAnimationFrame(tick);
  // the end of the next frame's rendering: when what is in the DOM now is on screen
  const whenPainted = (record: (at: number) => void) =>
    w.requestAnimationFrame(() => afterPaint.push(() => record(w.performance.now())));

  if (probe.longFramesSupported)
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.longFrames.push({
          phase: probe.phase ?? 'start',
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration ?? 0,
        });
    }).observe({ type: 'long-animation-frame', buffered: true });

  // the first queue row with its data (not waiting for its page), and the second row
  // becoming the selected one after the first key press
  const rows = new w.MutationObserver(() => {
    if (
      probe.firstRowsInDom === null &&
      w.document.querySelector('.queue-row[aria-rowindex="2"]:not([aria-busy="true"])')
    ) {
      probe.firstRowsInDom = w.performance.now();
      whenPainted((at) => (probe.firstRowsPainted = at));
    }
    if (
      probe.keyDown !== null &&
      probe.selectionPainted === null &&
      w.document.querySelector('.queue-row[aria-rowindex="3"][aria-selected="true"]')
    ) {
      rows.disconnect();
      whenPainted((at) => (probe.selectionPainted = at));
    }
  });
  // the document itself: an init script runs before there is a root element
  rows.observe(w.document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-selected', 'aria-busy'],
  });
  w.document.addEventListener(
    'keydown',
    (e) => {
      // the event's own timestamp: when the key went down, before any queueing in the page
      if (probe.keyDown === null) probe.keyDown = e.timeStamp;
      // capture: seen before any handler of the app can stop it
    },
    true,
  );
}

/**
 * True once the grid rests at `scrollTop` (within a pixel, or at its end) and every row on
 * screen shows its data rather than waiting for its page (aria-busy).
 */
export function rowsShownAt(arg: { scrollTop: number; rowHeight: number }): boolean {
  const w = globalThis as unknown as PageGlobals;
  const grid = w.document.querySelector('[role="grid"]');
  if (!grid) return false;
  const end = grid.scrollHeight - grid.clientHeight;
  if (Math.abs(grid.scrollTop - Math.min(arg.scrollTop, end)) > 1) return false;
  const first = Math.floor(grid.scrollTop / arg.rowHeight);
  const last = Math.floor((grid.scrollTop + grid.clientHeight) / arg.rowHeight) - 1;
  for (let i = first; i <= last; i++) {
    const row = w.document.getElementById(`queue-row-${i}`);
    // rows past the end of the queue do not exist
    if (!row) return i > first && grid.scrollTop >= end - 1;
    if (row.getAttribute('aria-busy') === 'true') return false;
  }
  return true;
}

/** The grid's scroll position and size, after setting its scrollTop when given. */
export function gridScroll(to: number | null): {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
} {
  const w = globalThis as unknown as PageGlobals;
  const grid = w.document.querySelector('[role="grid"]');
  if (!grid) throw new Error('no grid on the page');
  if (to !== null) grid.scrollTop = to;
  return {
    scrollTop: grid.scrollTop,
    scrollHeight: grid.scrollHeight,
    clientHeight: grid.clientHeight,
  };
}

/** Starts (or with null ends) a phase, marked for a trace too (PHASE_MARK in frames-trace.ts). */
export function setPhase(phase: string | null): void {
  const w = globalThis as unknown as PageGlobals;
  w.__frameProbe.phase = phase;
  w.performance.mark(`frames:${phase ?? ''}`);
}

/**
 * When the document's scripts had run (module scripts run before DOMContentLoaded ends):
 * what opening the window costs before the app asks for any data.
 */
export function scriptsRunAt(): number {
  const w = globalThis as unknown as PageGlobals;
  return w.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? Number.NaN;
}

/** True once the probe is installed and has recorded `key`. */
export function probeHas(key: 'firstRowsPainted' | 'selectionPainted'): boolean {
  const probe = (globalThis as unknown as Partial<PageGlobals>).__frameProbe;
  return probe !== undefined && probe[key] !== null;
}

export function readProbe(): Probe {
  return (globalThis as unknown as PageGlobals).__frameProbe;
}
