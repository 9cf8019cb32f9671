/**
 * The performance benchmark: `npm run bench [-- --iterations 200 --warmup 20 --rebuild]`;
 * `-- --scale million` runs everything on a 1,000,000-account database instead of the
 * 200,000-account one (its own file, built once and reused, and its own results file);
 * `-- --only imports` runs only the remittance and 837 imports, `-- --only writes` those and
 * the 10,000 payments (what an index costs the writes), `-- --only scenarios` only the
 * lists, searches and the account (not the reports), `-- --only reports` only the reports,
 * `-- --only audit` only what recording a view costs (with `--iterations 3000` for a
 * steadier p95), `-- --only documents [--statements 1000]` only the appeal letter and the
 * statement run, `-- --only daily [--iterations 10]` only the day's work against the bare SQL
 * of its statements (none of these writes the results file);
 * `-- --only frames [--screens 200]` opens the built renderer in Chromium over the bench
 * database and measures each frame while scrolling the work queue (see frames.ts);
 * `-- --only encryption [--accounts 5000]` compares an encrypted database with a plain one
 * on a hospital of that size, built for the purpose (not the bench database); a full run
 * ends with the same comparison at 2,000 accounts (`--accounts` changes that too).
 * `-- --only office [--seconds 60]` starts a throwaway PostgreSQL cluster and times the
 * office database: 10,000 outbox entries applied to the server against the same rows
 * written bare, then 25 desktops working one office for that many seconds (see
 * office/bench.ts); it stops the cluster at the end and fails if a copy diverged.
 * `-- --only office-copy` makes an office from (a copy of) the bench database on a cluster
 * of its own and joins it from a second desktop, timing the upload's stages and the
 * download (office/first-copy.ts).
 *
 * Times the work queue, search and the account view on a bench-scale database, through
 * the app's dispatch and as bare SQL, and prints p50/p95 with the ratio between them;
 * then bulk work, and documents: an appeal letter and a 1,000-account statement run.
 * Results also go to .bench/results.json (.bench/results-million.json at that scale).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Ctx } from '../core/context';
import { closeDatabase, openDatabase } from '../db/open';
import { runDailyWork } from '../upkeep/daily';
import { ensureUser } from '../users/users';
import {
  BENCH_CLOCK,
  BENCH_SCALES,
  BENCH_USER,
  ensureBenchDatabase,
  type BenchScale,
} from './build';
import { appealLetterBenchmark, printDocumentResults, statementRunBenchmark } from './documents';
import { claimImportBenchmark } from './claim-import';
import { dailyWorkBenchmark, printDailyWork } from './daily';
import { encryptionBenchmark, printEncryption } from './encryption';
import { framesBenchmark, printFrames } from './frames';
import { measurePair, type Timing } from './measure';
import { officeBenchmarks } from './office/bench';
import { firstCopyBenchmark, printFirstCopy } from './office/first-copy';
import { REPORT_TARGET, reportScenarios } from './reports';
import { benchScenarios, TARGET_P95_MS, TARGET_RATIO } from './scenarios';
import {
  postingBatchBenchmark,
  recomputeBalancesBenchmark,
  remittanceImportBenchmark,
  type ThroughputResult,
} from './throughput';

interface Result {
  scenario: string;
  handler: Timing;
  bare: Timing;
  ratioP50: number;
  ratioP95: number;
  /** CPU time of the two, for a scenario judged on it. */
  cpu?: { handler: Timing; bare: Timing; ratioP50: number; ratioP95: number };
  meetsTarget: boolean;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`bench: --${name} must be a positive whole number`);
    process.exit(2);
  }
  return n;
}

const isBenchScale = (value: string): value is BenchScale => Object.hasOwn(BENCH_SCALES, value);

const ms = (v: number) => v.toFixed(2).padStart(8);
const ratio = (v: number) => `${v.toFixed(2)}x`.padStart(7);

function printTable(results: readonly Result[]): void {
  const nameWidth = Math.max(...results.map((r) => r.scenario.length), 8);
  const header =
    `${'scenario'.padEnd(nameWidth)} | ${'handler p50'.padStart(11)} ${'p95'.padStart(8)} | ` +
    `${'bare p50'.padStart(8)} ${'p95'.padStart(8)} | ${'ratio p50'.padStart(9)} ${'p95'.padStart(7)} | target`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(nameWidth)} | ${ms(r.handler.p50).padStart(11)} ${ms(r.handler.p95)} | ` +
        `${ms(r.bare.p50)} ${ms(r.bare.p95)} | ${ratio(r.ratioP50).padStart(9)} ${ratio(r.ratioP95)} | ` +
        (r.meetsTarget ? 'ok' : 'MISSED'),
    );
    if (r.cpu)
      console.log(
        `${'  CPU time of the same runs'.padEnd(nameWidth)} | ${ms(r.cpu.handler.p50).padStart(11)} ${ms(r.cpu.handler.p95)} | ` +
          `${ms(r.cpu.bare.p50)} ${ms(r.cpu.bare.p95)} | ${ratio(r.cpu.ratioP50).padStart(9)} ${ratio(r.cpu.ratioP95)} | ` +
          'judged on this',
      );
  }
  console.log(
    `times in ms; target: p95 under ${TARGET_P95_MS} ms and at most ${TARGET_RATIO}x the bare SQL; ` +
      `reports: p95 at most ${REPORT_TARGET.p95Ms} ms, ratio shown`,
  );
}

function printBulk(bulk: readonly ThroughputResult[]): void {
  for (const b of bulk) {
    console.log(
      `${b.name}: ${b.items.toLocaleString('en-US')} in ${b.handlerSeconds.toFixed(2)} s ` +
        `(${Math.round(b.handlerPerSecond).toLocaleString('en-US')}/s); bare ${b.bareSeconds.toFixed(2)} s ` +
        `(${Math.round(b.barePerSecond).toLocaleString('en-US')}/s); ratio ${b.ratio.toFixed(2)}x\n  ${b.note}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      only: { type: 'string' },
      accounts: { type: 'string' },
      statements: { type: 'string' },
      scale: { type: 'string', default: 'bench' },
      screens: { type: 'string' },
      seconds: { type: 'string' },
    },
    strict: true,
  });
  const iterations = positiveInt(values.iterations, 200, 'iterations');
  const warmup = positiveInt(values.warmup, 20, 'warmup');
  const parts = [
    'imports',
    'writes',
    'encryption',
    'scenarios',
    'reports',
    'audit',
    'documents',
    'frames',
    'office',
    'office-copy',
    'daily',
  ];
  if (values.only !== undefined && !parts.includes(values.only)) {
    console.error(`bench: --only takes one of ${parts.map((p) => `"${p}"`).join(', ')}`);
    process.exit(2);
  }
  const scale = values.scale;
  if (!isBenchScale(scale)) {
    console.error(`bench: --scale takes one of ${Object.keys(BENCH_SCALES).join(', ')}`);
    process.exit(2);
  }
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = path.join(root, '.bench');
  const encryptionRun = async (accounts: number) => {
    const compared = await encryptionBenchmark(path.join(dir, 'encryption'), accounts, {
      warmup,
      iterations,
    });
    printEncryption(accounts, compared);
    return { accounts, compared };
  };
  if (values.only === 'office') {
    // its own server and its own demo copies: the bench database is not needed
    const converged = await officeBenchmarks({
      seconds: positiveInt(values.seconds, 60, 'seconds'),
    });
    if (!converged) process.exitCode = 1;
    return;
  }
  if (values.only === 'encryption') {
    await encryptionRun(positiveInt(values.accounts, 5_000, 'accounts'));
    return;
  }

  const database = ensureBenchDatabase(dir, { rebuild: values.rebuild, scale });
  const c = database.counts;
  console.log(
    `${database.reused ? 'Reusing' : 'Using new'} bench database: ${c.accounts.toLocaleString('en-US')} accounts, ` +
      `${c.patients.toLocaleString('en-US')} patients, ${c.claims.toLocaleString('en-US')} claims, ` +
      `${c.ledgerEntries.toLocaleString('en-US')} ledger entries (built in ${database.buildSeconds} s).`,
  );

  if (values.only === 'office-copy') {
    const made = await firstCopyBenchmark(database.file);
    if (made) printFirstCopy(made);
    else process.exitCode = 1;
    return;
  }

  // opened exactly as the app opens its database
  const db = openDatabase(database.file);
  try {
    const ctx: Ctx = {
      db,
      clock: BENCH_CLOCK,
      userId: ensureUser(db, BENCH_USER, 'Bench Runner', BENCH_CLOCK.now()),
      databasePath: database.file,
    };
    // as the app does on the first request of the day, so that no timed run includes it
    const firstDayStart = performance.now();
    runDailyWork(ctx);
    const firstDayMs = performance.now() - firstDayStart;
    // the day after's work: a day's worth of aging and passed deadlines, a second a run
    if (values.only === 'daily') {
      console.log(`The day's work as the run began: ${firstDayMs.toFixed(0)} ms`);
      printDailyWork(dailyWorkBenchmark(ctx, positiveInt(values.iterations, 10, 'iterations')));
      return;
    }
    if (values.only === 'imports' || values.only === 'writes') {
      // a quicker loop while working on the imports: a full run's results file stays as it was
      const payments = values.only === 'writes' ? [postingBatchBenchmark(ctx)] : [];
      printBulk([...payments, remittanceImportBenchmark(ctx), claimImportBenchmark(ctx)]);
      return;
    }
    if (values.only === 'frames') {
      // measured over whichever database ctx holds: a larger one's queue is a larger test
      const frames = await framesBenchmark(ctx, {
        screens: positiveInt(values.screens, 200, 'screens'),
        dragSteps: 200,
        openings: 3,
      });
      printFrames(frames);
      return;
    }
    if (values.only === 'documents') {
      // a run takes at most 10,000 accounts (startStatementRun's contract)
      const statements = Math.min(positiveInt(values.statements, 1_000, 'statements'), 10_000);
      const appeal = await appealLetterBenchmark(ctx);
      // a long run is timed once against one bare drawing
      const run = await statementRunBenchmark(ctx, statements, statements > 1_000 ? 1 : 2);
      printDocumentResults(appeal, run);
      return;
    }
    const scenarios =
      values.only === 'reports'
        ? reportScenarios(ctx)
        : values.only === 'audit'
          ? benchScenarios(ctx).filter((s) => s.name.startsWith('audit cost'))
          : values.only === 'scenarios'
            ? benchScenarios(ctx)
            : [...benchScenarios(ctx), ...reportScenarios(ctx)];
    const results: Result[] = [];
    console.log(
      `Running ${scenarios.length} scenarios, ${warmup} warm-up + ${iterations} timed runs each...\n`,
    );
    for (const s of scenarios) {
      // both paths must do the same work, or the comparison means nothing
      for (let i = 0; i < 5; i++) {
        const h = s.handler(i);
        const b = s.bare(i);
        if (h !== b)
          throw new Error(`bench: "${s.name}" handler and bare SQL disagree (${h} vs ${b} rows)`);
      }
      const t = measurePair(s.handler, s.bare, { warmup, iterations });
      const cpu = s.judgedOnCpu && {
        handler: t.aCpu,
        bare: t.bCpu,
        ratioP50: t.aCpu.p50 / t.bCpu.p50,
        ratioP95: t.aCpu.p95 / t.bCpu.p95,
      };
      const judged = cpu ? { a: cpu.handler, b: cpu.bare } : t;
      const r: Result = {
        scenario: s.name,
        handler: t.a,
        bare: t.b,
        ratioP50: t.a.p50 / t.b.p50,
        ratioP95: t.a.p95 / t.b.p95,
        ...(cpu ? { cpu } : {}),
        meetsTarget: s.target
          ? t.a.p95 <= s.target.p95Ms &&
            (s.target.ratio === null || judged.a.p95 <= s.target.ratio * judged.b.p95)
          : t.a.p95 < TARGET_P95_MS && t.a.p95 <= TARGET_RATIO * t.b.p95,
      };
      results.push(r);
    }
    printTable(results);
    // a quicker loop while working on the reads: a full run's results file stays as it was
    if (values.only !== undefined) return;

    console.log('\nBulk work (each run rolled back afterwards, so the database stays as built)...');
    const bulk: ThroughputResult[] = [
      postingBatchBenchmark(ctx),
      recomputeBalancesBenchmark(ctx),
      remittanceImportBenchmark(ctx),
      claimImportBenchmark(ctx),
    ];
    printBulk(bulk);
    const daily = dailyWorkBenchmark(ctx, 10);
    printDailyWork(daily);

    console.log('\nDocuments (writes rolled back, filed files removed)...');
    const appeal = await appealLetterBenchmark(ctx);
    const statementRun = await statementRunBenchmark(ctx);
    printDocumentResults(appeal, statementRun);

    // small, so a full run grows by a minute or so: the ratios, not the absolute times
    console.log('\nEncryption (a hospital built for it, not the bench database)...');
    const encryption = await encryptionRun(positiveInt(values.accounts, 2_000, 'accounts'));

    const cpus = os.cpus();
    const report = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpu: cpus[0]?.model ?? 'unknown',
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
      },
      database: {
        reused: database.reused,
        buildSeconds: database.buildSeconds,
        today: BENCH_CLOCK.today(),
        counts: c,
      },
      settings: {
        iterations,
        warmup,
        targetP95Ms: TARGET_P95_MS,
        targetRatio: TARGET_RATIO,
        reportTargetP95Ms: REPORT_TARGET.p95Ms,
      },
      results,
      bulk,
      daily,
      documents: { appeal, statementRun },
      encryption,
    };
    const resultsFile = scale === 'bench' ? 'results.json' : `results-${scale}.json`;
    fs.writeFileSync(path.join(dir, resultsFile), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWrote .bench/${resultsFile}`);
  } finally {
    closeDatabase(db);
  }
}

await main();
