import pg from 'pg';
import type { Ctx } from '../../core/context';
import { all } from '../../db/query';
import { gidOf, gidOrNull } from '../../office/gids';

/**
 * A desktop's records (people, addresses, accounts, coverages, claims, lines) by
 * office-wide ids, to compare copies: each names what it belongs to by its gid.
 */
export function recordsState(ctx: Ctx): {
  people: string[];
  addresses: string[];
  accounts: string[];
  coverages: string[];
  claims: string[];
  lines: string[];
} {
  const rows = <T>(sql: string, show: (r: T) => string) => all<T>(ctx.db, sql).map(show).sort();
  return {
    people: rows<{ id: number; name: string }>(
      `SELECT id, last_name || ', ' || first_name AS name FROM people`,
      (r) => `${gidOf(ctx.db, 'people', r.id)} ${r.name}`,
    ),
    addresses: rows<{ id: number; person: number; line1: string }>(
      `SELECT id, person_id AS person, line1 FROM addresses`,
      (r) => `${gidOf(ctx.db, 'addresses', r.id)} ${gidOf(ctx.db, 'people', r.person)} ${r.line1}`,
    ),
    accounts: rows<{ id: number; number: string; name: string }>(
      `SELECT a.id, a.account_number AS number, p.last_name || ', ' || p.first_name AS name
         FROM accounts a JOIN people p ON p.id = a.patient_id`,
      (r) => `${gidOf(ctx.db, 'accounts', r.id)} ${r.number} ${r.name}`,
    ),
    coverages: rows<{ id: number; account: number; priority: number }>(
      `SELECT id, account_id AS account, priority FROM coverages`,
      (r) =>
        `${gidOf(ctx.db, 'coverages', r.id)} ${gidOf(ctx.db, 'accounts', r.account)} ${r.priority}`,
    ),
    claims: rows<{ id: number; number: string; account: number; coverage: number | null }>(
      `SELECT id, claim_number AS number, account_id AS account, coverage_id AS coverage
         FROM claims`,
      (r) =>
        `${gidOf(ctx.db, 'claims', r.id)} ${r.number} ${gidOf(ctx.db, 'accounts', r.account)}` +
        ` ${gidOrNull(ctx.db, 'coverages', r.coverage) ?? '-'}`,
    ),
    lines: rows<{ id: number; claim: number; n: number; charge: number }>(
      `SELECT id, claim_id AS claim, line_number AS n, charge FROM claim_lines`,
      (r) =>
        `${gidOf(ctx.db, 'claim_lines', r.id)} ${gidOf(ctx.db, 'claims', r.claim)} ${r.n} ${r.charge}`,
    ),
  };
}

/** One number the server's database answers. */
export async function serverCount(server: pg.ClientConfig, sql: string): Promise<number> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
  } finally {
    await client.end();
  }
}
