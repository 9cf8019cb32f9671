import path from 'node:path';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor } from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf, localIdOf } from './gids';
import { fileLetter, joiningDesk } from '../testing/office/filed';

const HERS = Buffer.from('%PDF-1.7\n(Dear Eleanor Testwell) Tj\n%%EOF\n', 'utf8');

describeWithPg('a letter marked sent while its person is de-identified at another desk', () => {
  it('is taken at the de-identifying desk without stopping its pulls', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, eleanor);
    const accountId = accountIds[0] as AccountId;
    const atA = await fileLetter(a.ctx, accountId, HERS);
    await syncAll(a, b);
    const atB = localIdOf(b.ctx.db, 'documents', gidOf(a.ctx.db, 'documents', atA));
    expect(atB).toBeDefined();
    for (const d of [a, b]) closeAccount(d, accountId);

    // A mails the letter; B, not knowing, de-identifies her after the retention period
    call(a.ctx, 'markDocumentSent', { documentId: atA, sentDate: a.ctx.clock.today(), note: null });
    deidentifyAt(b, accountId);
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
    const atA = await fileLetter(a.ctx, accountId, HERS);
    call(a.ctx, 'markDocumentSent', { documentId: atA, sentDate: a.ctx.clock.today(), note: null });
    await syncAll(a, b);
    for (const d of [a, b]) closeAccount(d, accountId);
    deidentifyAt(a, accountId);
    await syncAll(a, b);

    const c = await joiningDesk(server, path.dirname(a.ctx.databasePath), a.ctx.userId);
    // before its first pull the joining copy has none of the office's documents
    expect(all(c.ctx.db, `SELECT count(*) AS n FROM documents`)).toEqual([{ n: 0 }]);
    await c.sync.pull();
    expect(all(c.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(
      all(c.ctx.db, `SELECT count(*) AS n FROM documents WHERE removed_at IS NOT NULL`),
    ).toEqual([{ n: 1 }]);
  });
});
