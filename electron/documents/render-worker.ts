import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './render-protocol';
import { renderStatement } from './statement-layout';

/**
 * A statement run's render thread: renders each statement it is sent as the PDF filed on
 * its accounts (the print file is put together from those bytes on the main thread). It
 * reads no database and writes no file. It is kept between runs (its fonts stay parsed and
 * their caches warm), and each run starts by opening it afresh.
 */
const port = parentPort;
if (!port) throw new Error('the render worker runs only as a worker thread');

let setup: WorkerSetup | null = null;

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
      setup = { date: message.date, template: message.template };
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
  }
});
