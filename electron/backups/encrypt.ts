import { conflict } from '../../shared/api/errors';
import type { EncryptionStarted } from '../../shared/api/backups';
import type { Ctx } from '../core/context';
import { isEncryptedFile } from '../db/cipher';
import { pendingEncryption, writeEncryptRequest } from '../db/encrypt-in-place';
import { backupsDir } from './layout';
import { requestRestart } from './restore';
import { backupSchedule, backupState, runBackup } from './schedule';

/**
 * A supervisor's request to encrypt a plain database. A backup is made and checked first
 * (the database can always be put back from it); the encryption itself runs at the next
 * start, before anything opens the file (electron/db/encrypt-in-place.ts), as a restore does.
 */
export async function encryptDatabase(ctx: Ctx): Promise<EncryptionStarted> {
  if (isEncryptedFile(ctx.databasePath)) throw conflict('The database is already encrypted.');
  if (pendingEncryption(ctx.databasePath)) {
    throw conflict('The database will be encrypted when ClaimDesk starts again.');
  }
  if (backupState(ctx.databasePath).running) {
    throw conflict('A backup is being made. Ask again once it is done.');
  }
  const made = await runBackup({
    databasePath: ctx.databasePath,
    key: ctx.databaseKey ?? null,
    clock: ctx.clock,
    folder: backupsDir(ctx.databasePath, backupSchedule(ctx.db).folder),
    kind: 'on request',
  });
  if (!made) throw conflict('A backup is being made. Ask again once it is done.');
  if (!made.check.ok) {
    throw conflict(
      `The backup made first failed its check, so the database was not encrypted: ${made.check.problems.join(' ')}`,
    );
  }
  writeEncryptRequest(ctx.databasePath, {
    backupId: made.id,
    requestedAt: ctx.clock.now(),
    requestedBy: ctx.userId,
  });
  return { backupId: made.id, restarting: requestRestart() };
}
