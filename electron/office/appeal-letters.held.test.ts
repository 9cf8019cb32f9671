import { expect, it } from 'vitest';
import { all } from '../db/query';
import { callAsync } from '../testing/call';
import { denialOf, generateAppeal, sameDenialAtBothDesks } from '../testing/office/appeals';
import { syncAll } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf } from './gids';

describeWithPg('appeal letters and a denial kept as a desk’s own', () => {
  it('a letter another desk files on the office’s denial reaches the desk keeping its own denial of that claim', async () => {
    const server = await createServerDatabase();
    const { a, b, accountId } = await sameDenialAtBothDesks(server);
    // A appeals its denial before it hears: the letter keeps the refused denial at A
    await generateAppeal(a.ctx, denialOf(a.ctx));
    await syncAll(a, b);
    expect(gidOf(a.ctx.db, 'denials', denialOf(a.ctx))).toMatch(/^own:/);
    // B appeals the office's denial of the claim
    const letter = await generateAppeal(b.ctx, denialOf(b.ctx));
    const letterGid = gidOf(b.ctx.db, 'documents', letter);
    await syncAll(b, a);
    // B's letter is a document of the account: A lists it, answering no denial there
    const atA = all<{ gid: string }>(
      a.ctx.db,
      `SELECT gid FROM sync_rows WHERE tbl = 'documents' AND gid = ?`,
      letterGid,
    );
    // (the office's denial itself waits in sync_held at A, as A holds one of its own)
    expect(atA).toHaveLength(1);
    const listed = await callAsync(a.ctx, 'listAccountDocuments', { accountId });
    expect(listed.filter((d) => d.kind === 'appeal')).toHaveLength(2);
  });
});
