/**
 * Fills a database file with the demo hospital from the command line:
 *
 *   npm run demo -- --db demo.sqlite [--scale demo|bench|million] [--today YYYY-MM-DD] [--seed N]
 *
 * Prints counts and timing only, never patient data.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../../shared/dates/iso-date';
import { fixedClock, systemClock } from '../core/context';
import { closeDatabase, openDatabase } from '../db/open';
import { ensureUser } from '../users/users';
import { DEMO_SCALES, generateDemoData, type DemoScale } from './generate';

const isDemoScale = (value: string): value is DemoScale =>
  (DEMO_SCALES as readonly string[]).includes(value);

function fail(message: string): never {
  console.error(`demo: ${message}`);
  console.error(
    'usage: npm run demo -- --db <file> [--scale demo|bench|million] [--today YYYY-MM-DD] [--seed N]',
  );
  process.exit(2);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      scale: { type: 'string', default: 'demo' },
      today: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  if (!values.db) fail('--db <file> is required');
  const scale = values.scale;
  if (!isDemoScale(scale)) fail(`--scale must be one of ${DEMO_SCALES.join(', ')}, not "${scale}"`);
  if (values.today !== undefined && !isIsoDate(values.today))
    fail(`--today must be a date as YYYY-MM-DD, not "${values.today}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) fail('--seed must be a whole number');

  const clock = values.today && isIsoDate(values.today) ? fixedClock(values.today) : systemClock;
  const existed = fs.existsSync(values.db);
  const started = performance.now();
  const db = openDatabase(values.db);
  try {
    ensureUser(db, 'admin', 'Administrator', clock.now());
    let lastShown = 0;
    const result = generateDemoData(db, {
      today: clock.today(),
      now: clock.now(),
      scale,
      seed,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - lastShown < 2000 && done < total) return;
        lastShown = now;
        console.log(
          `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} accounts`,
        );
      },
    });
    db.pragma('optimize');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${existed ? 'Filled' : 'Created'} ${values.db} (${scale} scale, today ${clock.today()}) in ${seconds} s:`,
    );
    console.log(`  patients        ${result.patients.toLocaleString('en-US')}`);
    console.log(`  accounts        ${result.accounts.toLocaleString('en-US')}`);
    console.log(`  claims          ${result.claims.toLocaleString('en-US')}`);
    console.log(`  ledger entries  ${result.ledgerEntries.toLocaleString('en-US')}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    closeDatabase(db);
  }
}

main();
