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
 * after the claim's lines are written, so each line is found by its number.
 */
export function storeClaimProviders(db: Db, claimId: number, claim: Claim837): void {
  run(db, `DELETE FROM claim_providers WHERE claim_id = ?`, claimId);
  for (const p of claim.providers ?? []) {
    run(
      db,
      `INSERT INTO claim_providers (claim_id, role, name, npi) VALUES (?, ?, ?, ?)`,
      claimId,
      p.role,
      spelled(p.name),
      p.npi,
    );
  }
  run(
    db,
    `DELETE FROM claim_line_providers
       WHERE claim_line_id IN (SELECT id FROM claim_lines WHERE claim_id = ?)`,
    claimId,
  );
  for (const line of claim.lines) {
    for (const p of line.providers ?? []) storeLineProvider(db, claimId, line.lineNumber, p);
  }
}

function storeLineProvider(db: Db, claimId: number, lineNumber: number, p: ClaimProvider837): void {
  run(
    db,
    `INSERT INTO claim_line_providers (claim_line_id, role, name, npi)
       SELECT id, ?, ?, ? FROM claim_lines WHERE claim_id = ? AND line_number = ?`,
    p.role,
    spelled(p.name),
    p.npi,
    claimId,
    lineNumber,
  );
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
