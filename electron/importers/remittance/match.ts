import type { AccountId, ClaimId, PayerId } from '../../../shared/ids';
import type { ReadDb } from '../../db/open';
import { all, one } from '../../db/query';

export interface MatchedClaim {
  id: ClaimId;
  accountId: AccountId;
  claimNumber: string;
  payerId: PayerId;
  status: string;
  matchedBy: 'claim number' | 'account number' | 'payer claim number';
}

const CLAIM_COLUMNS = `c.id, c.account_id AS accountId, c.claim_number AS claimNumber,
  c.payer_id AS payerId, c.status`;

/**
 * Finds our claim for a remittance claim: the patient control number (CLP01) is what we
 * sent, our claim number or, from some billing systems, the account number; failing
 * that, the payer's own claim number from an earlier remittance. Only an unambiguous
 * match counts; anything else goes to the exceptions list.
 */
export function matchClaim(
  db: ReadDb,
  patientControlNumber: string,
  payerClaimNumber: string | null,
): MatchedClaim | null {
  const byClaim = one<Omit<MatchedClaim, 'matchedBy'>>(
    db,
    `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.claim_number = ?`,
    patientControlNumber,
  );
  if (byClaim) return { ...byClaim, matchedBy: 'claim number' };
  const byAccount = all<Omit<MatchedClaim, 'matchedBy'>>(
    db,
    `SELECT ${CLAIM_COLUMNS} FROM claims c JOIN accounts a ON a.id = c.account_id
       WHERE a.account_number = ? AND c.primary_claim_id IS NULL AND c.status <> 'voided'`,
    patientControlNumber,
  );
  if (byAccount.length === 1 && byAccount[0]) {
    return { ...byAccount[0], matchedBy: 'account number' };
  }
  if (payerClaimNumber) {
    const byPayer = all<Omit<MatchedClaim, 'matchedBy'>>(
      db,
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.payer_claim_number = ?`,
      payerClaimNumber,
    );
    if (byPayer.length === 1 && byPayer[0]) {
      return { ...byPayer[0], matchedBy: 'payer claim number' };
    }
  }
  return null;
}

/** Our payer for the remittance: by the payer id it sends, else by its name. */
export function matchPayer(
  db: ReadDb,
  identifiers: readonly string[],
  name: string,
): PayerId | null {
  for (const id of identifiers) {
    const row = one<{ id: PayerId }>(db, `SELECT id FROM payers WHERE payer_code = ?`, id);
    if (row) return row.id;
  }
  const byName = all<{
    id: PayerId;
  }>(db, `SELECT id FROM payers WHERE name = ? COLLATE NOCASE`, name);
  return byName.length === 1 && byName[0] ? byName[0].id : null;
}
