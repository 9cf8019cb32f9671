import pg from 'pg';
import { officeFailure } from '../failure';
import { clientConfig, type ServerConfig } from './connection';
import { SERVER_SCHEMA_VERSION } from './migrations';
import { updateNeeded } from './migrate';

export type ProbeResult =
  { ok: true; message: string } | { ok: false; message: string; updateNeeded: boolean };

/**
 * Tries the office settings a supervisor typed, changing nothing on the server: connects
 * (TLS, the certificate and host name verified, the password checked), then looks at what
 * the database holds. Says in plain words what failed, never in the server's own text.
 */
export async function probeServer(config: ServerConfig): Promise<ProbeResult> {
  const client = new pg.Client(clientConfig(config));
  // a connection that breaks after connecting fails the query under way; unheard, its
  // error event would end the process
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ versioned: boolean; tables: number }>(
      `SELECT to_regclass('public.schema_version') IS NOT NULL AS versioned,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`,
    );
    const { versioned, tables } = rows[0] ?? { versioned: false, tables: 0 };
    if (!versioned) {
      if (tables > 0) {
        return {
          ok: false,
          updateNeeded: false,
          message:
            `The database ${config.database} on that server is not a ClaimDesk office: it holds ` +
            'other tables. Check the database name.',
        };
      }
      return {
        ok: true,
        message:
          `Connected securely. The database ${config.database} is empty: ClaimDesk makes ` +
          'its tables there when the first desktop of the office syncs with it.',
      };
    }
    const version = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_version',
    );
    const current = version.rows[0]?.v ?? 0;
    const check = current > SERVER_SCHEMA_VERSION ? updateNeeded(current) : null;
    if (check && !check.ok) return { ok: false, updateNeeded: true, message: check.message };
    return { ok: true, message: `Connected securely to the ClaimDesk office ${config.database}.` };
  } catch (error) {
    return { ok: false, updateNeeded: false, message: officeFailure(error, config) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
