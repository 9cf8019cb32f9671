import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { addAccount } from '../../testing/builders';
import { call } from '../../testing/call';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import { createTestCtx } from '../../testing/test-db';
import { OfficeSync } from '../sync';
import { sqlState, type ServerConfig } from './connection';
import { migrateServer } from './migrate';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from './migrations';
import { registerDesktop } from './office';
import { probeServer } from './probe';

async function admin<T>(config: ServerConfig, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function asLogin<T>(config: ServerConfig, work: (p: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool(config);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

/**
 * The README's statements, run by the postgres user (roles are the cluster's, so each name
 * is new): the desks' role, the owner's login, the database it owns, and two desks' logins.
 */
async function readmeOffice(): Promise<{ owner: ServerConfig; desks: ServerConfig[] }> {
  const cluster = await createServerDatabase();
  const suffix = crypto.randomBytes(4).toString('hex');
  const [owner, desk1, desk2] = ['', '_desk1', '_desk2'].map((s) => `claimdesk_${suffix}${s}`);
  const database = `claimdesk_db_${suffix}`;
  const password = () => crypto.randomBytes(12).toString('base64url');
  const passwords = [password(), password(), password()];
  await admin(cluster, async (c) => {
    await c.query(`DO $$ BEGIN CREATE ROLE claimdesk_desktop NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await c.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${passwords[0]}'`);
    await c.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    await c.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
    await c.query(
      `CREATE ROLE ${desk1} LOGIN PASSWORD '${passwords[1]}' IN ROLE claimdesk_desktop`,
    );
    await c.query(
      `CREATE ROLE ${desk2} LOGIN PASSWORD '${passwords[2]}' IN ROLE claimdesk_desktop`,
    );
  });
  onTestFinished(() =>
    admin(cluster, async (c) => {
      await c.query(`DROP DATABASE ${database} WITH (FORCE)`);
      for (const role of [owner, desk1, desk2]) await c.query(`DROP ROLE ${role}`);
    }),
  );
  const login = (user: string | undefined, i: number): ServerConfig => ({
    ...cluster,
    database,
    user: user ?? '',
    password: passwords[i] ?? '',
  });
  return { owner: login(owner, 0), desks: [login(desk1, 1), login(desk2, 2)] };
}

describeWithPg('an office server set up as the README says', () => {
  it('lets the owner, no superuser, bring the schema up, and a desk login only use it', async () => {
    const { owner, desks } = await readmeOffice();
    const desk = desks[0] as ServerConfig;
    // before the supervisor has made the office, a desk's login can do nothing there
    expect(await probeServer(desk)).toMatchObject({
      ok: false,
      updateNeeded: true,
      message: expect.stringMatching(/no ClaimDesk office yet. Its supervisor makes it first/),
    });
    expect(await asLogin(desk, migrateServer)).toMatchObject({ ok: false, serverVersion: 0 });

    expect(await probeServer(owner)).toMatchObject({ ok: true });
    await asLogin(owner, async (pool) => {
      expect(await migrateServer(pool)).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
      const { rows } = await pool.query<{ super: boolean }>(
        'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows).toEqual([{ super: false }]);
    });
    for (const config of [owner, desk]) {
      expect(await probeServer(config)).toEqual({
        ok: true,
        message: `Connected securely to the ClaimDesk office ${owner.database}.`,
      });
    }
    await asLogin(desk, async (pool) => {
      expect(await migrateServer(pool)).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
      for (const sql of [
        'DROP TABLE ledger_entries',
        'TRUNCATE working_marks',
        'ALTER TABLE desks DISABLE ROW LEVEL SECURITY',
        'CREATE TEMP TABLE desks (desktop_id uuid, login text)',
      ]) {
        expect(await pool.query(sql).then(() => 'ok', sqlState)).toBe('42501');
      }
    });
  });

  it('lets the supervisor make the office with the owner login, then each desk use its own', async () => {
    const { owner, desks } = await readmeOffice();
    const [desk1, desk2] = desks as [ServerConfig, ServerConfig];
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const { accountId } = addAccount(ctx);
    const making = new OfficeSync(ctx, owner, 'desktop 1');
    try {
      await making.createOffice();
    } finally {
      await making.close();
    }
    // the same desktop with its own login takes over the desk the owner registered
    const own = new OfficeSync(ctx, desk1, 'desktop 1');
    onTestFinished(() => own.close());
    expect(await own.connect()).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Desk 1: called the patient.' });
    expect(await own.push()).toEqual({ accepted: 1, refused: 0 });
    const logins = await asLogin(owner, async (pool) => {
      const { rows } = await pool.query<{ login: string }>(`SELECT login FROM desks`);
      return rows.map((r) => r.login);
    });
    expect(logins).toEqual([desk1.user]);
    // the supervisor may connect as that desk with the owner login (to update the server)
    // and the desk stays desk 1's
    const supervising = new OfficeSync(ctx, owner, 'desktop 1, supervisor');
    onTestFinished(() => supervising.close());
    expect(await supervising.connect()).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Desk 1: as the supervisor.' });
    expect(await supervising.push()).toEqual({ accepted: 1, refused: 0 });
    expect(await own.connect()).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
    // a second desk login cannot take that desk any more
    const other = new OfficeSync(ctx, desk2, 'desktop 1 with another login');
    onTestFinished(() => other.close());
    expect(await other.connect()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/joined the office with another server login/),
    });
  });

  it('makes the tables the owner’s when a superuser brings the schema up', async () => {
    const { owner } = await readmeOffice();
    const cluster = await createServerDatabase();
    const superuser: ServerConfig = { ...cluster, database: owner.database };
    expect(await asLogin(superuser, migrateServer)).toEqual({
      ok: true,
      version: SERVER_SCHEMA_VERSION,
    });
    await asLogin(owner, async (pool) => {
      const { rows } = await pool.query<{ owner: string }>(
        `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(rows).toEqual([{ owner: owner.user }]);
      // and the owner login uses them: its desktop recorded, its desk taken
      const desk = crypto.randomUUID();
      await registerDesktop(pool, desk, 'supervisor');
      const { rows: desks } = await pool.query<{ login: string }>(
        `SELECT login FROM desks WHERE desktop_id = $1`,
        [desk],
      );
      expect(desks).toEqual([{ login: owner.user }]);
    });
  });

  it('records the desktops of an office from before desks had logins as the owner’s, each taken by its own login', async () => {
    const { owner, desks } = await readmeOffice();
    const [desk1, desk2] = desks as [ServerConfig, ServerConfig];
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    await asLogin(owner, async (pool) => {
      // the server as ClaimDesk left it before migration 12, its desktops on the owner login
      await pool.query(`CREATE TABLE schema_version (version integer PRIMARY KEY,
        name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const m of SERVER_MIGRATIONS.filter((m) => m.version < 12)) {
        await pool.query(m.sql);
        await pool.query(`INSERT INTO schema_version (version, name) VALUES ($1, $2)`, [
          m.version,
          m.name,
        ]);
      }
      await pool.query(`INSERT INTO desktops (id, name) VALUES ($1, 'one'), ($2, 'two')`, [
        first,
        second,
      ]);
      // a desk's login waits for the supervisor
      expect(await asLogin(desk1, migrateServer)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/must be updated by its supervisor/),
      });
      expect(await probeServer(desk1)).toMatchObject({
        ok: false,
        updateNeeded: true,
        message: expect.stringMatching(/must be updated by its supervisor: a supervisor connects/),
      });
      expect(await migrateServer(pool)).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
    });
    const logins = () =>
      asLogin(owner, async (pool) => {
        const { rows } = await pool.query<{ desk: string; login: string }>(
          `SELECT desktop_id::text AS desk, login FROM desks`,
        );
        return Object.fromEntries(rows.map((r) => [r.desk, r.login]));
      });
    expect(await logins()).toEqual({ [first]: owner.user, [second]: owner.user });
    await asLogin(desk1, (pool) => registerDesktop(pool, first, 'one'));
    await asLogin(desk2, (pool) => registerDesktop(pool, second, 'two'));
    expect(await logins()).toEqual({ [first]: desk1.user, [second]: desk2.user });
  });
});
