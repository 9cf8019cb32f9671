import { onTestFinished } from 'vitest';
import { setAfterCommit } from '../../api/dispatch';
import type { Ctx } from '../../core/context';
import type { OfficeHost } from '../../office/membership';
import { OfficeRunner, setOfficeRunner } from '../../office/runner';
import type { ServerConfig } from '../../office/server/connection';
import { OfficeServerSettingsStore, type StoredOfficeServer } from '../../office/settings';
import { OfficeWorker } from '../../office/worker';
import { testProtection } from '../os-protection';
import { heldRetries } from './worker-watch';

/**
 * A runner as the main process makes it, over preferences kept in memory, its workers'
 * retries held by the test. The caller clears `setOfficeRunner` and `setAfterCommit` after
 * each test.
 */
export function runnerFor(ctx: Ctx, host: OfficeHost | null = null) {
  let kept: StoredOfficeServer | undefined;
  const storage = { get: () => kept, set: (v: StoredOfficeServer | undefined) => (kept = v) };
  const protection = testProtection();
  const workers: OfficeWorker[] = [];
  const runner = new OfficeRunner(
    ctx,
    new OfficeServerSettingsStore(storage, () => Promise.resolve(protection)),
    (c, config) => {
      const worker = new OfficeWorker(c, config, heldRetries().schedule, 'runner');
      workers.push(worker);
      return worker;
    },
    host,
  );
  // as electron/main/office.ts wires it, counting the wake-ups
  let wakes = 0;
  setOfficeRunner(runner);
  setAfterCommit(() => {
    wakes += 1;
    runner.wake();
  });
  onTestFinished(() => runner.stop());
  return { runner, workers, protection, stored: () => kept, wakes: () => wakes };
}

/** The form's settings for a test cluster's database. */
export const settingsOf = (server: ServerConfig, password: string | null = server.password) => ({
  host: server.host,
  port: server.port,
  database: server.database,
  user: server.user,
  password,
  caPem: server.ssl.ca ?? null,
});
