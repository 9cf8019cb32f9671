import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { asDatabaseKey, type DatabaseKey } from '../db/cipher';
import { checkCopy, snapshotInto, syncFile, type SourceFacts } from './snapshot';

/** Copy the database into `target` (written at `temporary`, synced, renamed), then check it. */
export interface SnapshotJob {
  kind: 'snapshot';
  source: string;
  temporary: string;
  target: string;
  /** The database key in hex (a worker gets plain data), null for a plain database. */
  keyHex: string | null;
}

/** Check a copy made earlier against what its manifest says the source held. */
export interface CheckJob {
  kind: 'check';
  file: string;
  expected: SourceFacts;
  keyHex: string | null;
}

export type WorkerJob = SnapshotJob | CheckJob;

export interface Snapshot {
  facts: SourceFacts;
  problems: string[];
}

export type WorkerReply =
  | { ok: true; facts: SourceFacts | null; problems: string[] }
  | { ok: false; name: string; message: string };

export class SnapshotFailed extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The job on this thread: what the worker runs, and what a caller that may wait calls. */
export function runJob(job: WorkerJob): { facts: SourceFacts | null; problems: string[] } {
  const key = job.keyHex === null ? null : asDatabaseKey(Buffer.from(job.keyHex, 'hex'));
  if (job.kind === 'check') {
    return { facts: null, problems: checkCopy(job.file, job.expected, key) };
  }
  const facts = snapshotInto(job.source, job.temporary, key);
  syncFile(job.temporary);
  fs.renameSync(job.temporary, job.target);
  return { facts, problems: checkCopy(job.target, facts, key) };
}

/**
 * The worker's file: beside this one while running from the sources (tests, through
 * tsx), and built beside the main process's bundle for the app (electron/build.mjs).
 */
function workerUrl(): { url: URL; execArgv: string[] } {
  return import.meta.url.endsWith('.ts')
    ? { url: new URL('./snapshot-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./snapshot-worker.mjs', import.meta.url), execArgv: [] };
}

/**
 * Runs a job in a worker thread, so VACUUM INTO and integrity_check on a large file do
 * not hold up the window's requests, which go on on the main thread meanwhile.
 */
function inWorker(job: WorkerJob): Promise<{ facts: SourceFacts | null; problems: string[] }> {
  const { url, execArgv } = workerUrl();
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: job, execArgv });
    let answered = false;
    worker.once('message', (reply: WorkerReply) => {
      answered = true;
      if (reply.ok) resolve(reply);
      else reject(new SnapshotFailed(reply.name, reply.message));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new SnapshotFailed('WorkerStopped', `The copy stopped (${code}).`));
    });
  });
}

export async function snapshotInWorker(job: Omit<SnapshotJob, 'kind'>): Promise<Snapshot> {
  const { facts, problems } = await inWorker({ kind: 'snapshot', ...job });
  if (!facts) throw new SnapshotFailed('NoFacts', 'The copy said nothing of its source.');
  return { facts, problems };
}

export const keyHexOf = (key: DatabaseKey | null | undefined) => key?.toString('hex') ?? null;

export async function checkInWorker(
  file: string,
  expected: SourceFacts,
  key: DatabaseKey | null = null,
): Promise<string[]> {
  // only the facts: a manifest also holds the list of files, which the worker does not need
  const { schemaVersion, rowCounts, auditHead } = expected;
  const { problems } = await inWorker({
    kind: 'check',
    file,
    expected: { schemaVersion, rowCounts, auditHead },
    keyHex: keyHexOf(key),
  });
  return problems;
}
