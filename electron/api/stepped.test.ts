import type { AccountId } from '../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkProgress } from '../../shared/api/imports';
import { recordActivity } from '../activities/record';
import { holdSteps } from '../core/step-hold';
import {
  CANCELLED,
  currentWork,
  runStepsInSlices,
  SteppedWrite,
  type AsyncSteps,
  type Prepared,
  type Steps,
} from '../core/stepped';
import { call, callAsync } from '../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, rowCount, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { dispatchAsync } from './dispatch';
import { requestLock } from './request-lock';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const NOTE = 'Called the payer about the claim.';

/** Writes one activity per step on the account, and fails at a step when told to. */
function* noteSteps(
  accountId: AccountId,
  count: number,
  failAt: number | null = null,
): Steps<number> {
  for (let i = 0; i < count; i++) {
    yield { label: 'Writing notes', done: i, total: count };
    if (i === failAt) throw new Error('the disk is full');
    recordActivity(ctx, { accountId, kind: 'note', text: `step ${i}` });
  }
  return count;
}

/** Runs steps that write as they go the way dispatch does: alone on the connection. */
function runAlone<T>(steps: Steps<T>): Promise<T> {
  return requestLock(ctx.db).exclusive(() => runStepsInSlices(ctx.db, new SteppedWrite(steps)));
}

/** Holds the steps once they report `done`. */
const holdAt = (done: number) => holdSteps(ctx.db, (p) => p.done === done);

const progress = async () => {
  const answer = await dispatchAsync(ctx, 'workProgress', {});
  return answer.ok ? (answer.value as WorkProgress | null) : null;
};

const notes = (text: string) =>
  (
    ctx.db.prepare(`SELECT count(*) AS n FROM activities WHERE body = ?`).get(text) as {
      n: number;
    }
  ).n;

describe('long work that writes as it goes runs alone, in slices, all or nothing', () => {
  it('answers progress requests between slices and commits at the end', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const first = holdAt(5);
    const run = runAlone(noteSteps(accountId, 20));
    expect(await first.reached).toEqual({ label: 'Writing notes', done: 5, total: 20 });
    expect(await progress()).toEqual({ label: 'Writing notes', done: 5, total: 20 });
    // held after step 5: exactly five notes are written, not yet committed
    expect(rowCount(ctx, 'activities')).toBe(before + 5);
    const second = holdAt(12);
    first.release();
    expect(await second.reached).toMatchObject({ done: 12 });
    expect(await progress()).toEqual({ label: 'Writing notes', done: 12, total: 20 });
    second.release();
    expect(await run).toBe(20);
    expect(rowCount(ctx, 'activities')).toBe(before + 20);
    expect(currentWork(ctx.db)).toBeNull();
    expect(call(ctx, 'workProgress', {})).toBeNull();
  });

  it('rolls back on failure, and a write that arrives meanwhile waits and stands', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const order: string[] = [];
    const hold = holdAt(10);
    const run = runAlone(noteSteps(accountId, 30, 12)).catch((e: unknown) => {
      order.push('long write failed');
      return e;
    });
    await hold.reached;
    expect(rowCount(ctx, 'activities')).toBe(before + 10);
    const note = dispatchAsync(ctx, 'addActivity', { accountId, kind: 'note', text: NOTE }).then(
      (r) => {
        order.push('note saved');
        return r;
      },
    );
    hold.release();
    const [failure, saved] = await Promise.all([run, note]);
    expect(failure).toMatchObject({ message: 'the disk is full' });
    expect(saved.ok).toBe(true);
    expect(order).toEqual(['long write failed', 'note saved']);
    expect(notes(NOTE)).toBe(1);
    // not one of the failed run's notes is left, and the note did not go down with them
    expect(rowCount(ctx, 'activities')).toBe(before + 1);
    expect(ctx.db.inTransaction).toBe(false);
  });

  it('stops when cancelled part way, keeping nothing, and a later run is not cancelled by it', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const hold = holdAt(25);
    const run = runAlone(noteSteps(accountId, 50)).catch((e: unknown) => e);
    await hold.reached;
    expect(rowCount(ctx, 'activities')).toBe(before + 25);
    // the cancel ends the hold: the steps stop where they were held
    const answer = await dispatchAsync(ctx, 'cancelWork', {});
    expect(answer.ok && answer.value).toEqual({ label: 'Writing notes', done: 25, total: 50 });
    expect(await run).toMatchObject({ code: 'conflict', message: CANCELLED });
    expect(rowCount(ctx, 'activities')).toBe(before);
    // nothing running: nothing to cancel, and the next run goes through
    expect(call(ctx, 'cancelWork', {})).toBeNull();
    expect(await runAlone(noteSteps(accountId, 5))).toBe(5);
    expect(rowCount(ctx, 'activities')).toBe(before + 5);
  });

  it('throws the cancel into the steps where they stopped, so they let go of what they hold', async () => {
    const seen: string[] = [];
    function* holding(): Steps<number> {
      try {
        for (let i = 0; i < 10; i++) yield { label: 'Holding', done: i, total: 10 };
      } catch (error) {
        seen.push(`let go: ${(error as Error).message}`);
        throw error;
      }
      return 10;
    }
    const hold = holdAt(3);
    const run = runAlone(holding()).catch((e: unknown) => e);
    await hold.reached;
    call(ctx, 'cancelWork', {});
    expect(await run).toMatchObject({ message: CANCELLED });
    expect(seen).toEqual([`let go: ${CANCELLED}`]);
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
      return runStepsInSlices(ctx.db, new SteppedWrite(noteSteps(accountId, 3)));
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['render started']);
    finishRender();
    await Promise.all([rendering, run]);
    expect(order).toEqual(['render started', 'render finished', 'long write started']);
  });
});

describe('long work that prepares and writes at the end', () => {
  const log: string[] = [];
  beforeEach(() => (log.length = 0));

  /** Awaits between steps as rendering does; its write records one note per step. */
  async function* preparing(
    accountId: AccountId,
    count: number,
    failWrite = false,
    beforeReturn: () => Promise<void> = () => Promise.resolve(),
  ): AsyncSteps<Prepared<number>> {
    try {
      for (let i = 0; i < count; i++) {
        yield { label: 'Preparing', done: i, total: count };
        await new Promise((resolve) => setImmediate(resolve));
      }
      await beforeReturn();
    } catch (error) {
      log.push('let go');
      throw error;
    }
    return {
      write: () => {
        for (let i = 0; i < count; i++)
          recordActivity(ctx, { accountId, kind: 'note', text: `prepared ${i}` });
        if (failWrite) throw new Error('the disk is full');
        return count;
      },
      discard: () => log.push('discarded'),
    };
  }

  const prepared = (steps: AsyncSteps<Prepared<number>>) =>
    runStepsInSlices(
      ctx.db,
      new SteppedWrite({ writes: 'at the end', steps }, 'Stopped; nothing was kept.'),
    );

  it('lets other requests through while it prepares, and writes everything at the end', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const hold = holdAt(4);
    const run = prepared(preparing(accountId, 8));
    await hold.reached;
    expect(await progress()).toEqual({ label: 'Preparing', done: 4, total: 8 });
    // no transaction is held while it prepares: a note is saved at once, not after the run
    expect(ctx.db.inTransaction).toBe(false);
    expect(
      (await dispatchAsync(ctx, 'addActivity', { accountId, kind: 'note', text: NOTE })).ok,
    ).toBe(true);
    expect(rowCount(ctx, 'activities')).toBe(before + 1);
    hold.release();
    expect(await run).toBe(8);
    expect(rowCount(ctx, 'activities')).toBe(before + 9);
    expect(log).toEqual([]);
  });

  it('discards what it prepared when cancelled, even after its last step', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    const hold = holdAt(2);
    const run = prepared(preparing(accountId, 5)).catch((e: unknown) => e);
    await hold.reached;
    call(ctx, 'cancelWork', {});
    expect(await run).toMatchObject({ message: 'Stopped; nothing was kept.' });
    expect(log).toEqual(['let go']);

    expect(rowCount(ctx, 'activities')).toBe(before);

    // cancelled after its last step, while it puts its work together: dropped unwritten
    log.length = 0;
    let finishing: () => void = () => undefined;
    const atEnd = new Promise<void>((resolve) => (finishing = resolve));
    let finish: () => void = () => undefined;
    const late = prepared(
      preparing(accountId, 3, false, () => {
        finishing();
        return new Promise((resolve) => (finish = resolve));
      }),
    ).catch((e: unknown) => e);
    await atEnd;
    expect(call(ctx, 'cancelWork', {})).toMatchObject({ done: 2, total: 3 });
    finish();
    expect(await late).toMatchObject({ message: 'Stopped; nothing was kept.' });
    expect(log).toEqual(['discarded']);
    expect(rowCount(ctx, 'activities')).toBe(before);
  });

  it('rolls back a write that fails at the end and discards what it prepared', async () => {
    const { accountId } = addAccount(ctx);
    const before = rowCount(ctx, 'activities');
    await expect(prepared(preparing(accountId, 3, true))).rejects.toThrow('the disk is full');
    expect(rowCount(ctx, 'activities')).toBe(before);
    expect(log).toEqual(['discarded']);
    expect(ctx.db.inTransaction).toBe(false);
  });

  it('runs alone among long work: another is refused while it runs', async () => {
    const { accountId } = addAccount(ctx);
    const hold = holdAt(1);
    const run = prepared(preparing(accountId, 3));
    await hold.reached;
    await expect(runAlone(noteSteps(accountId, 2))).rejects.toThrow(
      'Something else is being worked through here (Preparing: 1 of 3). Wait for it to finish or cancel it, then try again.',
    );
    hold.release();
    expect(await run).toBe(3);
    expect(await runAlone(noteSteps(accountId, 2))).toBe(2);
  });
});

describe('the test hold on the steps', () => {
  it('holds only its own connection, once, and not at all when released first', async () => {
    const { accountId } = addAccount(ctx);
    const other = createTestCtx();
    try {
      const hold = holdAt(2);
      // a hold on one connection does not touch another's work
      const elsewhere = runStepsInSlices(
        other.db,
        new SteppedWrite(
          (function* () {
            for (let i = 0; i < 5; i++) yield { label: 'Elsewhere', done: i, total: 5 };
            return 'done elsewhere';
          })(),
        ),
      );
      expect(await elsewhere).toBe('done elsewhere');
      const run = runAlone(noteSteps(accountId, 6));
      expect(await hold.reached).toMatchObject({ done: 2 });
      hold.release();
      expect(await run).toBe(6);
      // used up: the next run is not held
      expect(await runAlone(noteSteps(accountId, 6))).toBe(6);
      // released before it was reached: nothing is held
      holdAt(1).release();
      expect(await runAlone(noteSteps(accountId, 3))).toBe(3);
      expect(() => {
        holdAt(1);
        holdAt(2);
      }).toThrow('already has a hold');
    } finally {
      other.close();
    }
  });

  it('cannot be reached from the window: no method of the contract names it', async () => {
    const { METHOD_NAMES } = await import('../../shared/api/contract');
    // statement holds are a business word; the steps' test hook is what must stay unreachable
    expect(METHOD_NAMES.filter((m) => /step/i.test(m) && /hold|release/i.test(m))).toEqual([]);
  });
});

describe('importing a file through the window', () => {
  const CLAIMS = 1_000;

  function largeRemittance(): string {
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
    return remittanceFile(claims, { trace: 'EFT-LARGE', date: TEST_TODAY });
  }

  const posted = () => rowCount(ctx, 'ledger_entries');

  it('shows claims counted while posting, and posts them all', async () => {
    const text = largeRemittance();
    const hold = holdSteps(ctx.db, (p) => p.label === 'Claims posted' && p.done === 500);
    const work = callAsync(ctx, 'importFile', { fileName: 'large.835', text });
    await hold.reached;
    expect(await progress()).toEqual({ label: 'Claims posted', done: 500, total: CLAIMS });
    hold.release();
    const report = await work;
    expect(report.status).toBe('posted');
    expect(report.remittances[0]?.claimsPosted).toBe(CLAIMS);
    expect(currentWork(ctx.db)).toBeNull();
  });

  it('keeps nothing of a file cancelled half way', async () => {
    const text = largeRemittance();
    const before = { ledger: posted(), imports: rowCount(ctx, 'import_files') };
    const hold = holdSteps(ctx.db, (p) => p.label === 'Claims posted' && p.done === 500);
    const work = dispatchAsync(ctx, 'importFile', { fileName: 'large.835', text });
    await hold.reached;
    // half the claims are posted inside the open transaction
    expect(posted()).toBeGreaterThan(before.ledger);
    call(ctx, 'cancelWork', {});
    const result = await work;
    expect(result.ok ? null : result.error.message).toBe(CANCELLED);
    expect({ ledger: posted(), imports: rowCount(ctx, 'import_files') }).toEqual(before);
  });
});
