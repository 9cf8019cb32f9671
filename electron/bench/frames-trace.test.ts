import { describe, expect, it } from 'vitest';
import { framesFromTrace } from './frames-trace';

const MAIN = { pid: 7, tid: 7 };
const task = (ts: number, dur: number, tdur: number) => ({
  name: 'ThreadControllerImpl::RunTask',
  cat: 'toplevel',
  ph: 'X',
  ts,
  dur,
  tdur,
  ...MAIN,
});
const frameEnd = (ts: number) => ({ name: 'AnimationFrame::Render', ph: 'e', ts, ...MAIN });
const mark = (ts: number, phase: string) => ({
  name: `frames:${phase}`,
  cat: 'blink.user_timing',
  ph: 'I',
  ts,
  ...MAIN,
});

describe('frames from a trace', () => {
  it('counts every task between two rendered frames towards the second, by phase', () => {
    // times in microseconds, as a trace has them
    const trace = JSON.stringify({
      traceEvents: [
        frameEnd(1_000),
        mark(1_500, 'wheel'),
        // the first frame of the phase: two tasks, one of them its rendering
        task(2_000, 10_000, 4_000),
        task(12_500, 6_000, 5_000),
        frameEnd(18_000),
        // the second: one long task
        task(19_000, 30_000, 20_000),
        frameEnd(48_000),
        mark(49_000, ''),
        // after the phases: not counted
        task(50_000, 40_000, 40_000),
        frameEnd(90_000),
        // another thread's frames and tasks are not the page's
        { ...task(2_000, 90_000, 90_000), tid: 8 },
      ],
    });
    const [wheel, all] = framesFromTrace(trace, 16).phases;
    expect(wheel).toEqual({
      phase: 'wheel',
      frames: 2,
      cpu: { p50: 9, p95: 20, max: 20, over16: 1 },
      wall: { p50: 16, p95: 30, max: 30, over16: 1 },
    });
    expect(all?.phase).toBe('all');
    expect(all?.frames).toBe(2);
  });

  it('counts no task as more CPU time than it lasted', () => {
    const trace = JSON.stringify({
      traceEvents: [
        frameEnd(1_000),
        mark(1_500, 'drag'),
        // the thread's clock says 36 ms of CPU in a task of 13 ms
        task(2_000, 13_000, 36_000),
        task(15_500, 1_000, 500),
        frameEnd(17_000),
        mark(18_000, ''),
      ],
    });
    const [drag] = framesFromTrace(trace, 16).phases;
    expect(drag?.cpu).toEqual({ p50: 13.5, p95: 13.5, max: 13.5, over16: 0 });
    expect(drag?.wall.max).toBe(14);
  });

  it('says what each frame over the budget spent its CPU time on', () => {
    const event = (name: string, ts: number, dur: number, args = {}) => ({
      name,
      ph: 'X',
      ts,
      dur,
      tdur: dur,
      args,
      ...MAIN,
    });
    const trace = JSON.stringify({
      traceEvents: [
        frameEnd(1_000),
        mark(1_500, 'wheel'),
        // a frame of 20 ms: a garbage collection in a scroll's render, then its rendering
        task(2_000, 20_000, 20_000),
        event('FunctionCall', 2_100, 9_000),
        event('MajorGC', 3_000, 5_000),
        event('UpdateLayoutTree', 12_000, 3_000, { elementCount: 140 }),
        event('Layout', 15_000, 4_000, { beginData: { dirtyObjects: 270 } }),
        event('Paint', 19_500, 1_000),
        // a layer's paint inside the document's: counted once
        event('Paint', 19_600, 500),
        frameEnd(22_500),
        // a frame within the budget is not listed
        task(23_000, 5_000, 5_000),
        event('Layout', 24_000, 2_000, { beginData: { dirtyObjects: 60 } }),
        frameEnd(28_500),
        mark(29_000, ''),
      ],
    });
    expect(framesFromTrace(trace, 16).long).toEqual([
      {
        phase: 'wheel',
        at: 21,
        cpu: 20,
        gc: 5,
        style: 3,
        styledElements: 140,
        layout: 4,
        laidOutObjects: 270,
        paint: 1,
        rest: 7,
      },
    ]);
  });
});
