/**
 * An office at work: desktops each doing a representative's actions at a steady pace on
 * one shared set of accounts, each kept in step by its own OfficeWorker (its own SQLite
 * file, pool and LISTEN connection) as the main process keeps it. Measured: actions
 * landed per second, conflicts (refused and listed as not synced), and for every change
 * the time from its commit on one desktop to its being applied on each other desktop.
 *
 * All desktops run in this one process. Twenty-five child processes on a two-core machine
 * would time-slice the same work with twenty-five Node runtimes' start-up and memory on
 * top, and their commit and apply times would come from different processes' clocks.
 * The cost of one process is that the desktops' JavaScript shares one thread, so a pull
 * on one desktop can delay another's: the event loop's delay is measured and printed
 * beside the times, so that queueing is seen, not hidden in them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AccountId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all } from '../../db/query';
import { Rng } from '../../demo/random';
import { outboxSize } from '../../office/outbox';
import { OfficeWorker, type Schedule } from '../../office/worker';
import { summarize, type Timing } from '../measure';
import { bareOffice } from './bare-office';
import {
  ACTION_MIX,
  checkConvergence,
  entriesAfter,
  formOffice,
  notSyncedByReason,
  officeFiles,
  representativeAction,
  type ActionKind,
  type Convergence,
  type NewDatabase,
} from './office';

export interface ManyDesktopsOptions {
  desktops: number;
  accounts: number;
  /** the accounts everyone works: fewer means more overlap, so more conflicts */
  worked: number;
  seed: number;
  /** every desktop acts this many times, in turn */
  rounds: number;
  /**
   * Makes what waits before action `step` (0, 1, ...; desktop `step % desktops` acts), one
   * for the bare run and one for the office's: the bench paces by wall time, a test by
   * nothing but a turn of the event loop.
   */
  pacer: () => (step: number) => Promise<void>;
  /** the workers' retries after a failure (none are expected: each is counted) */
  schedule: Schedule;
}

export interface ManyDesktopsResult {
  desktops: number;
  actions: number;
  byKind: Record<ActionKind, number>;
  entries: number;
  accepted: number;
  /** entries the server refused (a conflict) and those listed with them */
  refused: number;
  conflicts: [string, number][];
  /** from the first action until the last action's seconds */
  actingSeconds: number;
  /** from the first action until every desktop had everything */
  seconds: number;
  landedPerSecond: number;
  /** commit on one desktop to applied on another, one sample per change and desktop */
  propagation: Timing & { samples: number };
  /** node-postgres alone at the same pace: insert and notify, listen and read */
  bare: Timing & { samples: number };
  ratio: { p50: number; p95: number };
  /** accepted changes some desktop never applied: 0 unless something is wrong */
  neverArrived: number;
  failures: number;
  eventLoopDelay: { p50: number; p95: number; max: number };
  convergence: Convergence;
}

interface Change {
  origin: number;
  seq: number;
  committedAt: number;
  rows: { tbl: string; gid: string; version: number }[];
}

interface Arrival {
  origin: number;
  seq: number;
  ms: number;
}

interface Desk {
  ctx: Ctx;
  worker: OfficeWorker;
  lastSeq: number;
  /** other desktops' changes this one has not applied yet, by origin and seq */
  waiting: Map<string, Change>;
}

export async function manyDesktopsBenchmark(
  newDatabase: NewDatabase,
  opts: ManyDesktopsOptions,
): Promise<ManyDesktopsResult> {
  const files = officeFiles(opts);
  const desks: Desk[] = [];
  const arrivals: Arrival[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let failures = 0;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    for (const d of desks) await d.worker.stop();
  };
  try {
    const server = await newDatabase();
    // each desktop works with its own login, as desks do, under the server's row-level security
    const logins = await formOffice(server, files.ctxs);
    for (const [i, ctx] of files.ctxs.entries()) {
      const login = logins[i];
      if (!login) throw new Error('bench: a desktop without its login');
      const desk: Desk = {
        ctx,
        worker: new OfficeWorker(ctx, login, opts.schedule, `desktop ${i + 1}`),
        lastSeq: 0,
        waiting: new Map(),
      };
      // the end of each sync round: whatever it pulled is committed to the copy by now
      desk.worker.watch((status) => {
        if (status.state === 'synced') arrived(desk, arrivals);
        else if (status.state === 'offline') failures += 1;
      });
      desks.push(desk);
    }
    for (const d of desks) await d.worker.start();

    const rng = new Rng(opts.seed);
    const byKind: Record<ActionKind, number> = {
      note: 0,
      reschedule: 0,
      complete: 0,
      pay: 0,
      reverse: 0,
    };
    let entries = 0;
    delay.enable();
    const pace = opts.pacer();
    const start = performance.now();
    const steps = opts.rounds * desks.length;
    for (let step = 0; step < steps; step++) {
      await pace(step);
      const origin = step % desks.length;
      const desk = desks[origin] as Desk;
      const accountId = rng.pick(files.accountIds) as AccountId;
      byKind[representativeAction(desk.ctx, accountId, rng.weighted(ACTION_MIX), rng, step)] += 1;
      const committedAt = performance.now();
      for (const e of entriesAfter(desk.ctx.db, desk.lastSeq)) {
        desk.lastSeq = e.seq;
        entries += 1;
        const change: Change = { origin, seq: e.seq, committedAt, rows: e.rows };
        for (const d of desks) if (d !== desk) d.waiting.set(`${origin}:${e.seq}`, change);
      }
      // as the main process does after a write commits; the sync runs beside the next actions
      void desk.worker.wake();
    }
    const actingSeconds = (performance.now() - start) / 1000;

    // everyone sends what is left, then everyone takes what was sent
    for (let pass = 0; desks.some((d) => outboxSize(d.ctx.db) > 0); pass++) {
      if (pass === 10) throw new Error('bench: the outboxes do not empty');
      for (const d of desks) await d.worker.wake();
    }
    for (const d of desks) await d.worker.wake();
    const seconds = (performance.now() - start) / 1000;
    delay.disable();
    await stopAll();
    // second, on a machine the office's run has warmed: the ratio errs against the office.
    // As the database's owner: the bare run makes a table of its own, which has no policies
    // (and a desk may not make one), so who writes to it changes nothing
    const bare = await bareOffice(await newDatabase(), {
      desktops: opts.desktops,
      rounds: opts.rounds,
      pace: opts.pacer(),
    });

    const refusedSeqs = desks.map(
      (d) =>
        new Set(all<{ seq: number }>(d.ctx.db, `SELECT seq FROM not_synced`).map((r) => r.seq)),
    );
    const refused = refusedSeqs.reduce((n, s) => n + s.size, 0);
    let neverArrived = 0;
    for (const d of desks) {
      for (const c of d.waiting.values()) if (!refusedSeqs[c.origin]?.has(c.seq)) neverArrived += 1;
    }
    // a refused change can seem to arrive when a later one moves its follow-up past it
    const latencies = arrivals.filter((a) => !refusedSeqs[a.origin]?.has(a.seq)).map((a) => a.ms);
    const propagation = { ...summarize(latencies), samples: latencies.length };
    const ms = (ns: number) => ns / 1e6;
    return {
      desktops: desks.length,
      actions: steps,
      byKind,
      entries,
      accepted: entries - refused,
      refused,
      conflicts: [...notSyncedByReason(files.ctxs)].sort((a, b) => b[1] - a[1]),
      actingSeconds,
      seconds,
      landedPerSecond: (entries - refused) / seconds,
      propagation,
      bare,
      ratio: { p50: propagation.p50 / bare.p50, p95: propagation.p95 / bare.p95 },
      neverArrived,
      failures,
      eventLoopDelay: {
        p50: ms(delay.percentile(50)),
        p95: ms(delay.percentile(95)),
        max: ms(delay.max),
      },
      convergence: await checkConvergence(server, files.ctxs),
    };
  } finally {
    delay.disable();
    await stopAll();
    files.remove();
  }
}

/**
 * Takes off a desktop's waiting list every change its copy now holds: each row at the
 * version the change made, or a later one. (A desktop whose own change to the same
 * follow-up is still unanswered counts from then too; such a change is refused and
 * listed, which the conflicts show.)
 */
function arrived(desk: Desk, arrivals: Arrival[]): void {
  if (desk.waiting.size === 0) return;
  const now = performance.now();
  const gids = new Set<string>();
  for (const c of desk.waiting.values()) for (const r of c.rows) gids.add(r.gid);
  const held = new Map(
    all<{ gid: string; version: number }>(
      desk.ctx.db,
      `SELECT gid, version FROM sync_rows WHERE gid IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...gids]),
    ).map((r) => [r.gid, r.version]),
  );
  for (const [key, c] of desk.waiting) {
    if (c.rows.every((r) => (held.get(r.gid) ?? 0) >= r.version)) {
      arrivals.push({ origin: c.origin, seq: c.seq, ms: now - c.committedAt });
      desk.waiting.delete(key);
    }
  }
}
