import type { Ctx } from '../core/context';
import { setAfterCommit } from '../api/dispatch';
import { OfficeRunner, setOfficeRunner } from '../office/runner';
import { OfficeServerSettingsStore } from '../office/settings';
import { safeStorageProtection } from './safe-storage';
import type { Settings } from './settings';

/**
 * The office's sync in the main process, once the database is open: the server settings
 * from the preferences, the password through safeStorage as the database key is kept, the
 * worker started when this desktop belongs to an office, and woken after each write
 * dispatch commits.
 */
export function startOffice(ctx: Ctx, settings: Settings): OfficeRunner {
  const runner = new OfficeRunner(
    ctx,
    new OfficeServerSettingsStore(settings.officeServer, safeStorageProtection),
  );
  setOfficeRunner(runner);
  setAfterCommit(() => runner.wake());
  void runner.start();
  return runner;
}

/** Before the database closes: the sync under way ends, the server connections close. */
export async function stopOffice(runner: OfficeRunner): Promise<void> {
  setAfterCommit(null);
  setOfficeRunner(null);
  await runner.stop().catch(() => undefined);
}
