import crypto from 'node:crypto';
import pg from 'pg';
import { describe, onTestFinished } from 'vitest';
import type { ServerConfig } from '../../office/server/connection';
import { PG_ENV, PG_SKIP_ENV } from './pg-global-setup';

/** This worker's own cluster (`VITEST_POOL_ID` counts workers from 1). */
function clusterConfig(): ServerConfig | null {
  const json = process.env[PG_ENV];
  if (!json) return null;
  const configs = JSON.parse(json) as ServerConfig[];
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return configs[(worker - 1) % configs.length] ?? null;
}

/**
 * `describe` for tests against the shared PostgreSQL cluster: skipped, saying why, only
 * when the global set-up found no PostgreSQL programs.
 */
export function describeWithPg(name: string, body: () => void): void {
  const config = clusterConfig();
  if (!config) {
    console.warn(`skipping "${name}": ${process.env[PG_SKIP_ENV] ?? 'no PostgreSQL cluster'}`);
  }
  describe.skipIf(!config)(name, body);
}

/** A fresh, empty database of its own in the shared cluster, as an office's server starts. */
export async function createServerDatabase(): Promise<ServerConfig> {
  const config = clusterConfig();
  if (!config) throw new Error('No PostgreSQL cluster for this test run');
  const database = `office_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(config);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return { ...config, database };
}

/** One session of a login straight to the server, as a program holding it could open. */
export async function loginSession(config: ServerConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  await client.connect();
  onTestFinished(() => client.end());
  return client;
}
