import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './render-protocol';
import { openStatementBatch, type StatementBatch } from './statement-batch';
import { renderStatement } from './statement-layout';

/**
 * A statement run's render thread: renders each statement it is sent as the PDF filed on
 * its accounts and, on the one worker that prints, draws it into the combined print file
 * too. It reads no database and writes no file. It is kept between runs (its fonts stay
 * parsed and their caches warm), and each run starts by opening it afresh.
 */
const port = parentPort;
if (!port) throw new Error('the render worker runs only as a worker thread');

let setup: WorkerSetup | null = null;
let batch: StatementBatch | null = null;

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

/** The bytes in a buffer of their own, so they move to the main thread without a copy. */
function own(pdf: Buffer): { pdf: Uint8Array; transfer: ArrayBuffer[] } {
  const bytes = new Uint8Array(pdf.length);
  bytes.set(pdf);
  return { pdf: bytes, transfer: [bytes.buffer] };
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      batch?.abort();
      setup = { date: message.date, template: message.template, prints: message.prints };
      batch = setup.prints
        ? openStatementBatch({ date: setup.date, template: setup.template })
        : null;
      return;
    case 'copy':
      if (!setup) {
        send({ type: 'failed', seq: message.seq, message: 'the worker was not opened' });
        return;
      }
      renderStatement(message.data, { template: setup.template }).then(
        (r) => {
          const { pdf, transfer } = own(r.pdf);
          send(
            { type: 'copy', seq: message.seq, pdf, pageCount: r.pageCount, warnings: r.warnings },
            transfer,
          );
        },
        (error: unknown) => send({ type: 'failed', seq: message.seq, message: failure(error) }),
      );
      return;
    case 'print':
      try {
        if (!batch) throw new Error('this worker does not print');
        batch.add(message.data);
        send({ type: 'drawn' });
      } catch (error) {
        send({ type: 'failed', seq: null, message: failure(error) });
      }
      return;
    case 'finish':
      if (!batch) {
        send({ type: 'failed', seq: null, message: 'this worker does not print' });
        return;
      }
      batch.finish().then(
        (r) => {
          const { pdf, transfer } = own(r.pdf);
          send(
            { type: 'printed', pdf, pageCount: r.pageCount, statements: r.statements },
            transfer,
          );
        },
        (error: unknown) => send({ type: 'failed', seq: null, message: failure(error) }),
      );
  }
});
