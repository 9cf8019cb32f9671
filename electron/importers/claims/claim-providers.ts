import type { ReadDb, Db } from '../../db/open';
import { all, run } from '../../db/query';
import type { Claim837, ClaimProvider837, ClaimProviderRole, PersonName } from './claim-types';

export interface ClaimProvider {
  role: ClaimProviderRole;
  name: string;
  npi: string | null;
}

function spelled(n: PersonName): string {
  return [n.first, n.middle, n.last, n.suffix].filter((p) => p !== null && p !== '').join(' ');
}

/**
 * Keeps the claim's providers, and each line's, as the file that last carried the claim
 * names them: a replacement claim says who they are now, so the earlier ones go. Called
 * after the claim's lines are written, so each line is found by its number. Only what
 * differs is written: in an office a provider written is a change of its claim or line that
 * travels, and a file naming the same ones again changes nothing.
 */
export function storeClaimProviders(db: Db, claimId: number, claim: Claim837): void {
  replaceProviders(db, 'claim_providers', 'claim_id', claimId, named(claim.providers));
  const lines = all<{ id: number; lineNumber: number }>(
    db,
    `SELECT id, line_number AS lineNumber FROM claim_lines WHERE claim_id = ?`,
    claimId,
  );
  for (const l of lines) {
    const sent = claim.lines.find((c) => c.lineNumber === l.lineNumber);
    replaceProviders(db, 'claim_line_providers', 'claim_line_id', l.id, named(sent?.providers));
  }
}

/**
 * Whether the file names other providers for the claim or one of its lines than this copy
 * holds. They are no part of the claim's fingerprint (its stored hashes must keep matching),
 * so a replacement correcting only a provider's NPI, the commonest fix a 277CA asks for,
 * would otherwise be taken as the same claim sent again.
 */
export function providersDiffer(db: ReadDb, claimId: number, claim: Claim837): boolean {
  const same = (held: readonly ClaimProvider[], sent: readonly ClaimProvider[]) =>
    JSON.stringify(held) === JSON.stringify(sent);
  if (!same(claimProviders(db, claimId), named(claim.providers))) return true;
  const held = lineProviders(db, claimId);
  const lines = all<{ id: number; lineNumber: number }>(
    db,
    `SELECT id, line_number AS lineNumber FROM claim_lines WHERE claim_id = ? AND removed_at IS NULL`,
    claimId,
  );
  return lines.some((l) => {
    const sent = claim.lines.find((c) => c.lineNumber === l.lineNumber);
    return !same(held.get(l.id) ?? [], named(sent?.providers));
  });
}

function named(providers: readonly ClaimProvider837[] | undefined): ClaimProvider[] {
  return (providers ?? [])
    .map((p) => ({ role: p.role, name: spelled(p.name), npi: p.npi }))
    .sort((x, y) => x.role.localeCompare(y.role));
}

function replaceProviders(
  db: Db,
  tbl: 'claim_providers' | 'claim_line_providers',
  key: 'claim_id' | 'claim_line_id',
  id: number,
  providers: readonly ClaimProvider[],
): void {
  const held = all<ClaimProvider>(
    db,
    `SELECT role, name, npi FROM ${tbl} WHERE ${key} = ? ORDER BY role`,
    id,
  );
  if (JSON.stringify(held) === JSON.stringify(providers)) return;
  run(db, `DELETE FROM ${tbl} WHERE ${key} = ?`, id);
  for (const p of providers) {
    run(
      db,
      `INSERT INTO ${tbl} (${key}, role, name, npi) VALUES (?, ?, ?, ?)`,
      id,
      p.role,
      p.name,
      p.npi,
    );
  }
}

export function claimProviders(db: ReadDb, claimId: number): ClaimProvider[] {
  return all<ClaimProvider>(
    db,
    `SELECT role, name, npi FROM claim_providers WHERE claim_id = ? ORDER BY role`,
    claimId,
  );
}

/** The providers each line of the claim names for itself, by claim line id. */
export function lineProviders(db: ReadDb, claimId: number): Map<number, ClaimProvider[]> {
  const rows = all<ClaimProvider & { lineId: number }>(
    db,
    `SELECT lp.claim_line_id AS lineId, lp.role, lp.name, lp.npi
       FROM claim_line_providers lp JOIN claim_lines cl ON cl.id = lp.claim_line_id
      WHERE cl.claim_id = ? ORDER BY lp.claim_line_id, lp.role`,
    claimId,
  );
  const out = new Map<number, ClaimProvider[]>();
  for (const { lineId, ...p } of rows) out.set(lineId, [...(out.get(lineId) ?? []), p]);
  return out;
}

/**
 * What a line's own providers add to the claim's: only those that differ from the claim's
 * provider in the same role (by NPI when both have one, else by name), so a table row
 * names a provider only when the claim as a whole would mislead.
 */
export function differingProviders(
  line: readonly ClaimProvider[],
  claim: readonly ClaimProvider[],
): ClaimProvider[] {
  return line.filter((p) => {
    const same = claim.find((c) => c.role === p.role);
    if (!same) return true;
    return p.npi && same.npi ? p.npi !== same.npi : p.name !== same.name;
  });
}
