import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import {
  appealsSent,
  billed,
  denialOf,
  generateAppeal,
  importDenial,
  lettersOn,
  sameDenialAtBothDesks,
} from '../testing/office/appeals';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { inWriteTransaction } from '../upkeep/upkeep';
import { withCaptureOff } from './capture';
import { gidOf, localIdOf, requireOfficeLink } from './gids';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';
import { placeDocumentFiles } from './documents';
import { takeRows } from './take';
import { changes as changesSchema, type ServerRow } from './wire';

const documentGid = (ctx: Ctx, id: number) => gidOf(ctx.db, 'documents', id);

describeWithPg('appeal letters across the office', () => {
  it('an appeal generated at A reaches B on the same denial, which lists it and counts it once sent', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const accountId = accountIds[0] as AccountId;
    importDenial(a);
    await syncAll(a, b);
    const denialGid = gidOf(a.ctx.db, 'denials', denialOf(a.ctx));
    const onB = localIdOf(b.ctx.db, 'denials', denialGid);
    expect(onB).toBe(denialOf(b.ctx));

    const letter = await generateAppeal(a.ctx, denialOf(a.ctx));
    await syncAll(a, b);
    expect(
      await serverRows(server, `SELECT denial_gid AS "denialGid" FROM documents WHERE gid = $1`, [
        documentGid(a.ctx, letter),
      ]),
    ).toEqual([{ denialGid }]);
    expect(await lettersOn(b.ctx, accountId)).toEqual([{ kind: 'appeal', denialId: onB }]);
    // the draft at B knows no letter sent yet, the appeals report none
    expect(appealsSent(b.ctx)).toBe(0);

    // B's representative mails it: the report there counts it, and the denial moves with it
    const there = localIdOf(b.ctx.db, 'documents', documentGid(a.ctx, letter)) as number;
    call(b.ctx, 'markDocumentSent', { documentId: there, sentDate: TEST_TODAY, note: null });
    expect(appealsSent(b.ctx)).toBe(1);
    const state = (ctx: Ctx) =>
      oneOrThrow<{ state: string }>(ctx.db, `SELECT state FROM denials`).state;
    expect(state(b.ctx)).toBe('appeal_sent');
    await syncAll(b, a);
    expect(state(a.ctx)).toBe('appeal_sent');
    for (const d of [a, b]) expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
  });

  it('an appeal on a denial A keeps as its own travels with no link, not refused, and A keeps its own', async () => {
    const server = await createServerDatabase();
    const { a, b, accountId } = await sameDenialAtBothDesks(server);
    // A appeals its denial before it hears: the letter keeps the refused denial at A
    const mine = denialOf(a.ctx);
    const first = await generateAppeal(a.ctx, mine);
    await syncAll(a, b);
    const kept = gidOf(a.ctx.db, 'denials', mine);
    expect(kept).toMatch(/^own:/);
    // a second letter on it, filed now that it is A's own, goes with no link either
    const second = await generateAppeal(a.ctx, mine);
    // sealed naming no denial: the office has no row of A's own
    const sealed = all<{ changes: string }>(a.ctx.db, `SELECT changes FROM outbox`).flatMap((e) =>
      changesSchema.parse(JSON.parse(e.changes)).flatMap((c) => (c.tbl === 'documents' ? [c] : [])),
    );
    expect(sealed.map((c) => [c.gid, c.row.denialGid])).toEqual([
      [documentGid(a.ctx, second), null],
    ]);
    await syncAll(a, b);

    const gids = [documentGid(a.ctx, first), documentGid(a.ctx, second)];
    expect(gids.every((g) => !g.startsWith('own:'))).toBe(true);
    expect(
      await serverRows(server, `SELECT gid, denial_gid AS "denialGid" FROM documents ORDER BY gid`),
    ).toEqual(gids.sort().map((gid) => ({ gid, denialGid: null })));
    // A's letters still answer its own denial; B has them on the account, answering none
    expect(await lettersOn(a.ctx, accountId)).toEqual([
      { kind: 'appeal', denialId: mine },
      { kind: 'appeal', denialId: mine },
    ]);
    expect(await lettersOn(b.ctx, accountId)).toEqual([
      { kind: 'appeal', denialId: null },
      { kind: 'appeal', denialId: null },
    ]);
    // the refused posting is listed; no letter is
    const listed = all<{ changes: string }>(a.ctx.db, `SELECT changes FROM not_synced`);
    expect(listed.length).toBeGreaterThan(0);
    for (const l of listed) {
      const tables = changesSchema.parse(JSON.parse(l.changes)).map((c) => c.tbl);
      expect(tables).not.toContain('documents');
    }
    expect(all(a.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });

  it('the letter entry applied twice, and its row taken twice, change nothing; a stray link is not kept', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    importDenial(a);
    await syncAll(a, b);
    const letter = await generateAppeal(a.ctx, denialOf(a.ctx));
    const entry = oneOrThrow<{ seq: number; changes: string }>(
      a.ctx.db,
      `SELECT seq, changes FROM outbox WHERE changes LIKE '%"documents"%'`,
    );
    await syncAll(a);
    const pool = openPool(server);
    try {
      const again = await applyEntry(pool, requireOfficeLink(a.ctx.db).desktopId, {
        seq: entry.seq,
        changes: changesSchema.parse(JSON.parse(entry.changes)),
      });
      expect(again).toEqual({ outcome: 'accepted' });
      expect(await serverRows(server, `SELECT count(*)::int AS n FROM documents`)).toEqual([
        { n: 1 },
      ]);
      // a letter naming a denial the office has no row of is kept naming none, never refused
      const desktopId = requireOfficeLink(a.ctx.db).desktopId;
      const [letterChange] = changesSchema
        .parse(JSON.parse(entry.changes))
        .filter((c) => c.tbl === 'documents');
      if (letterChange?.tbl !== 'documents') throw new Error('no letter in the entry');
      const stray = {
        ...letterChange,
        gid: `${desktopId}:900`,
        row: { ...letterChange.row, denialGid: `${desktopId}:999` },
      };
      expect(await applyEntry(pool, desktopId, { seq: 900, changes: [stray] })).toEqual({
        outcome: 'accepted',
      });
      expect(
        await serverRows(
          server,
          `SELECT d.denial_gid AS "denialGid", l.row->>'denialGid' AS logged
             FROM documents d JOIN change_log l ON l.tbl = 'documents' AND l.gid = d.gid
            WHERE d.gid = $1`,
          [stray.gid],
        ),
      ).toEqual([{ denialGid: null, logged: null }]);
    } finally {
      await pool.end();
    }

    await b.sync.pull();
    const rows = await serverRows<{ tbl: string; gid: string; version: number; row: unknown }>(
      server,
      `SELECT tbl, gid, version, row FROM change_log WHERE tbl = 'documents' AND gid = $1`,
      [documentGid(a.ctx, letter)],
    );
    expect(rows).toHaveLength(1);
    const taken = rows as ServerRow[];
    const again = inWriteTransaction(b.ctx, () =>
      withCaptureOff(b.ctx.db, () => takeRows(b.ctx.db, taken)),
    );
    expect(again).toBe(0);
    expect(all(b.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    // the stray letter arrives naming none, the letter its denial
    expect(await lettersOn(b.ctx, accountIds[0] as AccountId)).toEqual([
      { kind: 'appeal', denialId: null },
      { kind: 'appeal', denialId: denialOf(b.ctx) },
    ]);
    expect(localIdOf(b.ctx.db, 'documents', documentGid(a.ctx, letter))).toBeDefined();
  });

  it('a letter taken before its denial waits for it, then lands on it', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    importDenial(a);
    const letter = await generateAppeal(a.ctx, denialOf(a.ctx));
    await a.sync.sync();
    // the log hands rows over by transaction id, not always in commit order: B meets the
    // letter first, its file placed as a pull places it
    const rows = (await serverRows(
      server,
      `SELECT tbl, gid, version, row FROM change_log WHERE tbl = 'documents'`,
    )) as ServerRow[];
    const pool = openPool(server);
    try {
      await placeDocumentFiles(pool, b.ctx, rows);
    } finally {
      await pool.end();
    }
    const taken = inWriteTransaction(b.ctx, () =>
      withCaptureOff(b.ctx.db, () => takeRows(b.ctx.db, rows)),
    );
    expect(taken).toBe(0);
    expect(all(b.ctx.db, `SELECT tbl, gid FROM sync_held`)).toEqual([
      { tbl: 'documents', gid: documentGid(a.ctx, letter) },
    ]);
    await b.sync.pull();
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(await lettersOn(b.ctx, accountIds[0] as AccountId)).toEqual([
      { kind: 'appeal', denialId: denialOf(b.ctx) },
    ]);
  });

  it('the server refuses a desk login’s change of the link, and keeps the one filed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a);
    await syncAll(a, b);
    const denialGid = gidOf(a.ctx.db, 'denials', denialOf(a.ctx));
    const letter = documentGid(a.ctx, await generateAppeal(a.ctx, denialOf(a.ctx)));
    await syncAll(a, b);

    for (const d of [a, b]) {
      const client = new pg.Client(d.config);
      await client.connect();
      try {
        for (const to of [null, 'base:1']) {
          await expect(
            client.query(`UPDATE documents SET denial_gid = $1 WHERE gid = $2`, [to, letter]),
          ).rejects.toMatchObject({ code: '42501' });
        }
      } finally {
        await client.end();
      }
    }
    // nor may the owner: documents are insert-only for everyone
    await expect(
      serverRows(server, `UPDATE documents SET denial_gid = NULL WHERE gid = $1`, [letter]),
    ).rejects.toThrow();
    expect(
      await serverRows(server, `SELECT denial_gid AS "denialGid" FROM documents WHERE gid = $1`, [
        letter,
      ]),
    ).toEqual([{ denialGid }]);
  });
});
