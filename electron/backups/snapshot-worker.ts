import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type WorkerJob, type WorkerReply } from './snapshot-job';

/** The worker thread that copies or checks a database off the main thread. */
let reply: WorkerReply;
try {
  reply = { ok: true, ...runJob(workerData as WorkerJob) };
} catch (error) {
  reply = {
    ok: false,
    name: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
  };
}
parentPort?.postMessage(reply);
