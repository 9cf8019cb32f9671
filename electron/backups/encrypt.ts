import { conflict } from '../../shared/api/errors';
import type { EncryptionStarted, RecoveryKeyIssued } from '../../shared/api/backups';
import type { Ctx } from '../core/context';
import { isEncryptedFile } from '../db/cipher';
import { pendingEncryption, writeEncryptRequest } from '../db/encrypt-in-place';
import { keyRecordPath, replaceRecoveryKey } from '../db/key-store';
import fs from 'node:fs';
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

/**
 * A new recovery key for the same database key, when the old one is lost or may have been
 * seen: cheap (the key record beside the database is rewritten; the database, its
 * documents and every workstation's wrapped copy stay as they are). The answer is shown
 * once; the trail records the request, never the key.
 */
export function issueRecoveryKey(ctx: Ctx): RecoveryKeyIssued {
  if (!ctx.databaseKey || !isEncryptedFile(ctx.databasePath)) {
    throw conflict('The database is not encrypted, so it has no recovery key.');
  }
  if (!fs.existsSync(keyRecordPath(ctx.databasePath))) {
    throw conflict(
      `The key record beside the database (${keyRecordPath(ctx.databasePath)}) is missing. Put back the copy from the newest backup (database.sqlite.key) first.`,
    );
  }
  return { recoveryKey: replaceRecoveryKey(ctx.databasePath, ctx.databaseKey) };
}
