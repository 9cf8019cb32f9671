import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../core/context';
import { newDatabaseKey, type DatabaseKey } from '../db/cipher';
import { encryptDatabaseFile } from '../db/encrypt-in-place';
import { openDatabase } from '../db/open';
import { all } from '../db/query';
import { buildHospital } from '../demo/generate';
import { dispatch } from '../testing/dispatch';
import { runDailyWork } from '../upkeep/daily';
import { ensureUser } from '../users/users';
import { BENCH_CLOCK, BENCH_USER } from './build';
import { statementRunBenchmark } from './documents';
import { measurePair } from './measure';
import { remittanceImportBenchmark, type RemittanceImportResult } from './throughput';

/**
 * Encrypted against plain: the same hospital in two files, one encrypted in place from
 * the other, and the queue, the account view, a remittance import and a statement run
 * timed on each. `npm run bench -- --only encryption --accounts 5000`. At a small scale
 * the whole file sits in SQLite's page cache after the warm-up, so reads decrypt little:
 * the ratios are the cost with a warm cache, and writes (which encrypt every page they
 * change, WAL included) show the cost most.
 */

export interface EncryptionComparison {
  scenario: string;
  plain: number;
  encrypted: number;
  /** encrypted / plain: 1.10 is 10% slower. */
  ratio: number;
  /** 's CPU': this process's CPU seconds, which other work on a shared machine disturbs less. */
  unit: 'ms p50' | 's' | 's CPU';
}

/** Imports timed on each file, alternated; odd, so that the median is one of them. */
const REMITTANCE_RUNS = 7;

type RemitTiming = (r: RemittanceImportResult) => number;

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * The remittance import (and its bare writes) on both files, one run each in turn,
 * encrypted first and plain first alternately, so that a change in the machine's load
 * falls on both alike; a first run of each warms the caches and is not counted.
 */
function remittanceComparison(
  plain: Ctx,
  encrypted: Ctx,
  claims: number,
  runs: number,
): { plain: RemittanceImportResult[]; encrypted: RemittanceImportResult[] } {
  remittanceImportBenchmark(encrypted, claims, 1);
  remittanceImportBenchmark(plain, claims, 1);
  const out = { plain: [] as RemittanceImportResult[], encrypted: [] as RemittanceImportResult[] };
  for (let i = 0; i < runs; i++) {
    const order =
      i % 2 === 0 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const);
    for (const which of order) {
      out[which].push(remittanceImportBenchmark(which === 'plain' ? plain : encrypted, claims, 1));
    }
  }
  return out;
}

function openCtx(file: string, key: DatabaseKey | null): Ctx {
  const db = openDatabase(file, key ? { key } : {});
  const ctx: Ctx = {
    db,
    clock: BENCH_CLOCK,
    userId: ensureUser(db, BENCH_USER, 'Bench Runner', BENCH_CLOCK.now()),
    databasePath: file,
    databaseKey: key,
  };
  runDailyWork(ctx);
  return ctx;
}

function unwrap<T>(result: ReturnType<typeof dispatch>): T {
  if (!result.ok) throw new Error(`bench: ${result.error.message}`);
  return result.value as T;
}

export async function encryptionBenchmark(
  dir: string,
  accounts: number,
  opts: { warmup: number; iterations: number },
): Promise<EncryptionComparison[]> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const plainFile = path.join(dir, 'plain.sqlite');
  const encryptedFile = path.join(dir, 'encrypted.sqlite');
  const build = openDatabase(plainFile);
  try {
    ensureUser(build, BENCH_USER, 'Bench Runner', BENCH_CLOCK.now());
    buildHospital(build, {
      today: BENCH_CLOCK.today(),
      now: BENCH_CLOCK.now(),
      accounts,
      accountsPerTransaction: Number.POSITIVE_INFINITY,
    });
    build.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    build.close();
  }
  fs.copyFileSync(plainFile, encryptedFile);
  const key = newDatabaseKey();
  encryptDatabaseFile(encryptedFile, key);

  const plain = openCtx(plainFile, null);
  const encrypted = openCtx(encryptedFile, key);
  try {
    const results: EncryptionComparison[] = [];
    const timed = (scenario: string, run: (ctx: Ctx, i: number) => void) => {
      const t = measurePair(
        (i) => run(plain, i),
        (i) => run(encrypted, i),
        opts,
      );
      results.push({
        scenario,
        plain: t.a.p50,
        encrypted: t.b.p50,
        ratio: t.b.p50 / t.a.p50,
        unit: 'ms p50',
      });
    };
    timed('queue: first page, default sort', (ctx) => {
      unwrap(dispatch(ctx, 'listQueue', {}));
    });
    const ids = all<{ id: number }>(plain.db, `SELECT id FROM accounts ORDER BY id`).map(
      (r) => r.id,
    );
    const pick = (i: number) => ids[(i * 7919) % ids.length] as number;
    timed(`open an account`, (ctx, i) => {
      unwrap(dispatch(ctx, 'getAccount', { accountId: pick(i) }));
    });
    const claims = Math.min(2_000, Math.floor(accounts / 20));
    const remit = remittanceComparison(plain, encrypted, claims, REMITTANCE_RUNS);
    const pair = (scenario: string, unit: EncryptionComparison['unit'], of: RemitTiming) => {
      const p = median(remit.plain.map(of));
      const e = median(remit.encrypted.map(of));
      results.push({ scenario, plain: p, encrypted: e, ratio: e / p, unit });
    };
    pair(`remittance import (${claims} claims)`, 's', (r) => r.handlerSeconds);
    pair(`remittance import (${claims} claims)`, 's CPU', (r) => r.importCpuSeconds);
    // the same rows written as bare SQL: tells the driver's cost from the app's
    pair(`remittance import as bare SQL (${claims} claims)`, 's', (r) => r.bareWriteSeconds);
    pair(`remittance import as bare SQL (${claims} claims)`, 's CPU', (r) => r.bareWriteCpuSeconds);
    const statements = Math.min(200, Math.floor(accounts / 40));
    const runPlain = await statementRunBenchmark(plain, statements);
    const runEncrypted = await statementRunBenchmark(encrypted, statements);
    results.push({
      scenario: `statement run (${statements} statements, filed)`,
      plain: runPlain.runSeconds,
      encrypted: runEncrypted.runSeconds,
      ratio: runEncrypted.runSeconds / runPlain.runSeconds,
      unit: 's',
    });
    return results;
  } finally {
    plain.db.close();
    encrypted.db.close();
  }
}

export function printEncryption(accounts: number, results: readonly EncryptionComparison[]): void {
  console.log(`Encrypted against plain, ${accounts.toLocaleString('en-US')} accounts:`);
  for (const r of results) {
    const v = (n: number) => (r.unit === 'ms p50' ? `${n.toFixed(2)} ms` : `${n.toFixed(3)} s`);
    console.log(
      `  ${r.scenario}: plain ${v(r.plain)}, encrypted ${v(r.encrypted)} (${r.unit}), ` +
        `ratio ${r.ratio.toFixed(2)}x | target at most 1.10x: ${r.ratio <= 1.1 ? 'ok' : 'MISSED'}`,
    );
  }
}
