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
  args?: { name?: string };
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

/**
 * A frame's work is every task of the page's main thread that started after the previous
 * frame's rendering ended, up to and including its own rendering: all of it had to run
 * before the frame could be shown.
 */
export function framesFromTrace(json: string, budget: number): TraceFrameStats[] {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const frameCounts = new Map<string, number>();
  const isFrameEnd = (e: TraceEvent) => e.name === FRAME_RENDERED && e.ph === 'e';
  for (const e of events)
    if (isFrameEnd(e)) frameCounts.set(key(e), (frameCounts.get(key(e)) ?? 0) + 1);
  const main = [...frameCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) return [];

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
  let previousEnd = frameEnds[0] ?? 0;
  let next = 0;
  for (const end of frameEnds.slice(1)) {
    let cpu = 0;
    let wall = 0;
    while (next < tasks.length && (tasks[next]?.ts ?? 0) < previousEnd) next++;
    for (; next < tasks.length && (tasks[next]?.ts ?? 0) < end; next++) {
      const dur = tasks[next]?.dur ?? 0;
      // A thread runs no longer than the task lasts; Chromium's thread clock now and then
      // gives a task several times its wall time (36 ms of CPU in 13 ms), a long frame
      // that never was.
      cpu += Math.min(tasks[next]?.tdur ?? 0, dur);
      wall += dur;
    }
    previousEnd = end;
    const phase = phaseAt(end);
    if (phase === null) continue;
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
  return [
    ...result,
    {
      phase: 'all',
      frames: all.cpu.length,
      cpu: stats(all.cpu, budget),
      wall: stats(all.wall, budget),
    },
  ];
}
