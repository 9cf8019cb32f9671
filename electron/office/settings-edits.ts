import type { ReadDb } from '../db/open';
import { one } from '../db/query';
import { localIdOf } from './gids';
import type { Change } from './wire';

/** The request that edits each in Settings, and the name of the id its detail starts with. */
const SAVED_BY = {
  agencies: ['saveAgency', 'agencyId'],
  facilities: ['saveBillingFacility', 'facilityId'],
} as const;

/**
 * An agency's or a facility's edits, each sent alone (sealOutbox), in the order they were
 * last saved. A request makes one; an older version's, sent together at the upgrade
 * (migrations 71 and 72), may be several, and their order matters when one freed a name or
 * NPI another then took: sent by local id, the one taking it could go first and be refused as
 * another's, the office keeping the old one. The order is this desk's audit trail's, where
 * each save names the id it edited first in its detail. (A later save of the freeing one
 * after that can still order them wrongly; each refusal is listed.)
 */
export function inOrderSaved(db: ReadDb, edits: readonly Change[]): Change[] {
  if (edits.length < 2) return [...edits];
  const saved = new Map(edits.map((c) => [c, lastSaved(db, c)]));
  return [...edits].sort((x, y) => (saved.get(x) ?? 0) - (saved.get(y) ?? 0));
}

function lastSaved(db: ReadDb, c: Change): number {
  if (c.tbl !== 'agencies' && c.tbl !== 'facilities') return 0;
  const [method, key] = SAVED_BY[c.tbl];
  const id = localIdOf(db, c.tbl, c.gid);
  return (
    one<{ id: number | null }>(
      db,
      `SELECT max(id) AS id FROM audit_log WHERE method = ? AND detail LIKE ?`,
      method,
      `{"${key}":${id},%`,
    )?.id ?? 0
  );
}
