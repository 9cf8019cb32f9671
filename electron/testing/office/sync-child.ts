/**
 * Run as a child process by the kill-during-sync test: sends a desktop's outbox, as the
 * sync worker does, and kills itself (kill -9) at the n-th time it reaches the step the
 * test chose, so the test sees exactly what a crash at that point leaves behind.
 *
 *   node --import tsx electron/testing/office/sync-child.ts <database> <user id> <step> <n>
 * with the server's connection as JSON in CLAIMDESK_TEST_OFFICE.
 */
import type { UserId } from '../../../shared/ids';
import { fixedClock } from '../../core/context';
import { openDatabase } from '../../db/open';
import type { ServerConfig } from '../../office/server/connection';
import { onSyncStep, type SyncStep } from '../../office/steps';
import { OfficeSync } from '../../office/sync';
import { TEST_TODAY } from '../test-db';

async function main(): Promise<void> {
  const [databasePath = '', user = '0', step = '', n = '1'] = process.argv.slice(2);
  const server = JSON.parse(process.env.CLAIMDESK_TEST_OFFICE ?? '{}') as ServerConfig;
  const db = openDatabase(databasePath);
  const ctx = { db, clock: fixedClock(TEST_TODAY), userId: Number(user) as UserId, databasePath };
  const sync = new OfficeSync(ctx, server, 'child');
  await sync.connect();
  let seen = 0;
  onSyncStep((reached: SyncStep) => {
    if (reached === step && ++seen === Number(n)) process.kill(process.pid, 'SIGKILL');
  });
  await sync.push();
  throw new Error(`the push ended before step ${step} was reached ${n} times`);
}

void main();
