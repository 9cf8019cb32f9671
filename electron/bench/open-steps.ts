/**
 * What opening ClaimDesk costs on the bench database, step by step, as electron/main does it
 * (`npx tsx electron/bench/open-steps.ts [--scale million] [--openings 2] [--no-window |
 * --window-only] [--as-before --dist <dir>]`):
 * the database opened (its checks, migrations, PRAGMA optimize, the audit trail verified),
 * the sign-in, the documents sweep, the day's work and the first screen's requests; then
 * the built renderer opened in Chromium over a connection opened the same way (nothing done
 * before the window asks), with the times from navigation to scripts run and to the first
 * queue rows painted, and when each of the first requests went out and was answered.
 *
 * Opening the database is timed by its parts, in openDatabase's order, on their own
 * connection (openDatabase does them in one call); then openDatabase itself, as a check of
 * the sum. The day's work runs with the bench's fixed date, so it changes nothing the
 * bench relies on; its cost is that of every start, since it runs once per connection.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { METHOD_NAMES } from '../../shared/api/contract';
import { dispatchAsync } from '../testing/dispatch';
import { lockWhenIdle } from '../access/session';
import { checkTrail } from '../audit/verify';
import type { Ctx } from '../core/context';
import { checkDatabaseFile } from '../db/check';
import { migrate, openDatabase, closeDatabase, schemaVersion, type Db } from '../db/open';
import { one } from '../db/query';
import { keepCaptureWithLink } from '../office/capture-triggers';
import { readFacility } from '../facility/facility';
import { sweepDocuments } from '../filing/sweep';
import { launchChromium, serveRenderer } from '../testing/browser-app';
import { afterFirstScreen } from '../main/first-screen';
import { dailyWorkDue, runDailyWork } from '../upkeep/daily';
import { signIn } from '../users/sign-in';
import {
  BENCH_CLOCK,
  BENCH_SCALES,
  BENCH_USER,
  ensureBenchDatabase,
  type BenchScale,
} from './build';
import { installProbe, probeHas, readProbe, scriptsRunAt } from './frames-page';
import { ensureRendererBuilt } from './frames';
import { TRACE_CATEGORIES } from './frames-trace';

const TRACE_FILE = path.join(
  fileURLToPath(new URL('../..', import.meta.url)),
  '.bench',
  'startup-trace.json',
);

interface Step {
  step: string;
  ms: number;
  note?: string;
}

function timed<T>(steps: Step[], step: string, work: () => T, note?: (value: T) => string): T {
  const started = performance.now();
  const value = work();
  const ms = performance.now() - started;
  steps.push({ step, ms, ...(note ? { note: note(value) } : {}) });
  return value;
}

/** openDatabase's steps one by one, on a connection of their own. */
function openingParts(file: string): Step[] {
  const steps: Step[] = [];
  const db = timed(steps, 'connection opened', () => new Database(file) as Db);
  try {
    timed(steps, 'schema version read', () => schemaVersion(db));
    timed(steps, 'schema read (header check)', () => one(db, `SELECT count(*) FROM sqlite_master`));
    timed(steps, 'pragmas, WAL, migrations', () => {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      migrate(db);
      keepCaptureWithLink(db);
    });
    timed(steps, 'PRAGMA optimize', () => {
      db.pragma('analysis_limit = 400');
      db.pragma('optimize = 0x10002');
    });
    const check = timed(
      steps,
      'audit trail verified (from where it was checked before)',
      () => checkTrail(db, file, false),
      (c) => `${c.checked.toLocaleString('en-US')} of ${c.total.toLocaleString('en-US')} entries`,
    );
    if (check.checked < check.total)
      timed(
        steps,
        'audit trail verified in full (for comparison)',
        () => checkTrail(db, file, true),
        (c) => `${c.checked.toLocaleString('en-US')} entries`,
      );
  } finally {
    db.close();
  }
  return steps;
}

function signedIn(db: Db, file: string): Ctx {
  const userId = signIn(db, BENCH_USER, BENCH_CLOCK.now());
  return { db, clock: BENCH_CLOCK, userId, databasePath: file };
}

/** The main process's path from launch to the first screen's answers, as steps. */
async function mainProcessSteps(file: string): Promise<Step[]> {
  const steps = openingParts(file);
  const db = timed(steps, 'openDatabase (all of the above, as the app calls it)', () =>
    openDatabase(file),
  );
  try {
    const ctx = timed(steps, 'sign-in', () => signedIn(db, file));
    timed(steps, 'lock timer, documents sweep, facility', () => {
      lockWhenIdle(ctx);
      sweepDocuments(ctx);
      readFacility(ctx.db);
    });
    if (dailyWorkDue(ctx))
      timed(
        steps,
        "the day's work (runDailyWork)",
        () => runDailyWork(ctx),
        (r) => `${r.accounts.toLocaleString('en-US')} accounts settled, ${r.reranked} re-ranked`,
      );
    // what the first screen asks for, each once, as the window would
    const first: [string, unknown][] = [
      ['getAccessState', {}],
      ['getAppInfo', {}],
      ['listQueue', { offset: 0, limit: 100 }],
      ['getQueueOptions', {}],
      ['listUserPermissions', {}],
      ['getBackupWarning', {}],
      ['getAuditStatus', {}],
      ['listNotSynced', {}],
    ];
    for (const [method, input] of first) {
      const started = performance.now();
      const answer = await dispatchAsync(ctx, method, input);
      steps.push({
        step: `request ${method}`,
        ms: performance.now() - started,
        ...(answer.ok ? {} : { note: `refused: ${answer.error.code}` }),
      });
    }
    const check = performance.now();
    // started at opening in the app: how long the whole-file check keeps a core busy
    const result = await checkDatabaseFile(file);
    steps.push({
      step: 'whole-file check (quick_check, in a worker)',
      ms: performance.now() - check,
      note: result,
    });
  } finally {
    closeDatabase(db);
  }
  return steps;
}

interface Call {
  method: string;
  sent: number;
  answered: number;
}

interface Opening {
  scriptsRun: number;
  firstRowsPainted: number;
  calls: Call[];
}

/** window.api as the preload gives it, each call's times kept in the page. */
async function bridgeLogged(page: Page, ctx: Ctx, asked: (method: unknown) => void): Promise<void> {
  await page.exposeBinding('__claimdeskInvoke', (_source, method: unknown, input: unknown) => {
    asked(method);
    return dispatchAsync(ctx, method, input);
  });
  await page.addInitScript(
    (names: readonly string[]) => {
      const g = globalThis as unknown as {
        __claimdeskInvoke: (m: string, i: unknown) => Promise<unknown>;
        __calls: { method: string; sent: number; answered: number }[];
        performance: { now(): number };
      };
      g.__calls = [];
      const api = Object.fromEntries(
        names.map((name) => [
          name,
          async (input: unknown) => {
            const call = { method: name, sent: g.performance.now(), answered: Number.NaN };
            g.__calls.push(call);
            const answer = await g.__claimdeskInvoke(name, input ?? {});
            call.answered = g.performance.now();
            return answer;
          },
        ]),
      );
      Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), enumerable: true });
    },
    [...METHOD_NAMES],
  );
}

function queueAnsweredTwice(): boolean {
  const calls = (globalThis as unknown as { __calls: Call[] }).__calls;
  return calls.filter((c) => c.method === 'listQueue' && !Number.isNaN(c.answered)).length >= 2;
}

/**
 * Opens the window as the app does: a fresh connection, nothing asked of it beforehand, the
 * day's work and the whole-file check started as electron/main starts them (first-screen.ts);
 * `asBefore` starts them as it did before that: the check with the window, the day's work
 * in the first request.
 */
async function openWindow(
  file: string,
  url: string,
  options: { openings: number; asBefore: boolean },
): Promise<{ openings: Opening[]; mainThread: [string, number][] }> {
  const browser = await launchChromium();
  const out: Opening[] = [];
  let mainThread: [string, number][] = [];
  try {
    for (let i = 0; i < options.openings; i++) {
      const db = openDatabase(file);
      try {
        const ctx = signedIn(db, file);
        lockWhenIdle(ctx);
        const startup = options.asBefore
          ? { asked: () => undefined, loaded: () => undefined }
          : afterFirstScreen(ctx, () => void checkDatabaseFile(file));
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        page.setDefaultTimeout(120_000);
        page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
        await page.addInitScript('globalThis.__name = (f) => f;');
        await bridgeLogged(page, ctx, startup.asked);
        await page.addInitScript(installProbe);
        if (i === 0) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        page.once('load', startup.loaded);
        // left running, as in the app: the process ends it when it exits
        if (options.asBefore) void checkDatabaseFile(file);
        await page.goto(url);
        await page.waitForFunction(probeHas, 'firstRowsPainted' as const, { polling: 'raf' });
        if (i === 0) {
          const trace = await browser.stopTracing();
          fs.writeFileSync(TRACE_FILE, trace);
          mainThread = mainThreadWork(trace.toString('utf8'));
        }
        const probe = await page.evaluate(readProbe);
        // the queue asked again after its first rows, answered after the day's work
        if (!options.asBefore)
          await page.waitForFunction(queueAnsweredTwice, null, { polling: 100 });
        out.push({
          scriptsRun: await page.evaluate(scriptsRunAt),
          firstRowsPainted: probe.firstRowsPainted ?? Number.NaN,
          calls: await page.evaluate(() => (globalThis as unknown as { __calls: Call[] }).__calls),
        });
        await context.close();
      } finally {
        closeDatabase(db);
      }
    }
  } finally {
    await browser.close();
  }
  return { openings: out, mainThread };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The page's main-thread time by kind of work (self time of the trace's complete events,
 * in ms), from navigation until the first rows were painted: where opening goes.
 */
function mainThreadWork(json: string): [string, number][] {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = events.filter(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const busiest = threads
    .map((t) => ({
      key: `${t.pid}:${t.tid}`,
      n: events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').length,
    }))
    .sort((a, b) => b.n - a.n)[0];
  const own = events
    .filter((e) => `${e.pid}:${e.tid}` === busiest?.key && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { name: string; end: number }[] = [];
  for (const e of own) {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const dur = e.dur ?? 0;
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    stack.push({ name: e.name, end: e.ts + dur });
  }
  return [...self.entries()]
    .map(([name, us]): [string, number] => [name, us / 1000])
    .filter(([, msSpent]) => msSpent >= 5)
    .sort((a, b) => b[1] - a[1]);
}

const ms = (v: number) => v.toFixed(1).padStart(8);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'bench' },
      openings: { type: 'string', default: '2' },
      'no-window': { type: 'boolean', default: false },
      'window-only': { type: 'boolean', default: false },
      'as-before': { type: 'boolean', default: false },
      dist: { type: 'string' },
    },
    strict: true,
  });
  const scale = values.scale as BenchScale;
  if (!Object.hasOwn(BENCH_SCALES, scale)) throw new Error('--scale takes bench or million');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const database = ensureBenchDatabase(path.join(root, '.bench'), { rebuild: false, scale });
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `${database.counts.accounts.toLocaleString('en-US')} accounts (${path.basename(database.file)}); load ${load()}`,
  );
  if (!values['window-only']) {
    console.log('\nThe main process, from launch to the first screen answered (ms):');
    for (const s of await mainProcessSteps(database.file))
      console.log(`  ${s.step.padEnd(58)} ${ms(s.ms)}${s.note ? `  ${s.note}` : ''}`);
  }
  if (values['no-window']) return;

  if (values.dist === undefined) console.log(`\n${ensureRendererBuilt()}`);
  const server = await serveRenderer(
    values.dist === undefined ? undefined : path.resolve(values.dist),
  );
  try {
    const { openings, mainThread } = await openWindow(database.file, `${server.url}#/queue`, {
      openings: Number(values.openings),
      asBefore: values['as-before'],
    });
    console.log(
      '\nThe window, on a connection opened as the app does (ms since navigation start):',
    );
    for (const o of openings) {
      console.log(
        `  scripts run ${ms(o.scriptsRun)}, first rows painted ${ms(o.firstRowsPainted)} | load ${load()}`,
      );
      for (const c of o.calls.filter(
        (c) => c.sent < o.firstRowsPainted || c.method === 'listQueue',
      ))
        console.log(
          `    ${c.method.padEnd(24)} sent ${ms(c.sent)} answered ${ms(c.answered)} (${(c.answered - c.sent).toFixed(1)})`,
        );
    }
    console.log(
      `\nThe first opening's main-thread work by kind (ms; trace in ${path.relative(process.cwd(), TRACE_FILE)}):`,
    );
    for (const [name, spent] of mainThread) console.log(`  ${name.padEnd(40)} ${ms(spent)}`);
  } finally {
    await server.close();
  }
}

await main();
// a whole-file check the window started may still be reading a large file
process.exit(0);
