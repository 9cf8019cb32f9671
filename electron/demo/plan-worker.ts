import {
  isMainThread,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { rowBatches, type PlanSetup } from './batches';
import type { RowBatch } from './writer-rows';

/*
 * Planning the households (the random draws, dates and amounts) is about a third of a
 * bench build's time and needs no database, so a worker thread plans them while the main
 * thread writes: on two cores the two overlap. The writer is synchronous (one SQLite
 * transaction after another), so it takes batches with receiveMessageOnPort and sleeps on
 * a shared counter when none is ready, rather than through events.
 */

/** Batches the worker may run ahead of the writer: enough to keep both busy, little memory. */
const AHEAD = 8;
/** Longer than a batch ever takes, even to start the worker on a busy machine. */
const SILENCE_MS = 120_000;
/** Counters shared with the worker: batches sent, batches taken. */
const SENT = 0;
const TAKEN = 1;

type FromWorker = { batch: RowBatch } | { done: true } | { error: string };

interface WorkerData {
  planner: true;
  setup: PlanSetup;
  port: MessagePort;
  counters: Int32Array;
}

/** The worker's side: plans every batch and sends it, waiting while the writer is behind. */
function plan({ setup, port, counters }: WorkerData): void {
  const send = (message: FromWorker) => {
    port.postMessage(message);
    Atomics.add(counters, SENT, 1);
    Atomics.notify(counters, SENT);
  };
  try {
    for (const batch of rowBatches(setup)) {
      for (;;) {
        const taken = Atomics.load(counters, TAKEN);
        if (Atomics.load(counters, SENT) - taken < AHEAD) break;
        Atomics.wait(counters, TAKEN, taken);
      }
      send({ batch });
    }
    send({ done: true });
  } catch (error) {
    send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

/**
 * The same batches as rowBatches(setup), planned on a worker thread. The caller must run
 * it to the end or call return(), which stops the worker.
 */
export function* rowBatchesInWorker(setup: PlanSetup): Generator<RowBatch, void, undefined> {
  const { port1, port2 } = new MessageChannel();
  const counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const data: WorkerData = { planner: true, setup, port: port2, counters };
  // the worker runs this file's TypeScript as the caller does (tsx in the bench, vitest's
  // node in tests) only with tsx's loader given explicitly
  const worker = new Worker(new URL(import.meta.url), {
    workerData: data,
    transferList: [port2],
    execArgv: ['--import', 'tsx'],
  });
  let received = 0;
  let heard = performance.now();
  try {
    for (;;) {
      const message = receiveMessageOnPort(port1)?.message as FromWorker | undefined;
      if (!message) {
        // a worker that failed to start cannot say so while this thread is blocked
        if (performance.now() - heard > SILENCE_MS)
          throw new Error(`demo planning worker: nothing sent for ${SILENCE_MS / 1000} s`);
        // nothing sent since the last one taken: sleep until the worker sends
        Atomics.wait(counters, SENT, received, 1_000);
        continue;
      }
      heard = performance.now();
      received++;
      Atomics.add(counters, TAKEN, 1);
      Atomics.notify(counters, TAKEN);
      if ('error' in message) throw new Error(`demo planning worker: ${message.error}`);
      if ('done' in message) return;
      yield message.batch;
    }
  } finally {
    port1.close();
    // wake a worker waiting for room, so that it runs into its termination
    Atomics.store(counters, TAKEN, Atomics.load(counters, SENT));
    Atomics.notify(counters, TAKEN);
    void worker.terminate();
  }
}

// this file is also the worker's entry: it plans when started with its own worker data
const given = workerData as Partial<WorkerData> | null;
if (!isMainThread && given?.planner === true) plan(given as WorkerData);
