import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { asRequest, syncAll, type Desktop } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanorsOffice, NAME } from '../testing/office/eleanor';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { addRecordsNaming, personTextsOf } from '../testing/person-texts';
import type { ServerConfig } from './server/connection';
import { PURGED_TEXTS_037 as PURGED_TEXTS } from './server/migrations/037-purge-request-texts';

/** The server's collection records, their rows in the log and the refusal answers, as text. */
async function recordsText(server: ServerConfig): Promise<string> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    const tables = Object.keys(PURGED_TEXTS);
    const { rows } = await client.query<{ t: string | null }>(
      `SELECT string_agg(t, E'\\n' ORDER BY t) AS t FROM (
         ${tables.map((t) => `SELECT to_jsonb(r)::text AS t FROM ${t} r`).join('\nUNION ALL ')}
         UNION ALL SELECT row::text FROM change_log WHERE tbl = ANY ($1)
         UNION ALL SELECT server_rows::text FROM applied_entries
       ) everything`,
      [tables],
    );
    return rows[0]?.t ?? '';
  } finally {
    await client.end();
  }
}

/** The cease-contact request on the account, at this desk. */
const ceaseContactOf = (d: Desktop, accountId: AccountId) =>
  oneOrThrow<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM contact_restrictions WHERE account_id = ? AND kind = 'cease_contact'`,
    accountId,
  ).id;

describeWithPg("a de-identified person's name in the collection records' texts", () => {
  it('is gone from the server, its log and a refusal, and from the copy of the desk that wrote them', async () => {
    const server = await createServerDatabase();
    const { a, b, hers, other } = await eleanorsOffice(server);
    // her returned mail names her on the server; then B's records of her, and another's
    call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
    asRequest(b, () => addRecordsNaming(b.ctx.db, hers, b.ctx.userId, 'Eleanor Testwell'));
    asRequest(b, () =>
      addRecordsNaming(b.ctx.db, other, b.ctx.userId, 'Eleanor Testwell', ['promises']),
    );
    call(b.ctx, 'recordContactRestriction', {
      accountId: hers,
      kind: 'cease_contact',
      effectiveDate: '2026-03-12',
      note: 'Eleanor Testwell asked us to stop calling.',
    });
    await syncAll(b, a);
    // both desks lift her cease-contact request: B is refused with the office's record of it
    for (const [d, reason] of [
      [a, "Eleanor Testwell's daughter called"],
      [b, 'Letter from Eleanor Testwell withdrawn'],
    ] as const) {
      call(d.ctx, 'liftContactRestriction', { restrictionId: ceaseContactOf(d, hers), reason });
    }
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM applied_entries WHERE outcome = 'refused'
           AND server_rows::text LIKE '%Eleanor Testwell''s daughter called%'`,
      ),
    ).toBe(1);
    const texts = (d: Desktop) => personTextsOf(d.ctx.db, [hers]).join('\n');
    for (const d of [a, b]) expect(texts(d)).toMatch(NAME);
    // every one of her records reached the server naming her (her cease-contact request, and
    // the other patient's promise, besides)
    for (const tbl of Object.keys(PURGED_TEXTS)) {
      const n = `SELECT count(*) AS n FROM ${tbl} t WHERE to_jsonb(t)::text LIKE '%Testwell%'`;
      expect([tbl, await serverCount(server, n)]).toEqual([
        tbl,
        ['promises', 'contact_restrictions'].includes(tbl) ? 2 : 1,
      ]);
    }

    for (const d of [a, b]) closeAccount(d, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b);

    // nothing of her on the server's records, in the log or in the refusal; the other
    // account's promise is another patient's record and keeps its text
    const after = (await recordsText(server)).split('\n');
    const named = after.filter((t) => NAME.test(t));
    // the row and its copy in the log
    expect(named).toHaveLength(2);
    for (const t of named) expect(t).toMatch(/Eleanor Testwell will pay Friday\..*base:2/);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM change_log
          WHERE tbl = 'collection_holds' AND row->>'note' = '${REMOVED} disputes the bill.'`,
      ),
    ).toBe(1);
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM assistance_applications
          WHERE missing = '["${REMOVED}''s pay stubs","Bank \\"savings\\" statement"]'`,
      ),
    ).toBe(1);
    // each desk's copy scrubbed: A's own de-identification, B taking it; the attorney kept
    for (const d of [a, b]) {
      expect(texts(d)).not.toMatch(NAME);
      expect(texts(d)).toContain(REMOVED);
      expect(
        all(
          d.ctx.db,
          `SELECT attorney_name AS n FROM contact_restrictions WHERE kind = 'attorney'`,
        ),
      ).toEqual([{ n: 'Paul Attorney' }]);
    }
    // the scrub sent nothing of its own: nothing refused or held at A, B's refused hold only
    const listed = (d: Desktop) => all(d.ctx.db, `SELECT seq FROM not_synced`).length;
    expect([listed(a), listed(b)]).toEqual([0, 1]);
    expect(all(a.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });
});
