import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all } from '../db/query';
import { call, callAsync } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops } from '../testing/office/desktops';
import { owingPatient } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf } from './gids';

describeWithPg("a statement run's combined print marked sent", () => {
  it('stays the printing desk’s own, sending nothing the other desks cannot take', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, account) => {
      owingPatient(ctx, account);
      everyoneSupervisor(ctx);
    });
    const [account] = accountIds as [AccountId];
    const run = await callAsync(a.ctx, 'startStatementRun', { accountIds: [account] });
    await syncAll(a, b);
    // the run's combined file never travels: it has no office-wide id
    expect(gidOf(a.ctx.db, 'documents', run.documentId)).toBe(`base:${run.documentId}`);
    call(a.ctx, 'markDocumentSent', {
      documentId: run.documentId,
      sentDate: a.ctx.clock.today(),
      note: null,
    });
    await syncAll(a, b);
    // the office has no document of that name, and B none to mark
    expect(await serverRows(server, `SELECT document_gid AS gid FROM document_sendings`)).toEqual(
      [],
    );
    expect(all(b.ctx.db, `SELECT tbl, gid FROM sync_held`)).toEqual([]);
  });
});
