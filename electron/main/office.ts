import path from 'node:path';
import { conflict } from '../../shared/api/errors';
import { backupId } from '../backups/layout';
import { requestRestart } from '../backups/restore';
import type { Ctx } from '../core/context';
import { writeEncryptRequest } from '../db/encrypt-in-place';
import type { OsProtection } from '../db/key-store';
import { setAfterCommit } from '../api/dispatch';
import type { OfficeHost } from '../office/membership';
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

/**
 * Where a joining desktop puts the office's copy (a new file beside its database, which
 * stays as it is) and how ClaimDesk reopens on it: the copy becomes the remembered
 * database, encrypted at that start when this desktop's database is, and ClaimDesk
 * restarts as it does for a restore. A database named on the command line or in the
 * environment would be opened again by the restart, so joining is refused there.
 */
function officeHost(settings: Settings, namedAtStart: boolean, databasePath: string): OfficeHost {
  return {
    joinedFile: () =>
      namedAtStart
        ? {
            refused:
              'ClaimDesk was started with its database named on the command line or in ' +
              'CLAIMDESK_DB, and would open that one again. Start it without one to join an office.',
          }
        : {
            file: path.join(
              path.dirname(databasePath),
              `claimdesk-office-${backupId(new Date().toISOString())}.sqlite`,
            ),
          },
    switchTo: (file, ctx) => {
      if (ctx.databaseKey) {
        writeEncryptRequest(file, {
          backupId: null,
          requestedAt: ctx.clock.now(),
          requestedBy: ctx.userId,
        });
      }
      settings.setDatabasePath(file);
      return requestRestart();
    },
  };
}

export function startOffice(ctx: Ctx, settings: Settings, namedAtStart: boolean): OfficeRunner {
  const runner = new OfficeRunner(
    ctx,
    new OfficeServerSettingsStore(settings.officeServer, protection),
    undefined,
    officeHost(settings, namedAtStart, ctx.databasePath),
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
