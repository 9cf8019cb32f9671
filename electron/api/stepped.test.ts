import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkProgress } from '../../shared/api/imports';
import { recordActivity } from '../activities/record';
import { call, callWatching } from '../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, rowCount, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { dispatchAsync } from './dispatch';
import { requestLock } from './request-lock';
import { CANCELLED, currentWork, runStepsInSlices, type Steps } from '../core/stepped';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const NOTE = 'Called the payer about the claim.';

/** Writes one activity per step on the first account, then fails when told to. */
function* noteSteps(accountId: number, count: number, failAt: number | null): Steps<number> {
  for (let i = 0; i < count; i++) {
    yield { label: 'Writing notes', done: i, total: count };
    if (i === failAt) throw new Error('the disk is full');
    recordActivity(ctx, { accountId, kind: 'note', text: `step ${i}` });
  }
  return count;
}

const notes = (text: string) =>
  (
    ctx.db.prepare(`SELECT count(*) AS n FROM activities WHERE body = ?`).get(text) as {
      n: number;
    }
  ).n;

describe('a long write runs alone, in slices, all or nothing', () => {
  it('answers progress requests between slices and commits at the end', async () => {
    const { accountId } = addAccount(ctx);
    const seen: WorkProgress[] = [];
    const lock = requestLock(ctx.db);
    const run = lock.exclusive(() => runStepsInSlices(ctx.db, noteSteps(accountId, 20, null), 0));
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      const answer = await dispatchAsync(ctx, 'workProgress', {});
      if (answer.ok && answer.value) seen.push(answer.value as WorkProgress);
    }
    expect(await run).toBe(20);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.label === 'Writing notes' && p.total === 20)).toBe(true);
    const done = seen.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBeGreaterThan(done[0] ?? 0);
    expect(currentWork(ctx.db)).toBeNull();
    expect(call(ctx, 'workProgress', {})).toBeNull();
  });

  it('rolls back on failure, and a write that arrives meanwhile waits and stands', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const order: string[] = [];
    const run = requestLock(ctx.db)
      .exclusive(() => runStepsInSlices(ctx.db, noteSteps(accountId, 30, 12), 0))
      .catch((e: unknown) => {
        order.push('long write failed');
        return e;
      });
    await new Promise((resolve) => setImmediate(resolve));
    // mid-run the transaction is open and holds some notes
    expect(currentWork(ctx.db)).not.toBeNull();
    const note = dispatchAsync(ctx, 'addActivity', { accountId, kind: 'note', text: NOTE }).then(
      (r) => {
        order.push('note saved');
        return r;
      },
    );
    const [failure, saved] = await Promise.all([run, note]);
    expect(failure).toBeInstanceOf(Error);
    expect(saved.ok).toBe(true);
    expect(order).toEqual(['long write failed', 'note saved']);
    expect(notes(NOTE)).toBe(1);
    // not one of the failed run's notes is left, and the note did not go down with them
    expect(rowCount(ctx, 'activities')).toBe(before + 1);
    expect(ctx.db.inTransaction).toBe(false);
  });

  it('stops when cancelled, keeping nothing, and a later run is not cancelled by it', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const lock = requestLock(ctx.db);
    const run = lock
      .exclusive(() => runStepsInSlices(ctx.db, noteSteps(accountId, 50, null), 0))
      .catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    const answer = await dispatchAsync(ctx, 'cancelWork', {});
    expect(answer.ok && answer.value).toMatchObject({ label: 'Writing notes', total: 50 });
    const failure = await run;
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ message: CANCELLED });
    expect(rowCount(ctx, 'activities')).toBe(before);
    // nothing running: nothing to cancel, and the next run goes through
    expect(call(ctx, 'cancelWork', {})).toBeNull();
    expect(
      await lock.exclusive(() => runStepsInSlices(ctx.db, noteSteps(accountId, 5, null), 0)),
    ).toBe(5);
    expect(rowCount(ctx, 'activities')).toBe(before + 5);
  });

  it('waits for a request in flight before it starts', async () => {
    const { accountId } = addAccount(ctx);
    const lock = requestLock(ctx.db);
    const order: string[] = [];
    let finishRender: () => void = () => undefined;
    const rendering = lock.shared(async () => {
      order.push('render started');
      await new Promise<void>((resolve) => (finishRender = resolve));
      order.push('render finished');
    });
    const run = lock.exclusive(async () => {
      order.push('long write started');
      return runStepsInSlices(ctx.db, noteSteps(accountId, 3, null), 0);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['render started']);
    finishRender();
    await Promise.all([rendering, run]);
    expect(order).toEqual(['render started', 'render finished', 'long write started']);
  });
});

describe('importing a file through the window', () => {
  /** Enough for several slices of posting on a fast machine. */
  const CLAIMS = 1_000;

  it('shows claims counted while posting, and posts them all', async () => {
    const payerId = addPayer(ctx, { appealWindowDays: 180 });
    const claims = Array.from({ length: CLAIMS }, () => {
      const { accountId } = addAccount(ctx, { payerId });
      const { claimId } = addBilledClaim(ctx, accountId, payerId, [20_000]);
      const { n } = ctx.db
        .prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`)
        .get(claimId) as { n: string };
      return remitClaim({
        patientControlNumber: n,
        charge: 20_000,
        paid: 15_000,
        adjustments: [{ group: 'CO', reason: '45', amount: 5_000 }],
      });
    });
    const text = remittanceFile(claims, { trace: 'EFT-LARGE', date: TEST_TODAY });
    const { value: report, progress } = await callWatching(ctx, 'importFile', {
      fileName: 'large.835',
      text,
    });
    expect(report.status).toBe('posted');
    expect(report.remittances[0]?.claimsPosted).toBe(CLAIMS);
    const posting = progress.filter((p) => p.label === 'Claims posted');
    // answered mid-file at least once (how often depends on the machine's speed)
    expect(posting.length).toBeGreaterThan(0);
    expect(posting.every((p) => p.total === CLAIMS && p.done < CLAIMS)).toBe(true);
    expect(currentWork(ctx.db)).toBeNull();
  });
});
