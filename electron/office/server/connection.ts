import pg from 'pg';

/** How a desktop reaches the office's server. */
export interface ServerConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /**
   * Always TLS with the server's certificate verified, its host name included: the CA
   * certificate the office gave (PEM), or the system's CAs when there is none. A desktop
   * never talks to its office in the clear, nor to a server it cannot verify.
   */
  ssl: { ca?: string; rejectUnauthorized: true };
  /** How long to wait for the server to accept a connection (tests shorten it). */
  connectTimeoutMs?: number;
}

/**
 * A server that drops packets (a firewall, a pulled cable) would keep a connection
 * attempt waiting for minutes, the worker "syncing" all the while; it is offline instead.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * node-postgres' options for a connection to the office: the time limit above, and TCP
 * keepalive from 30 s of quiet, so that the listening connection, which may wait for hours
 * without a word, notices a link that died silently.
 */
export function clientConfig(config: ServerConfig): pg.ClientConfig {
  const { connectTimeoutMs, ...rest } = config;
  return {
    ...rest,
    connectionTimeoutMillis: connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
  };
}

/** The TLS options for a server verified against `ca` (PEM), or the system's CAs. */
export function verifiedTls(ca: string | undefined): ServerConfig['ssl'] {
  return ca ? { ca, rejectUnauthorized: true } : { rejectUnauthorized: true };
}

/** A small pool: one desktop sends one entry at a time, and reads between. */
export function openPool(config: ServerConfig, max = 4): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(config), max });
  // a connection that breaks while in use fails the query under way; the same error is
  // also emitted on the client, which with no one listening would end the process
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Runs `work` in one server transaction on a connection of its own; rolls back on any error. */
export async function inServerTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/** The SQLSTATE of a server error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The constraint PostgreSQL names in its error, when it names one. */
export function constraintOf(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
