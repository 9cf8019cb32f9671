import { percentile } from './measure';

/**
 * Per-frame main-thread work from a Chromium trace, in wall time and in the thread's own
 * CPU time. On a loaded machine the renderer waits for a core much of the time (the wall
 * time of its tasks ran at three to four times their CPU time at a load of 10 on two
 * cores), so the page's own wall-clock measure shows the machine as much as the renderer;
 * the CPU time shows what the renderer asks of a core, as it would run on an idle one.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    elementCount?: number;
    beginData?: { dirtyObjects?: number };
  };
}

/** A frame over the budget and what its CPU time went to, in ms. */
export interface LongTracedFrame {
  phase: string;
  /** ms since the first phase began */
  at: number;
  cpu: number;
  /** V8's and Blink's garbage collection on the main thread */
  gc: number;
  /** style recalculation, and how many elements it restyled */
  style: number;
  styledElements: number;
  /** layout, and how many layout objects it laid out */
  layout: number;
  laidOutObjects: number;
  /** prepaint, paint and layerisation */
  paint: number;
  /** the rest: script (React's renders, event handlers), parsing, the tasks' own time */
  rest: number;
}

export interface TracedFrames {
  phases: TraceFrameStats[];
  /** every frame over the budget, in order */
  long: LongTracedFrame[];
}

export interface TraceFrameStats {
  phase: string;
  frames: number;
  cpu: { p50: number; p95: number; max: number; over16: number };
  wall: { p50: number; p95: number; max: number; over16: number };
}

/** What setPhase marks in the page: `frames:<phase>`, `frames:` when the phases end. */
export const PHASE_MARK = 'frames:';
// the end of a frame's rendering (style, layout, paint) on the main thread
const FRAME_RENDERED = 'AnimationFrame::Render';
// a task of the thread's loop: its name under the 'toplevel' category, and under DevTools'
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/** What the trace needs: the frames, the tasks with their CPU time, the phase marks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'toplevel', 'blink.user_timing'];

function stats(values: number[], budget: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? 0,
    over16: sorted.filter((v) => v > budget).length,
  };
}

// what a long frame's CPU time is told apart by: events that do not nest in one another
const GC = new Set(['MajorGC', 'MinorGC']);
const STYLE = 'UpdateLayoutTree';
const LAYOUT = 'Layout';
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize']);

const cpuOf = (e: TraceEvent) => Math.min(e.tdur ?? 0, e.dur ?? 0) / 1000;

/** What the main-thread events from `from` up to `to` spent their CPU time on. */
function breakdown(events: readonly TraceEvent[], from: number, to: number, cpu: number) {
  const within = events.filter((e) => e.ts >= from && e.ts < to).sort((a, b) => a.ts - b.ts);
  // a layer's Paint runs inside its parent's: only the outermost of a kind is counted
  const sum = (pick: (e: TraceEvent) => boolean) => {
    let total = 0;
    let until = -Infinity;
    for (const e of within.filter(pick)) {
      if (e.ts < until) continue;
      total += cpuOf(e);
      until = e.ts + (e.dur ?? 0);
    }
    return total;
  };
  const gc = sum((e) => GC.has(e.name));
  const style = sum((e) => e.name === STYLE);
  const layout = sum((e) => e.name === LAYOUT);
  const paint = sum((e) => PAINT.has(e.name));
  return {
    gc,
    style,
    styledElements: within
      .filter((e) => e.name === STYLE)
      .reduce((n, e) => n + (e.args?.elementCount ?? 0), 0),
    layout,
    laidOutObjects: within
      .filter((e) => e.name === LAYOUT)
      .reduce((n, e) => n + (e.args?.beginData?.dirtyObjects ?? 0), 0),
    paint,
    rest: Math.max(0, cpu - gc - style - layout - paint),
  };
}

/**
 * A frame's work is every task of the page's main thread that started after the previous
 * frame's rendering ended, up to and including its own rendering: all of it had to run
 * before the frame could be shown.
 */
export function framesFromTrace(json: string, budget: number): TracedFrames {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const frameCounts = new Map<string, number>();
  const isFrameEnd = (e: TraceEvent) => e.name === FRAME_RENDERED && e.ph === 'e';
  for (const e of events)
    if (isFrameEnd(e)) frameCounts.set(key(e), (frameCounts.get(key(e)) ?? 0) + 1);
  const main = [...frameCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) return { phases: [], long: [] };

  const marks = events
    .filter((e) => e.name.startsWith(PHASE_MARK) && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n'))
    .sort((a, b) => a.ts - b.ts);
  const phaseAt = (ts: number): string | null => {
    let phase: string | null = null;
    for (const m of marks) if (m.ts <= ts) phase = m.name.slice(PHASE_MARK.length) || null;
    return phase;
  };
  const onMain = events.filter((e) => key(e) === main && e.ph === 'X' && e.dur !== undefined);
  const frameEnds = events
    .filter((e) => key(e) === main && isFrameEnd(e))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // top-level tasks only: a task run inside another (a nested loop) is counted in its parent
  const tasks: TraceEvent[] = [];
  for (const t of onMain.filter((e) => TASK.has(e.name)).sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || t.ts >= last.ts + (last.dur ?? 0)) tasks.push(t);
  }

  const byPhase = new Map<string, { cpu: number[]; wall: number[] }>();
  const long: LongTracedFrame[] = [];
  const firstMark = marks[0]?.ts ?? 0;
  let previousEnd = frameEnds[0] ?? 0;
  let next = 0;
  for (const end of frameEnds.slice(1)) {
    let cpu = 0;
    let wall = 0;
    let tasksEnd = end;
    while (next < tasks.length && (tasks[next]?.ts ?? 0) < previousEnd) next++;
    // the frame's own tasks: a task that began in the frame before is counted there
    const tasksStart = tasks[next]?.ts ?? end;
    for (; next < tasks.length && (tasks[next]?.ts ?? 0) < end; next++) {
      const dur = tasks[next]?.dur ?? 0;
      tasksEnd = Math.max(tasksEnd, (tasks[next]?.ts ?? 0) + dur);
      // A thread runs no longer than the task lasts; Chromium's thread clock now and then
      // gives a task several times its wall time (36 ms of CPU in 13 ms), a long frame
      // that never was.
      cpu += Math.min(tasks[next]?.tdur ?? 0, dur);
      wall += dur;
    }
    previousEnd = end;
    const phase = phaseAt(end);
    if (phase === null) continue;
    if (cpu / 1000 > budget)
      long.push({
        phase,
        at: (end - firstMark) / 1000,
        cpu: cpu / 1000,
        ...breakdown(onMain, tasksStart, tasksEnd, cpu / 1000),
      });
    const into = byPhase.get(phase) ?? { cpu: [], wall: [] };
    into.cpu.push(cpu / 1000);
    into.wall.push(wall / 1000);
    byPhase.set(phase, into);
  }
  const all = { cpu: [] as number[], wall: [] as number[] };
  const result = [...byPhase].map(([phase, v]) => {
    all.cpu.push(...v.cpu);
    all.wall.push(...v.wall);
    return {
      phase,
      frames: v.cpu.length,
      cpu: stats(v.cpu, budget),
      wall: stats(v.wall, budget),
    };
  });
  return {
    phases: [
      ...result,
      {
        phase: 'all',
        frames: all.cpu.length,
        cpu: stats(all.cpu, budget),
        wall: stats(all.wall, budget),
      },
    ],
    long,
  };
}
