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
 * Brings the server's schema up to this desktop's version, on connect: each migration in
 * one transaction with its schema_version row, under an advisory lock so desktops
 * connecting together take turns. A server already past this desktop is left alone.
 */
export async function migrateServer(pool: pg.Pool): Promise<SchemaCheck> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_version',
    );
    const current = rows[0]?.v ?? 0;
    if (current > SERVER_SCHEMA_VERSION) return updateNeeded(current);
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
