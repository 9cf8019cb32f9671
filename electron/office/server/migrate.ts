import type pg from 'pg';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from './migrations';

/** Taken while migrating, so two desktops connecting at once do not both migrate. */
const MIGRATION_LOCK = 20_260_001;

export type SchemaCheck =
  { ok: true; version: number } | { ok: false; serverVersion: number; message: string };

/** What a desktop older than the server's schema is told; it keeps working offline. */
export function updateNeeded(serverVersion: number): SchemaCheck {
  return {
    ok: false,
    serverVersion,
    message:
      `The office's server has been updated by a newer ClaimDesk (server data version ` +
      `${serverVersion}; this ClaimDesk knows up to ${SERVER_SCHEMA_VERSION}). Install the ` +
      `newer ClaimDesk to sync again; until then your work is kept on this computer and sent ` +
      `once it is updated.`,
  };
}

/**
 * What a desk's own login is told when the server's schema is older than this desktop's:
 * only the database's owner (the office's supervisor) may change it. The desktop keeps
 * working on its copy meanwhile.
 */
export function supervisorUpdateNeeded(serverVersion: number): SchemaCheck {
  return {
    ok: false,
    serverVersion,
    message:
      serverVersion === 0
        ? `The office's server has no ClaimDesk office yet. Its supervisor makes it first, ` +
          `with the server's owner login; until then your work is kept on this computer.`
        : `The office's server must be updated by its supervisor (server data version ` +
          `${serverVersion}; this ClaimDesk needs ${SERVER_SCHEMA_VERSION}): a supervisor ` +
          `connects once with the server's owner login. Until then your work is kept on this ` +
          `computer and sent once it is updated.`,
  };
}

/**
 * The server's schema version, and whether this login may change the schema: the
 * database's owner (or a member of it, a superuser included). A desk's own login may not.
 */
export async function schemaState(
  client: pg.ClientBase,
): Promise<{ versioned: boolean; version: number; owner: boolean }> {
  const { rows } = await client.query<{ versioned: boolean; owner: boolean }>(
    `SELECT to_regclass('public.schema_version') IS NOT NULL AS versioned,
       pg_has_role(current_user, (SELECT datdba FROM pg_database
         WHERE datname = current_database()), 'MEMBER') AS owner`,
  );
  const { versioned, owner } = rows[0] ?? { versioned: false, owner: false };
  if (!versioned) return { versioned, version: 0, owner };
  const version = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_version',
  );
  return { versioned, version: version.rows[0]?.v ?? 0, owner };
}

/**
 * Brings the server's schema up to this desktop's version, on connect: each migration in
 * one transaction with its schema_version row, under an advisory lock so desktops
 * connecting together take turns. A server already past this desktop is left alone; one
 * behind it is brought up only by the database's owner, never by a desk's own login.
 */
export async function migrateServer(pool: pg.Pool): Promise<SchemaCheck> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const state = await schemaState(client);
    const current = state.version;
    if (current > SERVER_SCHEMA_VERSION) return updateNeeded(current);
    if (current === SERVER_SCHEMA_VERSION) return { ok: true, version: current };
    if (!state.owner) return supervisorUpdateNeeded(current);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const m of SERVER_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { ok: true, version: SERVER_SCHEMA_VERSION };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
