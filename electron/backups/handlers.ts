import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type {
  backupIdInput,
  BackupCheck,
  backupsMethods,
  BackupsView,
  RestoreStarted,
  saveBackupScheduleInput,
} from '../../shared/api/backups';
import { conflict, notFound } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import type { HandlersOf } from '../core/handlers';
import { isSupervisor } from '../users/users';
import { listBackupsIn, newestBackupIn, recheckBackup } from './catalogue';
import { isEncryptedFile } from '../db/cipher';
import { pendingEncryption } from '../db/encrypt-in-place';
import { encryptDatabase, issueRecoveryKey } from './encrypt';
import { backupsDir } from './layout';
import { pendingRestore, requestRestart, writeRestoreRequest } from './restore';
import { backupSchedule, backupState, runBackup, writeBackupSchedule } from './schedule';

function folderOf(ctx: ReadCtx): string {
  return backupsDir(ctx.databasePath, backupSchedule(ctx.db).folder);
}

function listBackups(ctx: ReadCtx): BackupsView {
  const state = backupState(ctx.databasePath);
  return {
    folder: folderOf(ctx),
    schedule: backupSchedule(ctx.db),
    backups: listBackupsIn(folderOf(ctx)),
    running: state.running,
    last: state.last,
    restorePending: pendingRestore(ctx.databasePath)?.id ?? null,
    encryption: isEncryptedFile(ctx.databasePath)
      ? 'encrypted'
      : pendingEncryption(ctx.databasePath)
        ? 'pending'
        : 'plain',
  };
}

/**
 * The sentence at the top of every screen for a supervisor: the last backup this ClaimDesk
 * tried failed, or the newest backup in the folder failed its check.
 */
function backupWarning(ctx: ReadCtx): string | null {
  if (!isSupervisor(ctx.db, ctx.userId)) return null;
  const { last } = backupState(ctx.databasePath);
  if (last && !last.ok) return last.message;
  const newest = newestBackupIn(folderOf(ctx));
  if (newest && !newest.check.ok) {
    return `The newest backup failed its check: ${newest.check.problems.join(' ')}`;
  }
  return null;
}

function backupDir(ctx: ReadCtx, id: string): string {
  const dir = path.join(folderOf(ctx), id);
  if (!fs.existsSync(dir)) throw notFound('That backup');
  return dir;
}

async function checkBackup(
  ctx: ReadCtx,
  input: z.output<typeof backupIdInput>,
): Promise<BackupCheck> {
  const dir = backupDir(ctx, input.id);
  return recheckBackup(dir, () => ctx.clock.now(), ctx.databaseKey ?? null);
}

/**
 * Checks the chosen backup again file by file, then leaves the request for the start,
 * which puts it back with nothing open, and asks ClaimDesk to start again.
 */
async function restoreBackup(
  ctx: Ctx,
  input: z.output<typeof backupIdInput>,
): Promise<RestoreStarted> {
  const dir = backupDir(ctx, input.id);
  if (backupState(ctx.databasePath).running) {
    throw conflict('A backup is being made. Restore once it is done.');
  }
  const check = await recheckBackup(dir, () => ctx.clock.now(), ctx.databaseKey ?? null);
  if (!check.ok) {
    throw conflict(`This backup cannot be restored: ${check.problems.join(' ')}`);
  }
  writeRestoreRequest(ctx.databasePath, {
    backup: dir,
    id: input.id,
    requestedAt: ctx.clock.now(),
    requestedBy: ctx.userId,
  });
  return { id: input.id, restarting: requestRestart() };
}

export const backupsHandlers = {
  listBackups,
  getBackupWarning: (ctx: ReadCtx) => ({ warning: backupWarning(ctx) }),
  checkBackup,
  startBackup: (ctx: Ctx) => {
    const started = runBackup({
      databasePath: ctx.databasePath,
      key: ctx.databaseKey ?? null,
      clock: ctx.clock,
      folder: folderOf(ctx),
      kind: 'on request',
    });
    return { started: started !== null };
  },
  restoreBackup,
  encryptDatabase,
  issueRecoveryKey,
  saveBackupSchedule: (ctx: Ctx, input: z.output<typeof saveBackupScheduleInput>) => {
    writeBackupSchedule(ctx.db, input, { userId: ctx.userId, now: ctx.clock.now() });
    return backupSchedule(ctx.db);
  },
} satisfies HandlersOf<typeof backupsMethods>;
