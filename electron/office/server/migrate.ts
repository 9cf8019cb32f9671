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
 * working on its copy meanwhile. `state` is what the login could see of the schema: none
 * (no office yet), or a version it could not read (a server from before desks had logins
 * of their own, which lets them read nothing of it).
 */
export function supervisorUpdateNeeded(state: SchemaState): SchemaCheck {
  const which = state.readable
    ? ` (server data version ${state.version}; this ClaimDesk needs ${SERVER_SCHEMA_VERSION})`
    : '';
  return {
    ok: false,
    serverVersion: state.version,
    message: state.versioned
      ? `The office's server must be updated by its supervisor${which}: a supervisor ` +
        `connects once with the server's owner login. Until then your work is kept on this ` +
        `computer and sent once it is updated.`
      : `The office's server has no ClaimDesk office yet. Its supervisor makes it first, ` +
        `with the server's owner login; until then your work is kept on this computer.`,
  };
}

/** What a login sees of the server's schema. */
export interface SchemaState {
  /** The database has ClaimDesk's schema_version table. */
  versioned: boolean;
  /** This login may read it (0 as the version when it may not, or there is none). */
  readable: boolean;
  version: number;
  /** This login may change the schema: the database's owner, or a member of it. */
  owner: boolean;
}

/**
 * The server's schema version, and whether this login may change the schema: the
 * database's owner (or a member of it, a superuser included). A desk's own login may not.
 */
export async function schemaState(client: pg.ClientBase): Promise<SchemaState> {
  const { rows } = await client.query<{ versioned: boolean; readable: boolean; owner: boolean }>(
    `SELECT to_regclass('public.schema_version') IS NOT NULL AS versioned,
       coalesce(has_table_privilege(to_regclass('public.schema_version'), 'SELECT'), false)
         AS readable,
       pg_has_role(current_user, (SELECT datdba FROM pg_database
         WHERE datname = current_database()), 'MEMBER') AS owner`,
  );
  const state = { ...(rows[0] ?? { versioned: false, readable: false, owner: false }), version: 0 };
  if (!state.readable) return state;
  const version = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_version',
  );
  return { ...state, version: version.rows[0]?.v ?? 0 };
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
    if (!state.owner) return supervisorUpdateNeeded(state);
    // as the database's owner itself, whoever connects (a superuser, a member of the owner):
    // the tables a migration makes are then the owner's, as the first ones are, and the
    // owner login can use them
    const owner = await client.query<{ name: string }>(
      `SELECT pg_catalog.pg_get_userbyid(datdba) AS name FROM pg_catalog.pg_database
        WHERE datname = pg_catalog.current_database()`,
    );
    const name = owner.rows[0]?.name;
    if (name) await client.query(`SET ROLE ${client.escapeIdentifier(name)}`);
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
    await client.query('RESET ROLE').catch(() => undefined);
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
