import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { AccountId, UserId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { closeDatabase } from '../../db/open';
import { fileDocument, type NewDocument } from '../../filing/store';
import { downloadOfficeCopy } from '../../office/download';
import type { ServerConfig } from '../../office/server/connection';
import { OfficeSync } from '../../office/sync';
import { deskLogin } from './desk-login';
import type { Desktop } from './desktops';
import { desktopOver } from './office-copy';

/** A letter filed on the account through filing's own path, its PDF as given. */
export function fileLetter(ctx: Ctx, accountId: AccountId, pdf: Buffer): Promise<number> {
  const doc: NewDocument = {
    kind: 'letter',
    title: 'Itemized bill',
    accountId,
    templateId: 'itemized-bill',
    templateCopyId: null,
    documentDate: ctx.clock.today(),
    pages: 1,
    warnings: [],
  };
  return fileDocument(ctx, doc, pdf, (id) => id);
}

/** A third desk joining the office by downloading its copy, as a new desktop does. */
export async function joiningDesk(
  server: ServerConfig,
  dir: string,
  userId: UserId,
): Promise<Desktop> {
  const config = await deskLogin(server);
  const target = path.join(dir, 'joined', 'claimdesk.sqlite');
  await downloadOfficeCopy(config, target, 'desktop 3');
  const ctx = desktopOver(target, userId);
  const sync = new OfficeSync(ctx, config, 'desktop 3');
  onTestFinished(async () => {
    await sync.close();
    closeDatabase(ctx.db);
  });
  await sync.connect();
  return { ctx, config, sync };
}
