import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { requireOfficeLink } from './gids';
import { openPool, sqlState, type ServerConfig } from './server/connection';

const deskId = (d: Desktop) => requireOfficeLink(d.ctx.db).desktopId;
const NOT_ALLOWED = '42501';
const CHECK_VIOLATION = '23514';

const answer = (c: pg.ClientBase | pg.Pool, sql: string, values: unknown[] = []) =>
  c.query(sql, values).then(() => 'ok', sqlState);

async function loginOf(server: ServerConfig, desk: string): Promise<string | null> {
  const pool = openPool(server);
  try {
    const { rows } = await pool.query<{ login: string | null }>(
      `SELECT login FROM desks WHERE desktop_id = $1`,
      [desk],
    );
    return rows[0]?.login ?? null;
  } finally {
    await pool.end();
  }
}

describeWithPg('a desk login tampering with the office server directly', () => {
  it('cannot pass as another desk through temporary tables shadowing the catalog', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server);
    const asB = await loginSession(b.config);
    // the migration takes temporary tables from desks, whatever the server was set up with
    expect(await answer(asB, `CREATE TEMP TABLE pg_database (datdba oid, datname name)`)).toBe(
      NOT_ALLOWED,
    );
    // and were one given back, the checks read the real catalog: A's login is no owner
    const admin = await loginSession(server);
    await admin.query(`GRANT TEMPORARY ON DATABASE ${server.database} TO ${b.config.user}`);
    await asB.query(`CREATE TEMP TABLE pg_database AS
      SELECT oid AS datdba, current_database()::name AS datname FROM pg_roles
        WHERE rolname = '${a.config.user}'`);
    await asB.query(`CREATE TEMP TABLE desks (desktop_id uuid, login text)`);
    await asB.query(`INSERT INTO desks VALUES ($1, current_user)`, [deskId(a)]);
    // the reviewer's way in: A's login taken for the owner, B's desk let go, A's desk taken
    await asB.query(`UPDATE public.desks SET login = NULL WHERE login = current_user`);
    const taken = await asB
      .query(`UPDATE public.desks SET login = current_user WHERE desktop_id = $1`, [deskId(a)])
      .then((r) => r.rowCount, sqlState);
    expect(taken === 0 || taken === NOT_ALLOWED, `took A's desk: ${String(taken)}`).toBe(true);
    expect(
      await answer(
        asB,
        `INSERT INTO receipts (gid, account_gid, kind, method, amount, received_date, created_at,
           created_by, desktop_id)
           VALUES ($1, 'base:1', 'patient_payment', 'cash', 100, '2026-03-16', '2026-03-16',
             'user:rep.one', $2)`,
        [`${deskId(a)}:999`, deskId(a)],
      ),
    ).toBe(NOT_ALLOWED);
    expect(await loginOf(server, deskId(a))).toBe(a.config.user);
  });

  it('cannot retire the desks the owner registered, and the owner can hand a desk back', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server);
    const owner = await loginSession(server);
    // a desktop of an office from before desks had logins, still on the owner's
    const waiting = crypto.randomUUID();
    await owner.query(`INSERT INTO desktops (id, name) VALUES ($1, 'front desk')`, [waiting]);
    await owner.query(`INSERT INTO desks (desktop_id) VALUES ($1)`, [waiting]);
    const asB = await loginSession(b.config);
    expect(await answer(asB, `UPDATE desks SET login = NULL WHERE login = office_owner()`)).toBe(
      NOT_ALLOWED,
    );
    expect(await loginOf(server, waiting)).toBe(server.user);
    // B retiring its own desk is its own business; the owner can give it back
    await asB.query(`UPDATE desks SET login = NULL WHERE login = current_user`);
    expect(await loginOf(server, deskId(b))).toBeNull();
    await owner.query(`UPDATE desks SET login = $1 WHERE desktop_id = $2`, [
      b.config.user,
      deskId(b),
    ]);
    expect(await loginOf(server, deskId(b))).toBe(b.config.user);
  });

  it('cannot move a record or a follow-up any but one version on, nor plant a first-copy row', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const accountId = accountIds[0] as AccountId;
    call(a.ctx, 'setFollowUp', {
      accountId,
      kind: 'account',
      dueDate: '2026-03-20',
      reason: 'Call the guarantor.',
    });
    await syncAll(a, b);
    const asB = await loginSession(b.config);
    const { rows } = await asB.query<{ gid: string; version: number }>(
      `SELECT gid, version FROM follow_ups ORDER BY gid DESC LIMIT 1`,
    );
    const followUp = rows[0];
    if (!followUp) throw new Error('no follow-up reached the server');
    for (const version of [followUp.version + 5, followUp.version, 1]) {
      expect(
        await answer(asB, `UPDATE follow_ups SET version = $2 WHERE gid = $1`, [
          followUp.gid,
          version,
        ]),
        `to version ${version}`,
      ).toBe(version === followUp.version + 1 ? 'ok' : CHECK_VIOLATION);
    }
    // a person of the first copy brought to the server: only as a first change, at version 2
    const plant = (gid: string, version: number) =>
      answer(
        asB,
        `INSERT INTO people (gid, version, desktop_id, last_name, first_name, returned_mail,
           created_at) VALUES ($1, $2, $3, 'Planted', 'Row', 0, '2026-03-16')`,
        [gid, version, deskId(b)],
      );
    expect(await plant('base:90001', 9)).toBe(NOT_ALLOWED);
    expect(await plant('base:90002', 2)).toBe('ok');
  });
});
