import pg from 'pg';
import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import type { AccountId } from '../../shared/ids';
import { call, callAsync } from '../testing/call';
import { owingPatient } from '../testing/office/money';
import {
  appealsSent,
  billed,
  denialOf,
  generateAppeal,
  importDenial,
} from '../testing/office/appeals';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf, localIdOf } from './gids';

/** An appeal A generated on the denial both desks hold, and its local id at B. */
async function appealAtBoth(a: Desktop, b: Desktop): Promise<{ atA: number; atB: number }> {
  importDenial(a);
  await syncAll(a, b);
  const atA = await generateAppeal(a.ctx, denialOf(a.ctx));
  await syncAll(a, b);
  const atB = localIdOf(b.ctx.db, 'documents', gidOf(a.ctx.db, 'documents', atA));
  if (atB === undefined) throw new Error('the appeal did not reach B');
  return { atA, atB };
}

const sent = (ctx: Ctx, id: number) =>
  oneOrThrow<{ date: string | null; by: string | null }>(
    ctx.db,
    `SELECT d.sent_date AS date, u.username AS by FROM documents d
       LEFT JOIN users u ON u.id = d.sent_by WHERE d.id = ?`,
    id,
  );

const WEEK_ON = addDays(TEST_TODAY, 7);

/** The appeals report a week on, when the letters had gone out. */
const appealsBy = (ctx: Ctx) => appealsSent({ ...ctx, clock: fixedClock(WEEK_ON) });

/** Marked sent a week after the appeal was generated, as sent on `sentDate`. */
const markSent = (ctx: Ctx, documentId: number, sentDate = WEEK_ON) =>
  call({ ...ctx, clock: fixedClock(WEEK_ON) }, 'markDocumentSent', {
    documentId,
    sentDate,
    note: null,
  });

describeWithPg('a document marked sent across the office', () => {
  it('an appeal mailed at A shows sent at B, counted in its appeals report, by whom and when', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    const { atA, atB } = await appealAtBoth(a, b);
    expect(appealsBy(b.ctx)).toBe(0);

    markSent(a.ctx, atA, addDays(TEST_TODAY, 1));
    await syncAll(a, b);
    expect(sent(b.ctx, atB)).toEqual(sent(a.ctx, atA));
    expect(sent(b.ctx, atB).date).toBe(addDays(TEST_TODAY, 1));
    expect(appealsBy(b.ctx)).toBe(1);
    // and B's screen says so: marking it again there is refused as already done
    expect(() => markSent(b.ctx, atB)).toThrow(/already marked sent/);
    for (const d of [a, b]) expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(await serverRows(server, `SELECT sent_date AS date FROM document_sendings`)).toEqual([
      { date: addDays(TEST_TODAY, 1) },
    ]);
  });

  it('marked at both desks offline, the office keeps the first and each counts it once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    const { atA, atB } = await appealAtBoth(a, b);
    markSent(b.ctx, atB, addDays(TEST_TODAY, 2));
    markSent(a.ctx, atA);
    await syncAll(b, a, b);
    expect(sent(b.ctx, atB).date).toBe(addDays(TEST_TODAY, 2));
    // a sent date is recorded once: A keeps its own
    expect(sent(a.ctx, atA).date).toBe(WEEK_ON);
    for (const d of [a, b]) expect(appealsBy(d.ctx)).toBe(1);
    // both moved the denial's follow-up on: A's move is listed for a person, as any clash of
    // one follow-up is; the letter is not refused for having been mailed twice
    expect(all(b.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(
      all<{ reason: string }>(a.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`)[0]?.reason,
    ).toMatch(/^Someone changed this follow-up first/);
    expect(await serverRows(server, `SELECT sent_date AS date FROM document_sendings`)).toEqual([
      { date: addDays(TEST_TODAY, 2) },
    ]);
  });

  it('a statement marked sent at both desks: the office keeps the first, the second changes nothing', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [accountId] = accountIds as [AccountId];
    const { documentId: atA } = await callAsync(a.ctx, 'generateStatement', { accountId });
    await syncAll(a, b);
    const atB = localIdOf(b.ctx.db, 'documents', gidOf(a.ctx.db, 'documents', atA)) ?? 0;
    markSent(b.ctx, atB, addDays(TEST_TODAY, 2));
    markSent(a.ctx, atA);
    await b.sync.sync();
    // its history line, and its sending alone
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await syncAll(b, a);
    for (const d of [a, b]) expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    expect(sent(b.ctx, atB).date).toBe(addDays(TEST_TODAY, 2));
    expect(sent(a.ctx, atA).date).toBe(WEEK_ON);
    expect(
      await serverRows(
        server,
        `SELECT s.sent_date AS date, (SELECT count(*)::int FROM change_log
           WHERE tbl = 'document_sendings') AS logged FROM document_sendings s`,
      ),
    ).toEqual([{ date: addDays(TEST_TODAY, 2), logged: 1 }]);
  });

  it("holds a desk's login to marking a document once, in its own name, never changed", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    const { atA } = await appealAtBoth(a, b);
    markSent(a.ctx, atA);
    await syncAll(a, b);
    const client = new pg.Client(b.config);
    await client.connect();
    try {
      const desk = (
        await client.query<{ id: string }>(
          `SELECT desktop_id AS id FROM desks WHERE login = current_user`,
        )
      ).rows[0]?.id;
      await expect(
        client.query(`UPDATE document_sendings SET sent_date = '2026-01-01'`),
      ).rejects.toThrow();
      await expect(client.query(`DELETE FROM document_sendings`)).rejects.toThrow();
      await expect(client.query(`TRUNCATE document_sendings`)).rejects.toThrow();
      await expect(
        client.query(
          `INSERT INTO document_sendings (gid, document_gid, sent_date, sent_at, sent_by, desktop_id)
             SELECT 'x:1', 'y:1', '2026-01-01', 'now', 'user:x', desktop_id FROM desks
              WHERE login <> current_user LIMIT 1`,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        client.query(
          `INSERT INTO document_sendings (gid, document_gid, sent_date, sent_at, sent_by, desktop_id)
             SELECT $1 || ':9', document_gid, '2026-01-01', 'now', 'user:x', $1::uuid
               FROM document_sendings`,
          [desk],
        ),
      ).rejects.toThrow(/document_sendings_once/);
    } finally {
      await client.end();
    }
    expect(await serverRows(server, `SELECT sent_date AS date FROM document_sendings`)).toEqual([
      { date: WEEK_ON },
    ]);
  });
});
