import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { RenderedDocument } from './letter-layout';
import type { FromWorker, ToWorker, WorkerSetup } from './render-protocol';
import type { BatchResult } from './statement-batch';
import type { StatementData } from './statement-data';
import type { Template } from './template';

/**
 * A statement run's renderers on worker threads, one per core: each statement is rendered
 * as its own PDF (the copy filed on its accounts) on whichever worker has least to do, and
 * drawn into the combined print file, in the order given, on the one worker that prints.
 */
export interface RenderPool {
  /** How many worker threads render. */
  readonly threads: number;
  /** The statement's own PDF; the statement also goes into the print file, after those before. */
  render(data: StatementData): Promise<RenderedDocument>;
  /** Ends the print file, holding every statement rendered so far in their order. */
  finish(): Promise<BatchResult>;
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
  /** Copies sent and not yet back, plus statements sent to print and not yet drawn. */
  busy: number;
}

/** Only two threads where the machine has two cores: the main thread files meanwhile. */
export function renderThreads(statements: number): number {
  return Math.max(1, Math.min(statements, availableParallelism(), 4));
}

export function openRenderPool(options: {
  readonly date: IsoDate;
  readonly template: Template;
  readonly threads: number;
}): RenderPool {
  const { url, execArgv } = workerFile();
  const copies = new Map<number, Waiting<RenderedDocument>>();
  let printed: Waiting<BatchResult> | null = null;
  let broken: Error | null = null;
  let closed = false;
  let seq = 0;

  const fail = (error: Error) => {
    broken ??= error;
    for (const waiting of copies.values()) waiting.reject(broken);
    copies.clear();
    printed?.reject(broken);
    printed = null;
  };

  const threads: Thread[] = Array.from({ length: Math.max(1, options.threads) }, (_, i) => {
    const setup: WorkerSetup = { date: options.date, template: options.template, prints: i === 0 };
    const thread: Thread = { worker: new Worker(url, { workerData: setup, execArgv }), busy: 0 };
    thread.worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'copy': {
          thread.busy--;
          const waiting = copies.get(message.seq);
          copies.delete(message.seq);
          waiting?.resolve({
            pdf: Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength),
            pageCount: message.pageCount,
            warnings: message.warnings,
          });
          return;
        }
        case 'drawn':
          thread.busy--;
          return;
        case 'printed': {
          const waiting = printed;
          printed = null;
          waiting?.resolve({
            pdf: Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength),
            pageCount: message.pageCount,
            statements: message.statements,
          });
          return;
        }
        case 'failed': {
          const error = new Error(`A statement could not be rendered: ${message.message}`);
          if (message.seq === null) {
            fail(error);
            return;
          }
          thread.busy--;
          copies.get(message.seq)?.reject(error);
          copies.delete(message.seq);
        }
      }
    });
    thread.worker.on('error', (error) => fail(error));
    thread.worker.on('exit', (code) => {
      if (!closed) fail(new Error(`A statement renderer stopped (exit code ${code}).`));
    });
    return thread;
  });
  const printer = threads[0] as Thread;
  const post = (thread: Thread, message: ToWorker) => {
    thread.busy++;
    thread.worker.postMessage(message);
  };

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
      post(printer, { type: 'print', data });
      const idlest = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
      post(idlest, { type: 'copy', seq: id, data });
      return result;
    },
    finish() {
      if (broken) return Promise.reject(broken);
      if (printed) return Promise.reject(new Error('the print file is already being finished'));
      const result = new Promise<BatchResult>((resolve, reject) => {
        printed = { resolve, reject };
      });
      printer.worker.postMessage({ type: 'finish' } satisfies ToWorker);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      fail(new Error('the renderers are closed'));
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
