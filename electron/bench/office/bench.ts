/**
 * `npm run bench -- --only office [--seconds 60]`: the office database's two benchmarks on
 * a throwaway PostgreSQL cluster of their own, started here and stopped at the end, also
 * when a benchmark fails.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { ServerConfig } from '../../office/server/connection';
import { realSchedule } from '../../office/worker';
import { findPgBin, startCluster } from '../../testing/office/cluster';
import type { Timing } from '../measure';
import { manyDesktopsBenchmark, type ManyDesktopsResult } from './many-desktops';
import type { NewDatabase } from './office';
import { outboxApplyBenchmark, type OutboxApplyResult } from './outbox-apply';

/** The demo hospital each desktop starts from: big enough for a real upload and pulls. */
const ACCOUNTS = 2_000;
/**
 * Each desktop acts once a second: a representative does far less (a call takes minutes),
 * so 25 desktops at this pace are an office several times the issue's fifty working at once.
 */
export const ACTION_EVERY_MS = 1_000;

/** Two cores shared with others' tests: the load says how much of them the bench had. */
const loads = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

export function databasesOf(admin: ServerConfig): NewDatabase {
  return async () => {
    const database = `office_bench_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
    return { ...admin, database };
  };
}

/** Waits until action `step` is due, spreading the desktops' actions evenly over time. */
function wallPace(gapMs: number): (step: number) => Promise<void> {
  let start: number | undefined;
  return async (step) => {
    start ??= performance.now();
    const wait = start + step * gapMs - performance.now();
    await (wait > 0 ? sleep(wait) : new Promise<void>((resolve) => setImmediate(resolve)));
  };
}

export async function officeBenchmarks(opts: { seconds: number }): Promise<boolean> {
  const bin = findPgBin();
  if (!bin) {
    console.error("bench: the office benchmarks need PostgreSQL's server (Debian's postgresql)");
    return false;
  }
  console.log(`load average at the start (1, 5, 15 min): ${loads()}`);
  const cluster = await startCluster(bin);
  try {
    const newDatabase = databasesOf(cluster.config);
    console.log(
      "10,000 outbox entries applied to the server by a desk's own login (a demo hospital of 2,000 accounts)...",
    );
    const outbox = await outboxApplyBenchmark(newDatabase, {
      entries: 10_000,
      accounts: ACCOUNTS,
      worked: 500,
      seed: 20_261_205,
    });
    printOutboxApply(outbox);

    const desktops = 25;
    console.log(
      `\n${desktops} desktops working one office database for ${opts.seconds} s ` +
        `(each acting every ${ACTION_EVERY_MS} ms on 100 shared accounts)...`,
    );
    const office = await manyDesktopsBenchmark(newDatabase, {
      desktops,
      accounts: ACCOUNTS,
      worked: 100,
      seed: 20_261_206,
      rounds: Math.max(1, Math.round((opts.seconds * 1000) / ACTION_EVERY_MS)),
      pacer: () => wallPace(ACTION_EVERY_MS / desktops),
      schedule: realSchedule,
    });
    printManyDesktops(office);
    console.log(`\nload average at the end (1, 5, 15 min): ${loads()}`);
    return outbox.convergence.ok && office.convergence.ok && office.neverArrived === 0;
  } finally {
    cluster.stop();
  }
}

const ms = (t: Timing) =>
  `p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms, max ${t.max.toFixed(2)} ms`;
const rate = (n: number) => Math.round(n).toLocaleString('en-US');
const kinds = (byKind: Record<string, number>) =>
  Object.entries(byKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

function printConvergence(c: OutboxApplyResult['convergence'], copies: number): void {
  if (c.ok) {
    console.log(
      `  converged: all ${copies} copies hold the server's ${c.serverNotes} notes, ` +
        `${c.serverFollowUps} follow-ups and ${c.serverLedgerRows} ledger rows; ` +
        'every balance is its ledger sum; every outbox empty',
    );
    return;
  }
  console.log(`  DIVERGED (${c.problems.length} problems):`);
  for (const p of c.problems.slice(0, 20)) console.log(`    ${p}`);
}

export function printOutboxApply(r: OutboxApplyResult): void {
  console.log(
    `  ${r.entries.toLocaleString('en-US')} entries from ${r.actions.toLocaleString('en-US')} requests (${kinds(r.byKind)}); ` +
      `accepted ${r.accepted}, refused ${r.refused}`,
  );
  console.log(
    `  app:  ${r.app.seconds.toFixed(2)} s (${r.app.cpuSeconds.toFixed(2)} s CPU here), ${rate(r.app.perSecond)} entries/s; per entry ${ms(r.app.perEntry)}`,
  );
  console.log(`    until answered (outbox read, server transaction): ${ms(r.app.sent)}`);
  console.log(`    answer recorded in the copy: ${ms(r.app.recorded)}`);
  console.log(
    `  bare: ${r.bare.seconds.toFixed(2)} s (${r.bare.cpuSeconds.toFixed(2)} s CPU here), ${rate(r.bare.perSecond)} entries/s; per entry ${ms(r.bare.perEntry)}`,
  );
  console.log(
    `  row-level security: the same bare rows as the owner ${r.rls.owner.seconds.toFixed(2)} s, ` +
      `${rate(r.rls.owner.perSecond)} entries/s, per entry ${ms(r.rls.owner.perEntry)}; ` +
      `as a desk ${r.rls.cost.total.toFixed(2)}x the owner's time, p50 ${r.rls.cost.p50.toFixed(2)}x ` +
      '(the two take turns by 250 entries)',
  );
  console.log(
    `  ratio ${r.ratio.total.toFixed(2)}x overall, p50 ${r.ratio.p50.toFixed(2)}x, p95 ${r.ratio.p95.toFixed(2)}x ` +
      '(the app also records each entry, logs each row, notifies, and reads and clears its outbox)',
  );
  console.log(
    `  a second desktop pulled ${r.pull.rows.toLocaleString('en-US')} rows in ${r.pull.seconds.toFixed(2)} s`,
  );
  printConvergence(r.convergence, 2);
}

export function printManyDesktops(r: ManyDesktopsResult): void {
  console.log(
    `  ${r.actions.toLocaleString('en-US')} requests (${kinds(r.byKind)}) in ${r.actingSeconds.toFixed(1)} s, ` +
      `${r.entries.toLocaleString('en-US')} outbox entries`,
  );
  console.log(
    `  landed: ${r.accepted.toLocaleString('en-US')} entries in ${r.seconds.toFixed(1)} s ` +
      `(until every desktop had everything), ${r.landedPerSecond.toFixed(1)} entries/s`,
  );
  console.log(
    `  conflicts: ${r.refused} ${r.refused === 1 ? 'entry' : 'entries'} listed as not synced` +
      (r.conflicts.length > 0 ? `: ${r.conflicts.map(([k, n]) => `${n} "${k}"`).join(', ')}` : ''),
  );
  console.log(
    `  commit to applied on each other desktop (${r.propagation.samples.toLocaleString('en-US')} samples): ${ms(r.propagation)}`,
  );
  console.log(
    `  bare node-postgres at the same pace (insert and notify; listen and read) ` +
      `(${r.bare.samples.toLocaleString('en-US')} samples): ${ms(r.bare)}; ` +
      `ratio p50 ${r.ratio.p50.toFixed(2)}x, p95 ${r.ratio.p95.toFixed(2)}x`,
  );
  console.log(
    `  event loop delay of the one process all desktops share: p50 ${r.eventLoopDelay.p50.toFixed(1)} ms, ` +
      `p95 ${r.eventLoopDelay.p95.toFixed(1)} ms, max ${r.eventLoopDelay.max.toFixed(1)} ms; ` +
      `sync failures ${r.failures}; accepted changes never applied somewhere ${r.neverArrived}`,
  );
  printConvergence(r.convergence, r.desktops);
}
