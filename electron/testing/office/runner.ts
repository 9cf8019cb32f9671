import { onTestFinished } from 'vitest';
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
 * retries held by the test. The caller clears `setOfficeRunner` after each test; one that
 * needs the wake after each committed write wires it as electron/main/office.ts does.
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
  setOfficeRunner(runner);
  onTestFinished(() => runner.stop());
  return { runner, workers, protection, stored: () => kept };
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
