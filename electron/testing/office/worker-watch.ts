import type { OfficeStatus, OfficeWorker, Schedule } from '../../office/worker';

/** Retries the worker asks for, run by the test when it chooses: no timer is raced. */
export function heldRetries(): { schedule: Schedule; waits: number[]; runNext(): void } {
  const pending: (() => void)[] = [];
  const waits: number[] = [];
  return {
    waits,
    schedule: (ms, fn) => {
      waits.push(ms);
      pending.push(fn);
      return () => {
        const i = pending.indexOf(fn);
        if (i >= 0) pending.splice(i, 1);
      };
    },
    runNext: () => {
      const fn = pending.shift();
      if (!fn) throw new Error('no retry is waiting');
      fn();
    },
  };
}

/** Resolves with the first status (now or later) that `wanted` accepts. */
export function statusWhen(
  worker: OfficeWorker,
  wanted: (s: OfficeStatus) => boolean,
): Promise<OfficeStatus> {
  return new Promise<OfficeStatus>((resolve) => {
    if (wanted(worker.status())) return resolve(worker.status());
    const stop = worker.watch((s) => {
      if (!wanted(s)) return;
      stop();
      resolve(s);
    });
  });
}
