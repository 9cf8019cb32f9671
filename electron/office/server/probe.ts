import pg from 'pg';
import { officeFailure } from '../failure';
import { clientConfig, type ServerConfig } from './connection';
import { SERVER_SCHEMA_VERSION } from './migrations';
import { schemaState, supervisorUpdateNeeded, updateNeeded, type SchemaCheck } from './migrate';

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
    const state = await schemaState(client);
    if (!state.versioned) {
      const { rows } = await client.query<{ tables: number }>(
        `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
      );
      if ((rows[0]?.tables ?? 0) > 0) {
        return {
          ok: false,
          updateNeeded: false,
          message:
            `The database ${config.database} on that server is not a ClaimDesk office: it holds ` +
            'other tables. Check the database name.',
        };
      }
      if (!state.owner) return refused(supervisorUpdateNeeded(state));
      return {
        ok: true,
        message:
          `Connected securely. The database ${config.database} is empty: ClaimDesk makes ` +
          'its tables there when the first desktop of the office syncs with it.',
      };
    }
    if (state.version > SERVER_SCHEMA_VERSION) return refused(updateNeeded(state.version));
    if (state.version < SERVER_SCHEMA_VERSION && !state.owner) {
      return refused(supervisorUpdateNeeded(state));
    }
    return { ok: true, message: `Connected securely to the ClaimDesk office ${config.database}.` };
  } catch (error) {
    return { ok: false, updateNeeded: false, message: officeFailure(error, config) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema this login cannot sync with: newer than it, or older and not its to update. */
function refused(check: SchemaCheck): ProbeResult {
  return { ok: false, updateNeeded: true, message: check.ok ? '' : check.message };
}
