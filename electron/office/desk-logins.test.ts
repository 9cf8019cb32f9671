import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { one } from '../db/query';
import { call } from '../testing/call';
import { twoDesktops, syncAll, syncedState, type Desktop } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { requireOfficeLink } from './gids';
import { applyEntry } from './server/apply';
import { migrateServer } from './server/migrate';
import { SERVER_SCHEMA_VERSION } from './server/migrations';
import { openPool, sqlState, type ServerConfig } from './server/connection';
import { DeskOfAnotherLogin, registerDesktop } from './server/office';
import { clearMark, liveMarks, putMark, sweepMarks } from './server/working';
import { OfficeSync } from './sync';
import type { Entry } from './wire';
import { noteEntry } from '../testing/office/entries';

const deskId = (d: Desktop) => requireOfficeLink(d.ctx.db).desktopId;

/** A pool over a desk's own login, straight to the server: no desktop code in between. */
function poolOf(config: ServerConfig): pg.Pool {
  const pool = openPool(config);
  onTestFinished(() => pool.end());
  return pool;
}

/** What the server answers a statement: its SQLSTATE when it refuses, 'ok' when not. */
async function refusal(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<string> {
  try {
    await pool.query(sql, values);
    return 'ok';
  } catch (error) {
    return sqlState(error) ?? String(error);
  }
}

const NOT_ALLOWED = '42501';

function noteAs(desk: string, seq: number): Entry {
  return noteEntry(seq, `${desk}:9001`, 'Written as another desk.');
}

describeWithPg('each desk with a server login of its own', () => {
  it('records which login is which desk, and two desks with two logins sync as before', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server);
    expect(a.config.user).not.toBe(b.config.user);
    const owner = poolOf(server);
    const { rows } = await owner.query<{ desk: string; login: string }>(
      `SELECT desktop_id::text AS desk, login FROM desks ORDER BY login`,
    );
    expect(rows.sort((x, y) => x.desk.localeCompare(y.desk))).toEqual(
      [
        { desk: deskId(a), login: a.config.user },
        { desk: deskId(b), login: b.config.user },
      ].sort((x, y) => x.desk.localeCompare(y.desk)),
    );
    const accountId = accountIds[0] as AccountId;
    call(a.ctx, 'addActivity', { accountId, kind: 'note', text: 'A: called the patient.' });
    call(b.ctx, 'addActivity', { accountId, kind: 'note', text: 'B: payer on hold.' });
    call(b.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-24' });
    await syncAll(a, b);
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(syncedState(a.ctx).notes.filter((n) => /A: called|B: payer/.test(n))).toHaveLength(2);
  });

  it("refuses B's login any change to A's live mark, at the server itself", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server);
    const [asA, asB] = [poolOf(a.config), poolOf(b.config)];
    const work = { accountGid: 'base:1', followUpGid: null, userName: 'Ann Avery' };
    await putMark(asA, deskId(a), work, 180);
    const before = await liveMarks(asB);
    expect(before).toMatchObject([{ desktopId: deskId(a), ...work }]);

    // row-level security hides A's live mark from B's delete and update: nothing changes
    const deleted = await asB.query(`DELETE FROM working_marks WHERE desktop_id = $1`, [deskId(a)]);
    expect(deleted.rowCount).toBe(0);
    const changed = await asB.query(
      `UPDATE working_marks SET account_gid = 'base:2', expires_at = now() WHERE desktop_id = $1`,
      [deskId(a)],
    );
    expect(changed.rowCount).toBe(0);
    await clearMark(asB, deskId(a));
    // and B cannot put a mark in A's name, nor overwrite A's through an upsert
    await expect(putMark(asB, deskId(a), { ...work, userName: 'Not Ann' }, 180)).rejects.toThrow(
      /row-level security/,
    );
    expect(await liveMarks(asB)).toEqual(before);

    // B's own mark is B's to put and take down
    await putMark(asB, deskId(b), { ...work, userName: 'Ben Bell' }, 180);
    expect((await liveMarks(asA)).map((m) => m.desktopId).sort()).toEqual(
      [deskId(a), deskId(b)].sort(),
    );
    await clearMark(asB, deskId(b));
    expect(await liveMarks(asA)).toEqual(before);

    // a mark past its expiry on the server's clock is no one's: any desk sweeps it
    await clearMark(asA, deskId(a));
    await putMark(asA, deskId(a), work, 1, '2000-01-01T00:00:00.000Z');
    await sweepMarks(asB);
    expect(await liveMarks(asA, '1999-12-31T00:00:00.000Z')).toEqual([]);
  });

  it('refuses B an entry, a log row or a new row in the name of desk A', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server);
    const asB = poolOf(b.config);
    const [idA, idB] = [deskId(a), deskId(b)];

    // through the apply path, as a desktop would send it
    await expect(applyEntry(asB, idA, noteAs(idA, 900))).rejects.toThrow(/row-level security/);
    // and statement by statement, as any program holding B's login could
    expect(
      await refusal(
        asB,
        `INSERT INTO applied_entries (desktop_id, seq, outcome) VALUES ($1, 901, 'accepted')`,
        [idA],
      ),
    ).toBe(NOT_ALLOWED);
    expect(
      await refusal(
        asB,
        `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
           VALUES ('activities', $2, 1, '{}', $1, 902)`,
        [idA, `${idA}:9002`],
      ),
    ).toBe(NOT_ALLOWED);
    const note = `INSERT INTO activities (gid, account_gid, kind, body, user_gid, occurred_at)
       VALUES ($1, 'base:1', 'note', 'x', 'base:1', '2026-03-16')`;
    expect(await refusal(asB, note, [`${idA}:9003`])).toBe(NOT_ALLOWED);
    // a row under B's own desk but named as A's is refused too: the name is the desk's
    const receipt = `INSERT INTO receipts (gid, account_gid, kind, method, amount, received_date,
         created_at, created_by, desktop_id)
       VALUES ($1, 'base:1', 'patient_payment', 'cash', 500, '2026-03-16', 'now', 'base:1', $2)`;
    expect(await refusal(asB, receipt, [`${idA}:9004`, idB])).toBe(NOT_ALLOWED);
    expect(await refusal(asB, receipt, [`${idA}:9005`, idA])).toBe(NOT_ALLOWED);
    expect(
      await refusal(
        asB,
        `INSERT INTO remittances_posted (payer_identifier, trace_number, desktop_id)
           VALUES ('P1', 'T1', $1)`,
        [idA],
      ),
    ).toBe(NOT_ALLOWED);
    const owner = poolOf(server);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM applied_entries WHERE desktop_id = $1 AND seq >= 900)
            + (SELECT count(*) FROM change_log WHERE gid LIKE $1 || ':900%')
            + (SELECT count(*) FROM activities WHERE gid LIKE $1 || ':900%')
            + (SELECT count(*) FROM receipts WHERE gid LIKE $1 || ':900%')
            + (SELECT count(*) FROM remittances_posted) AS n`,
      [idA],
    );
    expect(Number(rows[0]?.n)).toBe(0);

    // the same rows in B's own name are B's to write
    expect(await refusal(asB, note, [`${idB}:9003`])).toBe('ok');
    expect(await refusal(asB, receipt, [`${idB}:9004`, idB])).toBe('ok');
  });

  it("is not fooled by a temporary table of B's own that names B's login as desk A", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server);
    // desks get no temporary tables (server migration 12); given them back by hand, the
    // checks still read the real table
    const admin = poolOf(server);
    await admin.query(`GRANT TEMPORARY ON DATABASE ${server.database} TO ${b.config.user}`);
    const asB = new pg.Client(b.config);
    await asB.connect();
    onTestFinished(() => asB.end());
    // a session's temporary tables come first when a name is looked up
    await asB.query(`CREATE TEMP TABLE desks (desktop_id uuid, login text)`);
    await asB.query(`INSERT INTO desks VALUES ($1, current_user)`, [deskId(a)]);
    const answer = (sql: string, values: unknown[]) =>
      asB.query(sql, values).then(() => 'ok', sqlState);
    expect(
      await answer(
        `INSERT INTO working_marks (desktop_id, account_gid, user_name, since, expires_at)
           VALUES ($1, 'base:1', 'Not Ann', now(), now() + interval '3 minutes')`,
        [deskId(a)],
      ),
    ).toBe(NOT_ALLOWED);
    expect(
      await answer(
        `INSERT INTO activities (gid, account_gid, kind, body, user_gid, occurred_at)
           VALUES ($1, 'base:1', 'note', 'x', 'base:1', '2026-03-16')`,
        [`${deskId(a)}:9100`],
      ),
    ).toBe(NOT_ALLOWED);
  });

  it('gives a desk login no table to drop, alter or empty, and no way to become another desk', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server);
    const asB = poolOf(b.config);
    const { rows } = await asB.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(rows.map((r) => r.t)).toEqual(expect.arrayContaining(['desks', 'working_marks']));
    const refused: Record<string, string[]> = {};
    for (const { t } of rows) {
      refused[t] = [
        await refusal(asB, `TRUNCATE ${t}`),
        await refusal(asB, `ALTER TABLE ${t} ADD COLUMN extra integer`),
        await refusal(asB, `ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`),
        await refusal(asB, `DROP TABLE ${t}`),
      ];
    }
    const all = Object.fromEntries(rows.map(({ t }) => [t, Array(4).fill(NOT_ALLOWED)]));
    expect(refused).toEqual(all);
    expect(await refusal(asB, `CREATE TABLE mine (id integer)`)).toBe(NOT_ALLOWED);
    expect(await refusal(asB, `DROP FUNCTION my_desk(uuid)`)).toBe(NOT_ALLOWED);

    // the desks themselves: B can neither take A's desk nor record a desk under A's login
    const taken = await asB.query(`UPDATE desks SET login = current_user WHERE desktop_id = $1`, [
      deskId(a),
    ]);
    expect(taken.rowCount).toBe(0);
    await expect(registerDesktop(asB, deskId(a), 'desktop 2')).rejects.toThrow(DeskOfAnotherLogin);
    const other = crypto.randomUUID();
    await asB.query(`INSERT INTO desktops (id, name) VALUES ($1, 'forged')`, [other]);
    const forge = (login: string) =>
      refusal(asB, `INSERT INTO desks (desktop_id, login) VALUES ($1, $2)`, [other, login]);
    // A's login is a desk already; the owner's has none here, but a row names its writer only
    expect(await forge(a.config.user)).toBe('23505');
    expect(await forge(server.user)).toBe(NOT_ALLOWED);
    const owner = poolOf(server);
    const desk = await owner.query<{ login: string }>(
      `SELECT login FROM desks WHERE desktop_id = $1`,
      [deskId(a)],
    );
    expect(desk.rows).toEqual([{ login: a.config.user }]);
  });

  it("tells a desktop connecting with another desk's login so, and keeps its work", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server);
    call(b.ctx, 'addActivity', {
      accountId: accountIds[0] as AccountId,
      kind: 'note',
      text: 'B: waiting.',
    });
    const wrong = new OfficeSync(b.ctx, a.config, 'desktop 2 with A’s login');
    onTestFinished(() => wrong.close());
    const schema = await wrong.connect();
    expect(schema).toMatchObject({
      ok: false,
      message: expect.stringMatching(/joined the office with another server login than desk_/),
    });
    expect(await wrong.push()).toEqual({ accepted: 0, refused: 0 });
    expect(one(b.ctx.db, `SELECT count(*) AS n FROM outbox`)).toEqual({ n: 1 });
    // with its own login again it sends
    expect((await b.sync.push()).accepted).toBe(1);
  });

  it('lets a login joining again leave its old desk, which no one can then write as', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server);
    const asB = poolOf(b.config);
    const old = deskId(b);
    const again = crypto.randomUUID();
    await registerDesktop(asB, again, 'desktop 2, joined again');
    const owner = poolOf(server);
    const { rows } = await owner.query<{ desk: string; login: string | null }>(
      `SELECT desktop_id::text AS desk, login FROM desks WHERE desktop_id IN ($1, $2)
         ORDER BY registered_at`,
      [old, again],
    );
    expect(rows).toEqual([
      { desk: old, login: null },
      { desk: again, login: b.config.user },
    ]);
    const work = { accountGid: 'base:1', followUpGid: null, userName: 'Ben Bell' };
    await expect(putMark(asB, old, work, 180)).rejects.toThrow(/row-level security/);
    await putMark(asB, again, work, 180);
    // and the old one cannot be taken back by its login
    await expect(registerDesktop(asB, old, 'desktop 2')).rejects.toThrow(DeskOfAnotherLogin);
  });

  it('keeps a desk working offline when its server is older and only the supervisor may update it', async () => {
    const server = await createServerDatabase();
    const { a, accountIds } = await twoDesktops(server, 1);
    const owner = poolOf(server);
    // the server as an older ClaimDesk left it: its newest migration not applied
    const newest = await owner.query<{ version: number; name: string }>(
      `DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)
         RETURNING version, name`,
    );
    const older = await owner.query<{ v: number }>(`SELECT max(version) AS v FROM schema_version`);
    const olderVersion = older.rows[0]?.v ?? 0;
    expect(olderVersion).toBeLessThan(SERVER_SCHEMA_VERSION);

    const check = await a.sync.connect();
    expect(check).toMatchObject({ ok: false, serverVersion: olderVersion });
    expect(check.ok ? '' : check.message).toMatch(
      /The office's server must be updated by its supervisor .* your work is kept on this computer/,
    );
    // the desk's login tried nothing on the schema
    expect(await migrateServer(poolOf(a.config))).toMatchObject({ ok: false });
    expect((await owner.query(`SELECT max(version) AS v FROM schema_version`)).rows).toEqual([
      { v: olderVersion },
    ]);
    call(a.ctx, 'addActivity', {
      accountId: accountIds[0] as AccountId,
      kind: 'note',
      text: 'A: offline meanwhile.',
    });
    expect(await a.sync.sync()).toEqual({ push: { accepted: 0, refused: 0 }, pulled: 0 });
    expect(one(a.ctx.db, `SELECT count(*) AS n FROM outbox`)).toEqual({ n: 1 });

    // the supervisor brings the server up (here: its newest migration's row back)
    const [row] = newest.rows;
    await owner.query(`INSERT INTO schema_version (version, name) VALUES ($1, $2)`, [
      row?.version,
      row?.name,
    ]);
    expect(await a.sync.connect()).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
  });
});
