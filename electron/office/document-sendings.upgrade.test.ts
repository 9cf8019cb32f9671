import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { billed, denialOf, generateAppeal, importDenial } from '../testing/office/appeals';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf, localIdOf } from './gids';
import { migration070 } from '../db/migrations/070-office-sendings-of-older-versions';

const WEEK_ON = addDays(TEST_TODAY, 7);

describeWithPg('an appeal an older version marked sent at a linked desk', () => {
  it('shows sent at the other desk once the marking desk has upgraded', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a);
    await syncAll(a, b);
    const atA = await generateAppeal(a.ctx, denialOf(a.ctx));
    await syncAll(a, b);
    const atB = localIdOf(b.ctx.db, 'documents', gidOf(a.ctx.db, 'documents', atA)) ?? 0;
    // the version before this one had no capture of a sent mark
    a.ctx.db.exec(`DROP TRIGGER office_capture_document_sending`);
    call({ ...a.ctx, clock: fixedClock(WEEK_ON) }, 'markDocumentSent', {
      documentId: atA,
      sentDate: WEEK_ON,
      note: null,
    });
    await syncAll(a, b);
    // A upgrades: opening puts the capture triggers back, and migration 70 notes the mark,
    // sent with A's next request
    keepCaptureWithLink(a.ctx.db);
    a.ctx.db.exec(migration070);
    const { id: accountId } = oneOrThrow<{ id: AccountId }>(a.ctx.db, `SELECT id FROM accounts`);
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
    await syncAll(a, b, a);
    const sentAt = (ctx: typeof a.ctx, id: number) =>
      oneOrThrow<{ date: string | null }>(
        ctx.db,
        `SELECT sent_date AS date FROM documents WHERE id = ?`,
        id,
      ).date;
    expect(sentAt(a.ctx, atA)).toBe(WEEK_ON);
    // B shows it sent, and will not let a representative mail it again
    expect(sentAt(b.ctx, atB)).toBe(WEEK_ON);
    // done once: the upgrade again notes nothing
    a.ctx.db.exec(migration070);
    expect(oneOrThrow(a.ctx.db, `SELECT count(*) AS n FROM outbox_pending`)).toEqual({ n: 0 });
  });
});
