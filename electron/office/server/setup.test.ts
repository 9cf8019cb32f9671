import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import type { ServerConfig } from './connection';
import { migrateServer } from './migrate';
import { SERVER_SCHEMA_VERSION } from './migrations';
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

describeWithPg('an office server set up as the README says', () => {
  it('lets the office login, no superuser, own the database and bring its schema up', async () => {
    const cluster = await createServerDatabase();
    const suffix = crypto.randomBytes(4).toString('hex');
    const login = `claimdesk_${suffix}`;
    const database = `claimdesk_db_${suffix}`;
    const password = crypto.randomBytes(12).toString('base64url');
    // the README's statements, run by the postgres user (roles are the cluster's)
    await admin(cluster, async (c) => {
      await c.query(`DO $$ BEGIN CREATE ROLE claimdesk_desktop NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      await c.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE claimdesk_desktop`);
      await c.query(`CREATE DATABASE ${database} OWNER ${login}`);
    });
    onTestFinished(() =>
      admin(cluster, async (c) => {
        await c.query(`DROP DATABASE ${database}`);
        await c.query(`DROP ROLE ${login}`);
      }),
    );
    const office: ServerConfig = { ...cluster, user: login, password, database };
    expect(await probeServer(office)).toMatchObject({ ok: true });
    const pool = new pg.Pool(office);
    try {
      expect(await migrateServer(pool)).toEqual({ ok: true, version: SERVER_SCHEMA_VERSION });
      const { rows } = await pool.query<{ super: boolean }>(
        'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows).toEqual([{ super: false }]);
    } finally {
      await pool.end();
    }
    expect(await probeServer(office)).toEqual({
      ok: true,
      message: `Connected securely to the ClaimDesk office ${database}.`,
    });
  });
});
