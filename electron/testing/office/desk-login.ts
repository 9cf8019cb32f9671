import crypto from 'node:crypto';
import pg from 'pg';
import type { ServerConfig } from '../../office/server/connection';

/**
 * A server login of a desk's own, made as the README makes one: a member of the desks'
 * role, owning nothing. `server` must be able to make roles (the cluster's superuser, as
 * the tests' and the bench's clusters give). Roles are the cluster's, so each name is new.
 * Kept apart from the tests' helpers so that the bench, which runs outside vitest, uses
 * the very same login the tests do.
 */
export async function deskLogin(server: ServerConfig): Promise<ServerConfig> {
  const login = `desk_${crypto.randomBytes(6).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('base64url');
  const admin = new pg.Client(server);
  await admin.connect();
  try {
    // other test files may be making it at the same moment
    await admin.query(`DO $$ BEGIN CREATE ROLE claimdesk_desktop NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.query(
      `CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE claimdesk_desktop`,
    );
  } finally {
    await admin.end();
  }
  return { ...server, user: login, password };
}
