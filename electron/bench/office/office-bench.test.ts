import { expect, it } from 'vitest';
import type { Schedule } from '../../office/worker';
import { MARK_RENEW_MS } from '../../office/working';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import { manyDesktopsBenchmark } from './many-desktops';
import { outboxApplyBenchmark } from './outbox-apply';

/** The office benchmarks at a size that runs in seconds, so their code cannot rot unseen. */
describeWithPg('the office benchmarks, small', () => {
  it('apply 200 outbox entries and the same rows bare, and the two copies converge', async () => {
    const r = await outboxApplyBenchmark(createServerDatabase, {
      entries: 200,
      accounts: 120,
      worked: 20,
      seed: 7,
    });
    expect(r.entries).toBeGreaterThanOrEqual(200);
    // one desktop alone: nothing to conflict with
    expect(r.accepted).toBe(r.entries);
    expect(r.refused).toBe(0);
    for (const kind of ['note', 'reschedule', 'pay'] as const) {
      expect(r.byKind[kind]).toBeGreaterThan(0);
    }
    expect(Object.values(r.byKind).reduce((a, b) => a + b, 0)).toBe(r.actions);
    for (const side of [r.app, r.bare, r.rls.owner]) {
      expect(side.perSecond).toBeGreaterThan(0);
      expect(side.perEntry.p50).toBeGreaterThan(0);
      expect(side.perEntry.p95).toBeGreaterThanOrEqual(side.perEntry.p50);
    }
    // each entry's two parts are each at most the whole, entry by entry
    for (const part of [r.app.sent, r.app.recorded]) {
      expect(part.p50).toBeGreaterThan(0);
      expect(part.p50).toBeLessThanOrEqual(r.app.perEntry.p50);
      expect(part.p95).toBeLessThanOrEqual(r.app.perEntry.p95);
    }
    expect(r.app.cpuSeconds).toBeGreaterThan(0);
    expect(Number.isFinite(r.ratio.total)).toBe(true);
    expect(r.rls.cost.total).toBeGreaterThan(0);
    // every entry's rows reach the other desktop: at least a row an entry
    expect(r.pull.rows).toBeGreaterThanOrEqual(r.entries);
    expect(r.convergence.problems).toEqual([]);
    expect(r.convergence.ok).toBe(true);
  });

  it('runs three desktops for twenty rounds, by steps, not wall time, and they converge', async () => {
    const retries: number[] = [];
    // no failure is expected; one would be counted, and never retried behind the test's back
    const schedule: Schedule = (ms) => {
      retries.push(ms);
      return () => undefined;
    };
    const r = await manyDesktopsBenchmark(createServerDatabase, {
      desktops: 3,
      accounts: 120,
      // few accounts, so that the desktops meet on them
      worked: 4,
      seed: 11,
      rounds: 20,
      pacer: () => () => new Promise<void>((resolve) => setImmediate(resolve)),
      schedule,
    });
    // the working marks' renewal asks the same schedule for its minute; nothing else may
    expect(retries.filter((ms) => ms !== MARK_RENEW_MS)).toEqual([]);
    expect(r.failures).toBe(0);
    expect(r.actions).toBe(60);
    expect(r.entries).toBeGreaterThanOrEqual(r.actions);
    expect(r.accepted + r.refused).toBe(r.entries);
    expect(r.conflicts.reduce((n, [, k]) => n + k, 0)).toBe(r.refused);
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.landedPerSecond).toBeGreaterThan(0);
    // each accepted entry reached both other desktops, and each arrival was measured once
    expect(r.neverArrived).toBe(0);
    expect(r.propagation.samples).toBe(2 * r.accepted);
    expect(r.propagation.p50).toBeGreaterThanOrEqual(0);
    expect(r.propagation.max).toBeGreaterThanOrEqual(r.propagation.p95);
    // the bare run: every insert read by both other desktops
    expect(r.bare.samples).toBe(2 * r.actions);
    expect(r.bare.p95).toBeGreaterThanOrEqual(r.bare.p50);
    expect(r.convergence.problems).toEqual([]);
    expect(r.convergence.ok).toBe(true);
  });
});
