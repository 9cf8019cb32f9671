import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { closeDatabase } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { fileDocument, type NewDocument } from '../filing/store';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { closeAccount, eleanor, patientOf } from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { deskLogin } from '../testing/office/desk-login';
import { desktopOver } from '../testing/office/office-copy';
import { downloadOfficeCopy } from './download';
import { gidOf, localIdOf } from './gids';
import type { ServerConfig } from './server/connection';
import { OfficeSync } from './sync';

/** A third desk joining the office by downloading its copy, as a new desktop does. */
async function joining(server: ServerConfig, dir: string, userId: UserId): Promise<Desktop> {
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

function fileLetter(d: Desktop, accountId: AccountId): Promise<number> {
  const doc: NewDocument = {
    kind: 'letter',
    title: 'Itemized bill',
    accountId,
    templateId: 'itemized-bill',
    templateCopyId: null,
    documentDate: d.ctx.clock.today(),
    pages: 1,
    warnings: [],
  };
  const pdf = Buffer.from('%PDF-1.7\n(Dear Eleanor Testwell) Tj\n%%EOF\n', 'utf8');
  return fileDocument(d.ctx, doc, pdf, (id) => id);
}

describeWithPg('a letter marked sent while its person is de-identified at another desk', () => {
  it('is taken at the de-identifying desk without stopping its pulls', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    const atA = await fileLetter(a, accountId);
    await syncAll(a, b);
    const atB = localIdOf(b.ctx.db, 'documents', gidOf(a.ctx.db, 'documents', atA));
    expect(atB).toBeDefined();
    for (const d of [a, b]) closeAccount(d, accountId);

    // A mails the letter; B, not knowing, de-identifies her after the retention period
    call(a.ctx, 'markDocumentSent', { documentId: atA, sentDate: a.ctx.clock.today(), note: null });
    call(b.ctx, 'deidentifyPerson', {
      accountId,
      personId: patientOf(b, accountId),
      reason: 'Retention period over',
    });
    await syncAll(b, a);
    // B's pull must not be stopped by A's sending of a letter B has removed
    await syncAll(b, a);
    expect(all(b.ctx.db, `SELECT tbl, gid FROM sync_held`)).toEqual([]);
    const removedAtB = oneOrThrow<{ n: number }>(
      b.ctx.db,
      `SELECT count(*) AS n FROM documents WHERE id = ? AND removed_at IS NOT NULL`,
      atB ?? 0,
    ).n;
    expect(removedAtB).toBe(1);
  });

  it('lets a desk join the office after a sent letter of a de-identified person', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    const atA = await fileLetter(a, accountId);
    call(a.ctx, 'markDocumentSent', { documentId: atA, sentDate: a.ctx.clock.today(), note: null });
    await syncAll(a, b);
    for (const d of [a, b]) closeAccount(d, accountId);
    call(a.ctx, 'deidentifyPerson', {
      accountId,
      personId: patientOf(a, accountId),
      reason: 'Retention period over',
    });
    await syncAll(a, b);

    const c = await joining(server, path.dirname(a.ctx.databasePath), a.ctx.userId);
    // before its first pull the joining copy has none of the office's documents
    expect(all(c.ctx.db, `SELECT count(*) AS n FROM documents`)).toEqual([{ n: 0 }]);
    await c.sync.pull();
    expect(all(c.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(
      all(c.ctx.db, `SELECT count(*) AS n FROM documents WHERE removed_at IS NOT NULL`),
    ).toEqual([{ n: 1 }]);
  });
});
