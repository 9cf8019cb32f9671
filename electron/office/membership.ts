import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OfficeJoined, OfficeMade, OfficeTransfer } from '../../shared/api/office';
import { ApiError, conflict } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { officeFailure } from './failure';
import { officeLink } from './gids';
import { OfficeRefused } from './refused';
import type { ServerConfig } from './server/connection';
import { downloadOfficeCopy } from './download';
import { OfficeSync, uploadCopyPath } from './sync';

/** What the main process does for a desktop that joins: where the copy goes, and the restart. */
export interface OfficeHost {
  /** A new file beside the database for the office's copy, or why this desktop cannot switch. */
  joinedFile(ctx: Ctx): { file: string } | { refused: string };
  /** Opens ClaimDesk again on that file from now on; false where it cannot restart itself. */
  switchTo(file: string, ctx: Ctx): boolean;
}

export type Progress = (transfer: OfficeTransfer) => void;

export const ALREADY_LINKED =
  'This desktop already belongs to an office. Its work goes to the office server set here.';
export const NO_SERVER = 'Save the office server’s settings first, then make or join the office.';

/** A failure in the words the worker uses: an ApiError as it is, a server's trouble plainly. */
function plainly(error: unknown, config: ServerConfig): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof OfficeRefused) return conflict(error.message);
  // nothing of this desktop's is waiting to be sent: the worker's reassurance does not apply
  return conflict(officeFailure(error, config).replace(/\s*Work is kept here[^.]*\.$/, ''));
}

function requireStandalone(ctx: Ctx): void {
  if (officeLink(ctx.db)) throw conflict(ALREADY_LINKED);
}

/**
 * Settles a link a crash left while this desktop made the office. Null when the server
 * cannot say now: nothing is sent or pulled meanwhile, since the office may have no copy.
 */
export async function settleUnfinishedUpload(
  ctx: Ctx,
  config: ServerConfig,
): Promise<'linked' | 'standalone' | null> {
  const sync = new OfficeSync(ctx, config);
  try {
    return await sync.settleUnfinishedUpload();
  } catch {
    return null;
  } finally {
    await sync.close();
  }
}

/** The plain copy an upload a crash interrupted left beside the database, if any. */
export function removeUploadCopy(ctx: Ctx): void {
  fs.rmSync(uploadCopyPath(ctx.databasePath), { force: true });
}

/**
 * Makes this desktop's database the office's, with the server set: the upload checks
 * every account's ledger sum against its balance before it commits, and a refused upload
 * leaves the desktop standalone as it was.
 */
export async function makeOffice(
  ctx: Ctx,
  config: ServerConfig,
  progress: Progress,
): Promise<OfficeMade> {
  requireStandalone(ctx);
  const sync = new OfficeSync(ctx, config);
  try {
    const made = await sync.createOffice((p) => progress({ what: 'make', ...p }));
    return { accounts: made.accounts, ledgerRows: made.ledgerRows, followUps: made.followUps };
  } catch (error) {
    throw plainly(error, config);
  } finally {
    await sync.close();
  }
}

/**
 * Downloads the office's database into a new file (also for a desktop whose copy was put
 * back in time, which can send nothing more) and has ClaimDesk open it from now on.
 * The desktop's own database is not touched: it stays where it is, under its own name.
 */
export async function joinOffice(
  ctx: Ctx,
  config: ServerConfig,
  host: OfficeHost,
  progress: Progress,
  /** This copy belongs to an office but was put back in time: it joins anew to go on. */
  rejoining = false,
): Promise<OfficeJoined> {
  if (!rejoining) requireStandalone(ctx);
  const target = host.joinedFile(ctx);
  if ('refused' in target) throw conflict(target.refused);
  try {
    await downloadOfficeCopy(config, target.file, os.hostname(), (p) =>
      progress({ what: 'join', ...p }),
    );
  } catch (error) {
    throw plainly(error, config);
  }
  return {
    file: path.relative(path.dirname(ctx.databasePath), target.file),
    keptAs: path.basename(ctx.databasePath),
    restarting: host.switchTo(target.file, ctx),
  };
}
