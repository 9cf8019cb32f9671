import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { InputOf, OutputOf } from '../../shared/api/contract';
import type { Ctx } from '../core/context';
import { dispatch } from '../testing/dispatch';
import { bridgeApi, launchChromium, RENDERER_DIST, serveRenderer } from '../testing/browser-app';
import {
  gridScroll,
  installProbe,
  probeHas,
  readProbe,
  rowsShownAt,
  scriptsRunAt,
  setPhase,
  type FrameSample,
  type Probe,
} from './frames-page';
import { framesFromTrace, TRACE_CATEGORIES, type TracedFrames } from './frames-trace';
import { percentile } from './measure';

/**
 * The renderer benchmark (`npm run bench -- --only frames`): the built renderer in
 * Chromium over the bench database, scrolled as a person scrolls the work queue, with
 * every frame's main-thread work measured in the page (see frames-page.ts).
 */

export const FRAME_BUDGET_MS = 16;
export const INTERACTIVE_BUDGET_MS = 1_000;
// QueueTable's row height: a screen of rows is the grid's height over it
const ROW_HEIGHT = 34;
const root = path.resolve(RENDERER_DIST, '../..');
export const TRACE_FILE = path.join(root, '.bench', 'frames-trace.json');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name === 'dist' || name === 'e2e') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/**
 * Builds the renderer when its bundle is missing or older than its sources, as
 * `npm run build:renderer` does: the production bundle, never React's development one.
 */
export function ensureRendererBuilt(): string {
  const index = path.join(RENDERER_DIST, 'index.html');
  const sources = ['renderer', 'shared'].map((d) => newestMtime(path.join(root, d)));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(...sources))
    return 'renderer/dist is current';
  console.log('Building the renderer (npm run build:renderer)...');
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return 'renderer/dist built now';
}

export interface FrameStats {
  phase: string;
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over16: number;
  /** frames that started more than one and a half frame intervals after the previous */
  late: number;
  /** long-animation-frame entries (50 ms or more) and the longest */
  longFrames: number;
  longestLongFrame: number;
}

export interface StartupResult {
  /** the app's scripts loaded and run (DOMContentLoaded ended) */
  scriptsRun: number;
  firstRowsInDom: number;
  firstRowsPainted: number;
  keyToSelectionPainted: number;
  selectionPainted: number;
  load: string;
}

/** The page's JS heap and DOM, from DevTools, in MB and nodes. */
export interface HeapResult {
  /** used heap after a forced collection, before the scrolling */
  before: number;
  /** used heap as the scrolling ended, garbage and all */
  after: number;
  /** used heap after a forced collection, after the scrolling: what it keeps */
  kept: number;
  /** DOM nodes alive before and after the scrolling (after a collection) */
  nodesBefore: number;
  nodesAfter: number;
}

export interface FramesResult {
  queueRows: number;
  heap: HeapResult;
  startup: StartupResult[];
  scrolling: FrameStats[];
  /** the same frames from a Chromium trace of the scrolling, with CPU time */
  traced: TracedFrames;
  load: { before: string; after: string };
  longFramesSupported: boolean;
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function statsOf(phase: string, frames: readonly FrameSample[], probe: Probe): FrameStats {
  const work = frames.map((f) => f.end - f.start).sort((a, b) => a - b);
  const longFrames = probe.longFrames.filter((l) => phase === 'all' || l.phase === phase);
  return {
    phase,
    frames: work.length,
    p50: percentile(work, 50),
    p95: percentile(work, 95),
    max: work.at(-1) ?? 0,
    over16: work.filter((w) => w > FRAME_BUDGET_MS).length,
    late: frames.filter((f) => f.interval > 1.5 * (1000 / 60)).length,
    longFrames: longFrames.length,
    longestLongFrame: Math.max(0, ...longFrames.map((l) => l.duration)),
  };
}

async function newProbedPage(browser: Browser, url: string, ctx: Ctx): Promise<Page> {
  // a fresh context: nothing cached from an earlier opening
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // tsx names the functions it compiles with a helper the page does not have
  await page.addInitScript('globalThis.__name = (f) => f;');
  // results cross as the app's IPC carries them: one buffer, not value by value
  await bridgeApi(page, ctx, { json: true });
  await page.addInitScript(installProbe);
  await page.goto(url);
  return page;
}

/** Opens the app on the queue, waits for its rows and moves the selection with a key. */
async function openQueue(browser: Browser, url: string, ctx: Ctx): Promise<[Page, StartupResult]> {
  const page = await newProbedPage(browser, url, ctx);
  await page.waitForFunction(probeHas, 'firstRowsPainted' as const, { polling: 'raf' });
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(probeHas, 'selectionPainted' as const, { polling: 'raf' });
  const p = await page.evaluate(readProbe);
  const scriptsRun = await page.evaluate(scriptsRunAt);
  const at = (v: number | null) => {
    if (v === null) throw new Error('frames: a startup time was not recorded');
    return v;
  };
  return [
    page,
    {
      scriptsRun,
      firstRowsInDom: at(p.firstRowsInDom),
      firstRowsPainted: at(p.firstRowsPainted),
      selectionPainted: at(p.selectionPainted),
      keyToSelectionPainted: at(p.selectionPainted) - at(p.keyDown),
      load: load(),
    },
  ];
}

async function waitShown(page: Page, scrollTop: number): Promise<void> {
  await page.waitForFunction(rowsShownAt, { scrollTop, rowHeight: ROW_HEIGHT }, { polling: 'raf' });
}

/**
 * The scrolling a person does: the wheel a screen at a time from the top, the scrollbar
 * dragged from top to bottom through every row, then flung to the end and back to the
 * top. Each step waits until the rows on screen show their data: the frames measured
 * include fetching and drawing them.
 */
async function scrollQueue(
  page: Page,
  screens: number,
  dragSteps: number,
): Promise<{ probe: Probe; traced: TracedFrames; heap: HeapResult }> {
  const grid = page.getByRole('grid', { name: /Work queue/ });
  const box = await grid.boundingBox();
  if (!box) throw new Error('frames: the work queue grid is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const start = await page.evaluate(gridScroll, null);
  const screen = start.clientHeight;
  const end = start.scrollHeight - start.clientHeight;

  // what the page holds before and after: garbage made and memory kept by the scrolling
  const devtools = await page.context().newCDPSession(page);
  const usedMb = async () => (await devtools.send('Runtime.getHeapUsage')).usedSize / (1024 * 1024);
  const collected = async () => {
    await devtools.send('HeapProfiler.collectGarbage');
    return {
      mb: await usedMb(),
      nodes: (await devtools.send('Memory.getDOMCounters')).nodes,
    };
  };
  const heapBefore = await collected();

  const browser = page.context().browser();
  if (!browser) throw new Error('frames: the page has no browser to trace');
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate(setPhase, 'wheel');
  for (let i = 1; i <= screens && i * screen <= end; i++) {
    await page.mouse.wheel(0, screen);
    await waitShown(page, i * screen);
  }

  await page.evaluate(setPhase, 'scrollbar drag');
  await page.evaluate(gridScroll, 0);
  for (let i = 1; i <= dragSteps; i++) {
    const to = Math.round((end * i) / dragSteps);
    await page.evaluate(gridScroll, to);
    await waitShown(page, to);
  }

  for (const [phase, to] of [
    ['jump to the top', 0],
    ['jump to the end', end],
    ['jump back to the top', 0],
  ] as const) {
    await page.evaluate(setPhase, phase);
    await page.evaluate(gridScroll, to);
    await waitShown(page, to);
  }
  await page.evaluate(setPhase, null);
  const trace = await browser.stopTracing();
  const heapAfter = await usedMb();
  const heapKept = await collected();
  await devtools.detach();
  // for a look at the slow frames in the Performance panel of Chromium's DevTools
  fs.writeFileSync(TRACE_FILE, trace);
  return {
    probe: await page.evaluate(readProbe),
    traced: framesFromTrace(trace.toString('utf8'), FRAME_BUDGET_MS),
    heap: {
      before: heapBefore.mb,
      after: heapAfter,
      kept: heapKept.mb,
      nodesBefore: heapBefore.nodes,
      nodesAfter: heapKept.nodes,
    },
  };
}

export async function framesBenchmark(
  ctx: Ctx,
  options: { screens: number; dragSteps: number; openings: number },
): Promise<FramesResult> {
  console.log(ensureRendererBuilt());
  // what the queue screen shows with no filter: the default sort, due today or earlier
  const first = dispatch(ctx, 'listQueue', { limit: 1 } satisfies InputOf<'listQueue'>);
  if (!first.ok) throw new Error(`frames: listQueue failed: ${first.error.message}`);
  const queueRows = (first.value as OutputOf<'listQueue'>).total;

  const server = await serveRenderer();
  const browser = await launchChromium();
  const before = load();
  try {
    const url = `${server.url}#/queue`;
    const startup: StartupResult[] = [];
    for (let i = 0; i < options.openings; i++) {
      const [page, s] = await openQueue(browser, url, ctx);
      startup.push(s);
      await page.context().close();
    }
    const [page] = await openQueue(browser, url, ctx);
    const { probe, traced, heap } = await scrollQueue(page, options.screens, options.dragSteps);
    await page.context().close();
    const phases = [...new Set(probe.frames.map((f) => f.phase))];
    const scrolling = [
      ...phases.map((ph) =>
        statsOf(
          ph,
          probe.frames.filter((f) => f.phase === ph),
          probe,
        ),
      ),
      statsOf('all', probe.frames, probe),
    ];
    return {
      queueRows,
      heap,
      startup,
      scrolling,
      traced,
      load: { before, after: load() },
      longFramesSupported: probe.longFramesSupported,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (v: number) => v.toFixed(1).padStart(7);

export function printFrames(r: FramesResult): void {
  console.log(
    `Work queue: ${r.queueRows.toLocaleString('en-US')} rows` +
      (r.queueRows < 100_000
        ? ' (fewer than 100,000 on this database: measured over all of them)'
        : ''),
  );
  console.log(`load average (1, 5, 15 min): ${r.load.before} before, ${r.load.after} after`);
  console.log('\nOpening the window on the queue (ms since navigation start):');
  for (const s of r.startup)
    console.log(
      `  scripts run ${ms(s.scriptsRun)}, first rows in the DOM ${ms(s.firstRowsInDom)}, painted ${ms(s.firstRowsPainted)}; ` +
        `ArrowDown to the moved selection painted ${ms(s.keyToSelectionPainted)} ` +
        `(at ${ms(s.selectionPainted)}) | load ${s.load}`,
    );
  const header = `${'phase'.padEnd(22)} | frames |     p50     p95     max | >16 ms | late | LoAF (max)`;
  console.log('\nMain-thread work per frame while scrolling (ms):');
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const s of r.scrolling)
    console.log(
      `${s.phase.padEnd(22)} | ${String(s.frames).padStart(6)} | ${ms(s.p50)} ${ms(s.p95)} ${ms(s.max)} | ` +
        `${String(s.over16).padStart(6)} | ${String(s.late).padStart(4)} | ${s.longFrames} (${s.longestLongFrame.toFixed(0)})`,
    );
  const traceHeader = `${'phase'.padEnd(22)} | frames | CPU p50     p95     max  >16 | wall p50    p95     max  >16`;
  console.log('\nThe same from a Chromium trace: all main-thread tasks between two frames (ms):');
  console.log(traceHeader);
  console.log('-'.repeat(traceHeader.length));
  for (const t of r.traced.phases)
    console.log(
      `${t.phase.padEnd(22)} | ${String(t.frames).padStart(6)} | ${ms(t.cpu.p50)} ${ms(t.cpu.p95)} ${ms(t.cpu.max)} ${String(t.cpu.over16).padStart(4)} | ` +
        `${ms(t.wall.p50)} ${ms(t.wall.p95)} ${ms(t.wall.max)} ${String(t.wall.over16).padStart(4)}`,
    );
  if (r.traced.long.length > 0)
    console.log(`\nEach frame over ${FRAME_BUDGET_MS} ms of CPU and what the time went to (ms):`);
  for (const f of r.traced.long)
    console.log(
      `  ${f.phase.padEnd(22)} at ${(f.at / 1000).toFixed(1).padStart(6)} s: ${ms(f.cpu)} = GC ${f.gc.toFixed(1)}, ` +
        `style ${f.style.toFixed(1)} (${f.styledElements} elements), layout ${f.layout.toFixed(1)} ` +
        `(${f.laidOutObjects} objects), paint ${f.paint.toFixed(1)}, script and the rest ${f.rest.toFixed(1)}`,
    );
  const h = r.heap;
  console.log(
    `\nJS heap (MB): ${h.before.toFixed(1)} before the scrolling (collected), ` +
      `${h.after.toFixed(1)} as it ended, ${h.kept.toFixed(1)} kept after a collection; ` +
      `DOM nodes ${h.nodesBefore} before, ${h.nodesAfter} after`,
  );
  const all = r.scrolling.at(-1);
  const slowStart = Math.max(...r.startup.map((s) => s.selectionPainted));
  console.log(
    `frame work: rAF timestamp to the first task after the frame's rendering; late: started over ` +
      `1.5 frame intervals after the previous; LoAF: long-animation-frame entries (only 50 ms ` +
      `or more are reported${r.longFramesSupported ? '' : '; not supported by this Chromium'}).\n` +
      `target: every frame under ${FRAME_BUDGET_MS} ms (${all && all.over16 === 0 ? 'ok' : 'MISSED'}); ` +
      `the queue answering a key within ${INTERACTIVE_BUDGET_MS} ms of opening ` +
      `(${slowStart <= INTERACTIVE_BUDGET_MS ? 'ok' : 'MISSED'}).`,
  );
}
