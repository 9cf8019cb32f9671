import path from 'node:path';
import { DEFAULT_DB_NAME } from '../app/database-path';
import { backupId } from '../backups/layout';
import { writeEncryptRequest } from '../db/encrypt-in-place';
import type { OfficeHost } from './membership';

export const NAMED_AT_START =
  'ClaimDesk was started with its database named on the command line or in CLAIMDESK_DB, ' +
  'and would open that one again. Start it without one to join an office.';

/**
 * Where a joining desktop puts the office's copy (a new folder beside its database, which
 * stays as it is) and how ClaimDesk reopens on it: the copy becomes the remembered
 * database, encrypted at that start when this desktop's database is, and ClaimDesk
 * restarts as it does for a restore. A database named on the command line or in the
 * environment would be opened again by the restart, so joining is refused there.
 */
export function officeHost(app: {
  namedAtStart: boolean;
  rememberDatabase: (file: string) => void;
  restart: () => boolean;
}): OfficeHost {
  return {
    joinedFile: (ctx) =>
      app.namedAtStart
        ? { refused: NAMED_AT_START }
        : {
            // a folder of its own: the documents filed before the office come into the
            // folders their rows name beside it, apart from this desktop's own
            file: path.join(
              path.dirname(ctx.databasePath),
              `claimdesk-office-${backupId(ctx.clock.now())}`,
              DEFAULT_DB_NAME,
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
      app.rememberDatabase(file);
      return app.restart();
    },
  };
}
