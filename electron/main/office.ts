import { conflict } from '../../shared/api/errors';
import { requestRestart } from '../backups/restore';
import type { Ctx } from '../core/context';
import type { OsProtection } from '../db/key-store';
import { setAfterCommit } from '../api/dispatch';
import { officeHost } from '../office/host';
import { OfficeRunner, setOfficeRunner } from '../office/runner';
import { OfficeServerSettingsStore } from '../office/settings';
import { OsKeyStoreUnavailable, safeStorageProtection } from './safe-storage';
import type { Settings } from './settings';

/**
 * The office's sync in the main process, once the database is open: the server settings
 * from the preferences, the password through safeStorage as the database key is kept, the
 * worker started when this desktop belongs to an office, and woken after each write
 * dispatch commits.
 */
/** The OS key store, or a refusal a supervisor can read when this computer has none. */
async function protection(): Promise<OsProtection> {
  try {
    return await safeStorageProtection();
  } catch (error) {
    if (!(error instanceof OsKeyStoreUnavailable)) throw error;
    throw conflict(
      "This computer's key store is not available, so ClaimDesk cannot keep the office " +
        "server's password safely here. On Linux, install and unlock a Secret Service " +
        '(GNOME Keyring or KWallet).',
    );
  }
}

export function startOffice(ctx: Ctx, settings: Settings, namedAtStart: boolean): OfficeRunner {
  const runner = new OfficeRunner(
    ctx,
    new OfficeServerSettingsStore(settings.officeServer, protection),
    undefined,
    officeHost({
      namedAtStart,
      rememberDatabase: (file) => settings.setDatabasePath(file),
      restart: requestRestart,
    }),
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
