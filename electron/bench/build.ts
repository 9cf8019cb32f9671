import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoLoadResult } from '../../shared/api/app';
import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import { fixedClock, type Clock } from '../core/context';
import { openDatabase } from '../db/open';
import { MIGRATIONS } from '../db/migrations';
import {
  DEFAULT_DEMO_SEED,
  DEMO_GENERATOR_VERSION,
  generateDemoData,
  type DemoScale,
} from '../demo/generate';
import { ensureUser } from '../users/users';
import { fastBuild } from './fast-build';

/**
 * The benchmark database: built once at bench scale and reused while the generator, the
 * schema and the fixed date are unchanged, since a build takes minutes. The date is fixed
 * (not the real today) so the saved file stays valid on any later day.
 */
export const BENCH_TODAY: IsoDate = isoDate('2026-06-15');
export const BENCH_CLOCK: Clock = fixedClock(BENCH_TODAY);
export const BENCH_USER = 'bench.runner';

/** The sizes the bench runs at, each its own file and stamp in the bench folder. */
export const BENCH_SCALES = {
  bench: { file: 'bench', accounts: '200,000' },
  million: { file: 'bench-million', accounts: '1,000,000' },
} as const satisfies Partial<Record<DemoScale, { file: string; accounts: string }>>;

/** Rows per INSERT in the build: measured fastest for the ledger's and the claim lines' rows. */
const ROWS_PER_STATEMENT = 100;

export type BenchScale = keyof typeof BENCH_SCALES;

export interface BenchDatabase {
  file: string;
  reused: boolean;
  buildSeconds: number;
  counts: DemoLoadResult;
}

interface Stamp {
  generatorVersion: number;
  /** hash of the migrations' SQL: also catches a migration edited before release */
  schema: string;
  seed: number;
  today: IsoDate;
  buildSeconds: number;
  /** the CPU time of it: on a machine others are busy with, the figure to compare */
  buildCpuSeconds?: number;
  /**
   * the part of it on the thread that writes (the households are planned on another one
   * meanwhile): about the wall time on a machine with two cores to itself
   */
  writerCpuSeconds?: number;
  /** the machine's load average over the last minute, when the build ended */
  loadAverage?: number;
  counts: DemoLoadResult;
}

function schemaHash(): string {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(`${m.version}\n${m.sql}\n`);
  return hash.digest('hex').slice(0, 16);
}

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    fs.rmSync(`${file}${suffix}`, { force: true });
}

export function ensureBenchDatabase(
  dir: string,
  opts: { rebuild: boolean; scale: BenchScale },
): BenchDatabase {
  fs.mkdirSync(dir, { recursive: true });
  const { file: name, accounts } = BENCH_SCALES[opts.scale];
  const file = path.join(dir, `${name}.sqlite`);
  const stampFile = path.join(dir, `${name}.json`);
  const stamp = readStamp(stampFile);
  const current =
    stamp !== null &&
    stamp.generatorVersion === DEMO_GENERATOR_VERSION &&
    stamp.schema === schemaHash() &&
    stamp.seed === DEFAULT_DEMO_SEED &&
    stamp.today === BENCH_TODAY &&
    fs.existsSync(file);
  if (current && !opts.rebuild) {
    return { file, reused: true, buildSeconds: stamp.buildSeconds, counts: stamp.counts };
  }

  // built under another name and renamed at the end, so an interrupted build is never reused
  const building = path.join(dir, `${name}.building.sqlite`);
  fs.rmSync(stampFile, { force: true });
  removeDatabase(file);
  removeDatabase(building);
  console.log(
    `Building the bench database (${accounts} accounts, today ${BENCH_TODAY}); this takes a few minutes...`,
  );
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const writerCpuAtStart = process.threadCpuUsage();
  const db = openDatabase(building);
  let counts: DemoLoadResult;
  try {
    ensureUser(db, BENCH_USER, 'Bench Runner', BENCH_CLOCK.now());
    let shown = 0;
    // a throwaway file until the build has finished (see above): built the fast way
    counts = fastBuild(
      db,
      (readsBegin) =>
        generateDemoData(db, {
          today: BENCH_TODAY,
          now: BENCH_CLOCK.now(),
          scale: opts.scale,
          seed: DEFAULT_DEMO_SEED,
          rowsPerStatement: ROWS_PER_STATEMENT,
          planInWorker: true,
          onReadsBegin: readsBegin,
          onProgress: (done, total) => {
            const now = performance.now();
            if (now - shown < 5_000 && done < total) return;
            shown = now;
            const seconds = ((now - started) / 1000).toFixed(0);
            console.log(
              `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} accounts (${seconds} s)`,
            );
          },
        }),
      console.log,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  const cpu = process.cpuUsage(cpuAtStart);
  const buildCpuSeconds = Math.round((cpu.user + cpu.system) / 100_000) / 10;
  const writerCpu = process.threadCpuUsage(writerCpuAtStart);
  const writerCpuSeconds = Math.round((writerCpu.user + writerCpu.system) / 100_000) / 10;
  const loadAverage = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  fs.renameSync(building, file);
  removeDatabase(building);
  const next: Stamp = {
    generatorVersion: DEMO_GENERATOR_VERSION,
    schema: schemaHash(),
    seed: DEFAULT_DEMO_SEED,
    today: BENCH_TODAY,
    buildSeconds,
    buildCpuSeconds,
    writerCpuSeconds,
    loadAverage,
    counts,
  };
  fs.writeFileSync(stampFile, `${JSON.stringify(next, null, 2)}\n`);
  console.log(
    `Built in ${buildSeconds} s (${buildCpuSeconds} s of CPU time, ${writerCpuSeconds} s of it writing; load average ${loadAverage}).`,
  );
  return { file, reused: false, buildSeconds, counts };
}
