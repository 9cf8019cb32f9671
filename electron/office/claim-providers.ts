import type { Db, ReadDb } from '../db/open';
import { all, one, prepare, run } from '../db/query';
import type { ClaimProvider } from '../importers/claims/claim-providers';
import { gidOf, requireOfficeLink } from './gids';

/**
 * A claim's providers, and each line's, travel inside the claim's and the line's row, whole
 * (DESIGN.md, "A claim's providers"): read with the row, written with it when it is taken
 * from the office. Keyed by role, they change only when a later claim file replaces them, and
 * that replacement changes the claim too, so they go, are refused and are taken with it.
 */
export type ProvidersTable = 'claims' | 'claim_lines';

const SOURCE: Record<ProvidersTable, { tbl: string; key: string }> = {
  claims: { tbl: 'claim_providers', key: 'claim_id' },
  claim_lines: { tbl: 'claim_line_providers', key: 'claim_line_id' },
};

export function isProvidersTable(tbl: string): tbl is ProvidersTable {
  return tbl === 'claims' || tbl === 'claim_lines';
}

/**
 * The record's providers as this copy holds them, by role; none said (undefined) for one this
 * copy cannot vouch for (migration 74): a claim that came from another desk before they
 * travelled holds none here, and sent as none they would be the office's.
 */
export function providersOf(
  db: ReadDb,
  tbl: ProvidersTable,
  id: number,
): ClaimProvider[] | undefined {
  if (one(db, `SELECT 1 FROM office_providers_unknown WHERE tbl = ? AND local_id = ?`, tbl, id)) {
    return undefined;
  }
  const s = SOURCE[tbl];
  return all<ClaimProvider>(
    db,
    `SELECT role, name, npi FROM ${s.tbl} WHERE ${s.key} = ? ORDER BY role`,
    id,
  );
}

/**
 * Writes the office's providers of a taken record over this copy's, which it then knows. A
 * row that does not say (sent by an older version, or the office's row of a claim sent
 * before they travelled) leaves this copy's as they are: it knows nothing of them, not that
 * there are none. Then a record first taken so, or one of another desk's whose state this
 * copy now takes (its own replacement refused, say), is one this copy cannot vouch for; of a
 * record this desk made, the file it imported named them.
 */
export function takeProviders(
  db: Db,
  tbl: ProvidersTable,
  id: number,
  providers: readonly ClaimProvider[] | undefined,
  inserted: boolean,
): void {
  if (providers === undefined) {
    if (inserted || !gidOf(db, tbl, id).startsWith(`${requireOfficeLink(db).desktopId}:`)) {
      run(
        db,
        `INSERT OR IGNORE INTO office_providers_unknown (tbl, local_id) VALUES (?, ?)`,
        tbl,
        id,
      );
    }
    return;
  }
  run(db, `DELETE FROM office_providers_unknown WHERE tbl = ? AND local_id = ?`, tbl, id);
  const s = SOURCE[tbl];
  run(db, `DELETE FROM ${s.tbl} WHERE ${s.key} = ?`, id);
  const insert = prepare(
    db,
    `INSERT INTO ${s.tbl} (${s.key}, role, name, npi) VALUES (?, ?, ?, ?)`,
  );
  for (const p of providers) insert.run(id, p.role, p.name, p.npi);
}
