import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import {
  claimStatus,
  import277,
  serverClaim,
  withBilledClaim,
} from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf, requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';
import { outboxEntries } from './take-refused';

/** The claim's status history as a desk holds it, by office-wide ids, oldest first. */
function statusEvents(ctx: Ctx) {
  return all<{
    id: number;
    claimId: number;
    category: string;
    code: string | null;
    effective: string | null;
    meaning: string;
  }>(
    ctx.db,
    `SELECT e.id, e.claim_id AS claimId, e.category, e.status_code AS code,
         e.effective_date AS effective, e.meaning
       FROM claim_status_events e JOIN claims c ON c.id = e.claim_id
      WHERE c.claim_number = 'K-100' ORDER BY e.recorded_at, e.id`,
  ).map((e) => ({
    gid: gidOf(ctx.db, 'claim_status_events', e.id),
    claimGid: gidOf(ctx.db, 'claims', e.claimId),
    status: `${e.category}:${e.code ?? ''}`,
    effective: e.effective,
    meaning: e.meaning,
  }));
}

/** The outbox entry holding the 277's change of the claim, by its tables. */
function claimChangeEntry(ctx: Ctx) {
  const entry = outboxEntries(ctx.db).find((e) =>
    e.changes.some((c) => c.tbl === 'claims' && c.op === 'update'),
  );
  if (!entry) throw new Error('the claim change was not sealed');
  return entry;
}

describeWithPg("a 277's claim status events across the office", () => {
  it('a 277 imported at one desk shows the same status events for the claim at the other', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000011');
    // the events go in the entry of the claim change they explain
    expect(claimChangeEntry(a.ctx).changes.map((c) => `${c.tbl} ${c.op}`)).toEqual([
      'claims update',
      'claim_status_events insert',
    ]);
    await syncAll(a, b);

    const onA = statusEvents(a.ctx);
    expect(onA).toEqual([
      {
        gid: expect.stringMatching(new RegExp(`^${requireOfficeLink(a.ctx.db).desktopId}:\\d+$`)),
        claimGid: expect.stringMatching(/^base:\d+$/),
        status: 'A2:20',
        effective: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        meaning: expect.stringMatching(/\S/),
      },
    ]);
    expect(statusEvents(b.ctx)).toEqual(onA);
    expect(claimStatus(b.ctx)).toBe('acknowledged');
    // the 277 file stays the importing desk's record
    expect(all(b.ctx.db, `SELECT import_file_id AS f FROM claim_status_events`)).toEqual([
      { f: null },
    ]);
    expect(
      await serverRows(server, `SELECT gid, claim_gid AS "claimGid" FROM claim_status_events`),
    ).toEqual([{ gid: onA[0]?.gid, claimGid: onA[0]?.claimGid }]);

    // B's later rejection adds to the history at A
    import277(b, 'K-100', 'A7:21:85', '000000012');
    await syncAll(b, a);
    const both = statusEvents(b.ctx);
    expect(both.map((e) => e.status)).toEqual(['A2:20', 'A7:21']);
    expect(statusEvents(a.ctx)).toEqual(both);
    expect(claimStatus(a.ctx)).toBe('rejected');
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('a 277 refused because another desk changed the claim first has its events withdrawn and listed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000013');
    import277(b, 'K-100', 'A7:21:85', '000000014');
    const own = statusEvents(b.ctx);
    expect(own.map((e) => e.status)).toEqual(['A7:21']);
    await a.sync.sync();
    // B's note goes; its claim change, and the events with it, are refused
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    expect(await serverClaim(server, 'K-100')).toMatchObject([{ status: 'acknowledged' }]);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
    expect(await serverRows(server, `SELECT gid FROM claim_status_events ORDER BY gid`)).toEqual(
      statusEvents(a.ctx).map((e) => ({ gid: e.gid })),
    );
    // B holds the office's history, not its own refused event beside it
    expect(statusEvents(b.ctx)).toEqual(statusEvents(a.ctx));
    expect(statusEvents(b.ctx).map((e) => e.status)).toEqual(['A2:20']);
    expect(claimStatus(b.ctx)).toBe('acknowledged');
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([
      "Someone changed claim K-100 first at another desktop; this desktop took the office's record of it.",
    ]);
    expect(listed[0]?.changes.map((c) => `${c.tbl} ${c.gid}`)).toEqual([
      expect.stringMatching(/^claims base:\d+$/),
      `claim_status_events ${own[0]?.gid ?? ''}`,
    ]);
    expect(listed[0]?.changes[1]).toMatchObject({ row: { statusCode: '21' } });
    // B's note about the rejection went on its own
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM activities WHERE body LIKE 'Claim rejected by%'`,
      ),
    ).toBe(1);
  });

  it('the entry applied twice, or its rows taken twice, adds no event', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000015');
    const changed = claimChangeEntry(a.ctx);
    const pool = openPool(server, 1);
    onTestFinished(() => pool.end());
    const desktopId = requireOfficeLink(a.ctx.db).desktopId;
    // the desktop crashed before it heard the answers: every entry goes again
    for (const { seq, changes } of outboxEntries(a.ctx.db)) {
      expect(await applyEntry(pool, desktopId, { seq, changes })).toEqual({ outcome: 'accepted' });
    }
    const logged = await serverCount(server, `SELECT count(*) AS n FROM change_log`);
    const again = { seq: changed.seq, changes: changed.changes };
    expect(await applyEntry(pool, desktopId, again)).toEqual({ outcome: 'accepted' });
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect(await serverCount(server, `SELECT count(*) AS n FROM change_log`)).toBe(logged);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);

    // and B, reading the log again from where it started, keeps one event
    const cursor = oneOrThrow<{ c: string }>(b.ctx.db, `SELECT cursor AS c FROM office_link`).c;
    await b.sync.pull();
    run(b.ctx.db, `UPDATE office_link SET cursor = ?`, cursor);
    await b.sync.pull();
    expect(statusEvents(b.ctx)).toEqual(statusEvents(a.ctx));
    expect(statusEvents(b.ctx)).toHaveLength(1);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it('keeps the events on the server as recorded, each desk adding only its own', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000016');
    await a.sync.sync();
    const owner = new pg.Client(server);
    await owner.connect();
    onTestFinished(() => owner.end());
    const rights = await owner.query<{ r: string }>(
      `SELECT r FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) r
         WHERE has_table_privilege('claimdesk_desktop', 'claim_status_events', r)`,
    );
    expect(rights.rows.map((x) => x.r)).toEqual(['SELECT', 'INSERT']);
    for (const sql of [
      'UPDATE claim_status_events SET meaning = meaning',
      'DELETE FROM claim_status_events',
      'TRUNCATE claim_status_events',
    ]) {
      await expect(owner.query(sql), sql).rejects.toThrow(/insert-only/);
    }
    // B's login cannot add an event in A's name
    const aId = requireOfficeLink(a.ctx.db).desktopId;
    const desk = new pg.Client(b.config);
    await desk.connect();
    onTestFinished(() => desk.end());
    await expect(
      desk.query(
        `INSERT INTO claim_status_events (gid, claim_gid, category, meaning, recorded_at, desktop_id)
           VALUES ($1, 'base:1', 'A2', 'Accepted', 't', $2)`,
        [`${aId}:999`, aId],
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
  });
});
