import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { RenderedDocument } from './letter-layout';
import type { FromWorker, ToWorker } from './render-protocol';
import type { StatementData } from './statement-data';
import type { Template } from './template';

/**
 * A statement run's renderers on worker threads, one per core: each statement is rendered
 * once, as its own PDF (the copy filed on its accounts), on whichever worker has least to
 * do; the print file is combined from those bytes.
 */
export interface RenderPool {
  /** How many worker threads render. */
  readonly threads: number;
  /** The statement's own PDF. */
  render(data: StatementData): Promise<RenderedDocument>;
  /** Stops the workers; whatever they were doing is dropped. */
  close(): Promise<void>;
}

/**
 * The worker's file: beside this one while running from the sources (tests, benchmarks,
 * through tsx), beside the bundle in the built app (electron/build.mjs builds it there).
 */
function workerFile(): { url: URL; execArgv: string[] } {
  return import.meta.url.endsWith('.ts')
    ? { url: new URL('./render-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./render-worker.mjs', import.meta.url), execArgv: [] };
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  /** Removes this run's listeners (a worker's own must stay: they deliver its messages). */
  detach(): void;
  /** Statements sent and not yet answered. */
  busy: number;
}

/** Only two threads where the machine has two cores: the main thread files meanwhile. */
export function renderThreads(statements: number): number {
  return Math.max(1, Math.min(statements, availableParallelism(), 4));
}

/**
 * Workers kept from the last run that finished, so the next run neither starts threads nor
 * parses fonts again; stopped after a while unused. They do not keep the app from exiting.
 */
const idle = new Map<Worker, () => void>();
const IDLE_MS = 5 * 60_000;
let idleTimer: NodeJS.Timeout | null = null;

function takeWorker(): Worker {
  const [kept] = idle;
  if (kept) {
    const [worker, detach] = kept;
    idle.delete(worker);
    detach();
    worker.ref();
    return worker;
  }
  const { url, execArgv } = workerFile();
  return new Worker(url, { execArgv });
}

function keepWorkers(threads: readonly Thread[]): void {
  for (const { worker, detach } of threads) {
    detach();
    worker.unref();
    // one that stops while kept is simply not used again
    const gone = () => idle.delete(worker);
    worker.on('exit', gone);
    worker.on('error', gone);
    idle.set(worker, () => {
      worker.off('exit', gone);
      worker.off('error', gone);
    });
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    for (const worker of [...idle.keys()]) {
      idle.delete(worker);
      void worker.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

/**
 * Stops a worker once it has answered everything sent to it. Terminating one in the middle
 * of a render can stop it between creating a zlib handle and initialising it, and Node
 * then aborts the whole process as the worker is torn down ("close before init"): a
 * cancelled run must never take ClaimDesk down with it.
 */
function stopWhenIdle(thread: Thread): Promise<number> {
  // finishing its last pieces of work never holds the app (or a test) open
  thread.worker.unref();
  const idle = new Promise<void>((resolve) => {
    if (thread.busy <= 0) {
      resolve();
      return;
    }
    const done = () => {
      thread.worker.off('message', check);
      thread.worker.off('exit', done);
      resolve();
    };
    // listens after the run's own listener, which counts the answer off `busy` first
    const check = () => {
      if (thread.busy <= 0) done();
    };
    thread.worker.on('message', check);
    thread.worker.on('exit', done);
  });
  return idle.then(() => thread.worker.terminate());
}

export function openRenderPool(options: {
  readonly date: IsoDate;
  readonly template: Template;
  readonly threads: number;
}): RenderPool {
  const copies = new Map<number, Waiting<RenderedDocument>>();
  let broken: Error | null = null;
  let closed = false;
  let seq = 0;

  const fail = (error: Error) => {
    broken ??= error;
    for (const waiting of copies.values()) waiting.reject(broken);
    copies.clear();
  };

  const threads: Thread[] = Array.from({ length: Math.max(1, options.threads) }, () => {
    const worker = takeWorker();
    const open: ToWorker = { type: 'open', date: options.date, template: options.template };
    worker.postMessage(open);
    const onMessage = (message: FromWorker) => {
      thread.busy -= 1;
      const waiting = copies.get(message.seq);
      copies.delete(message.seq);
      if (message.type === 'failed') {
        waiting?.reject(new Error(`A statement could not be rendered: ${message.message}`));
        return;
      }
      waiting?.resolve({
        pdf: Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength),
        pageCount: message.pageCount,
        warnings: message.warnings,
      });
    };
    const onError = (error: Error) => fail(error);
    const onExit = (code: number) => {
      if (!closed) fail(new Error(`A statement renderer stopped (exit code ${code}).`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const thread: Thread = {
      worker,
      busy: 0,
      detach: () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      },
    };
    return thread;
  });

  return {
    threads: threads.length,
    render(data) {
      if (broken) return Promise.reject(broken);
      if (closed) return Promise.reject(new Error('the renderers are closed'));
      const id = seq++;
      const result = new Promise<RenderedDocument>((resolve, reject) =>
        copies.set(id, { resolve, reject }),
      );
      // a run that stops part way leaves copies nobody waits for
      result.catch(() => undefined);
      const idlest = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
      idlest.busy += 1;
      idlest.worker.postMessage({ type: 'copy', seq: id, data } satisfies ToWorker);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      // kept only when everything sent was answered; otherwise stopped once idle
      const clean = !broken && threads.every((t) => t.busy === 0);
      fail(new Error('the renderers are closed'));
      if (clean) keepWorkers(threads);
      else await Promise.all(threads.map(stopWhenIdle));
    },
  };
}
