/**
 * `npm run bench -- --only office-copy [--scale million]`: an office made from the bench
 * database and a second desktop joining it, on a throwaway PostgreSQL cluster of its own:
 * the upload (the copy, the rows, the file, the ledger check) and the download, each
 * stage timed, against node-postgres writing the same file's parts bare in one transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Ctx } from '../../core/context';
import { closeDatabase, openDatabase } from '../../db/open';
import { prepare } from '../../db/query';
import { PART_BYTES, fileParts } from '../../office/copy';
import { downloadOfficeCopy } from '../../office/download';
import type { ServerConfig } from '../../office/server/connection';
import { OfficeSync } from '../../office/sync';
import { findPgBin, startCluster } from '../../testing/office/cluster';
import { deskLogin } from '../../testing/office/desk-login';
import { ensureUser } from '../../users/users';
import { BENCH_CLOCK } from '../build';
import { databasesOf } from './bench';

export interface FirstCopyResult {
  accounts: number;
  ledgerRows: number;
  followUps: number;
  megabytes: number;
  /** seconds in each stage of the upload, in the order they ran */
  stages: [string, number][];
  uploadSeconds: number;
  downloadSeconds: number;
  /** node-postgres alone writing the same file's parts in one transaction */
  bareFileSeconds: number;
}

async function bareFile(config: ServerConfig, file: string): Promise<number> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(`CREATE TABLE bare_parts (part integer PRIMARY KEY, bytes bytea NOT NULL)`);
    const started = performance.now();
    await client.query('BEGIN');
    let part = 0;
    for (const bytes of fileParts(file)) {
      await client.query(`INSERT INTO bare_parts VALUES ($1, $2)`, [part, bytes]);
      part += 1;
    }
    await client.query('COMMIT');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** Makes the office from a copy of `benchFile` (the bench database stays as it is). */
export async function firstCopyBenchmark(benchFile: string): Promise<FirstCopyResult | null> {
  const bin = findPgBin();
  if (!bin) {
    console.error("bench: the office benchmarks need PostgreSQL's server (Debian's postgresql)");
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-office-copy-'));
  const cluster = await startCluster(bin);
  try {
    const source = path.join(dir, 'first.sqlite');
    // a copy taken as SQLite takes one, its write-ahead log included
    const bench = openDatabase(benchFile);
    try {
      prepare(bench, `VACUUM INTO ?`).run(source);
    } finally {
      closeDatabase(bench);
    }
    const db = openDatabase(source);
    const ctx: Ctx = {
      db,
      clock: BENCH_CLOCK,
      userId: ensureUser(db, 'bench', 'Bench Runner', BENCH_CLOCK.now()),
      databasePath: source,
    };
    const newDatabase = databasesOf(cluster.config);
    const config = await newDatabase();
    const sync = new OfficeSync(ctx, config, 'bench desktop 1');
    const stages: [string, number][] = [];
    let stage = '';
    let stageStart = performance.now();
    const started = performance.now();
    const made = await sync
      .createOffice((p) => {
        if (p.stage === stage) return;
        const now = performance.now();
        if (stage) stages.push([stage, (now - stageStart) / 1000]);
        stage = p.stage;
        stageStart = now;
      })
      .finally(async () => {
        await sync.close();
        closeDatabase(db);
      });
    const uploadSeconds = (performance.now() - started) / 1000;
    stages.push([stage, (performance.now() - stageStart) / 1000]);

    const joined = path.join(dir, 'joined.sqlite');
    // the owner made the office, as its supervisor does; a desk joins with a login of its own
    const desk = await deskLogin(config);
    const downloadStart = performance.now();
    await downloadOfficeCopy(desk, joined, 'bench desktop 2');
    const downloadSeconds = (performance.now() - downloadStart) / 1000;

    const bareFileSeconds = await bareFile(await newDatabase(), joined);
    return {
      accounts: made.accounts,
      ledgerRows: made.ledgerRows,
      followUps: made.followUps,
      megabytes: made.bytes / 1024 / 1024,
      stages,
      uploadSeconds,
      downloadSeconds,
      bareFileSeconds,
    };
  } finally {
    cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printFirstCopy(r: FirstCopyResult): void {
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `The office made from the bench database: ${n(r.accounts)} accounts, ${n(r.ledgerRows)} ledger rows, ` +
      `${n(r.followUps)} follow-ups, a ${r.megabytes.toFixed(0)} MB file in parts of ${PART_BYTES / 1024 / 1024} MB`,
  );
  console.log(
    `  upload ${r.uploadSeconds.toFixed(1)} s (` +
      r.stages.map(([s, sec]) => `${s} ${sec.toFixed(1)} s`).join(', ') +
      `), ${n(Math.round(r.ledgerRows / r.uploadSeconds))} ledger rows/s`,
  );
  console.log(
    `  download and link at a second desktop ${r.downloadSeconds.toFixed(1)} s ` +
      `(${(r.megabytes / r.downloadSeconds).toFixed(0)} MB/s)`,
  );
  console.log(
    `  bare: node-postgres writing the same file's parts in one transaction ${r.bareFileSeconds.toFixed(1)} s`,
  );
}
