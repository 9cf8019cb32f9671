import type { ReadDb, Db } from '../../db/open';
import { all, run } from '../../db/query';
import type { Claim837, ClaimProviderRole, PersonName } from './claim-types';

export interface ClaimProvider {
  role: ClaimProviderRole;
  name: string;
  npi: string | null;
}

function spelled(n: PersonName): string {
  return [n.first, n.middle, n.last, n.suffix].filter((p) => p !== null && p !== '').join(' ');
}

/**
 * Keeps the claim's providers as the file that last carried it names them: a replacement
 * claim says who they are now, so the earlier ones go.
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
}

export function claimProviders(db: ReadDb, claimId: number): ClaimProvider[] {
  return all<ClaimProvider>(
    db,
    `SELECT role, name, npi FROM claim_providers WHERE claim_id = ? ORDER BY role`,
    claimId,
  );
}
