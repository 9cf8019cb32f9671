import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { all, run } from '../db/query';
import { scanNames } from './files';
import { scrubPersonTexts, withoutIdentifiers } from './scrub-records';
import { scrubUnsynced } from './scrub-unsynced';

export { withoutIdentifiers };

/** What names a person in rows beside their own. */
export interface PersonNames {
  id: number;
  firstName: string;
  middleName: string | null;
  lastName: string;
  phone: string | null;
}

/** The texts that identify the person, longest first so a full name goes before its parts. */
export function personIdentifiers(
  db: ReadDb,
  p: PersonNames,
  accountIds: readonly AccountId[],
): string[] {
  const addresses = all<{ line1: string; line2: string | null }>(
    db,
    `SELECT line1, line2 FROM addresses WHERE person_id = ?`,
    p.id,
  );
  const representatives = all<{ name: string; line1: string | null; line2: string | null }>(
    db,
    `SELECT name, line1, line2 FROM estate_representatives WHERE person_id = ?`,
    p.id,
  );
  const found = [
    `${p.firstName} ${p.lastName}`,
    `${p.lastName}, ${p.firstName}`,
    p.middleName ? `${p.firstName} ${p.middleName} ${p.lastName}` : null,
    p.phone,
    // a name on its own too ("the Testwell estate"): a note on her account that spells it
    // means her, whatever else it might mean elsewhere
    p.firstName,
    p.middleName,
    p.lastName,
    ...addresses.flatMap((a) => [a.line1, a.line2]),
    ...representatives.flatMap((r) => [r.name, r.line1, r.line2]),
    ...scanNames(db, accountIds),
  ];
  return [...new Set(found.filter((t): t is string => t !== null && t.trim().length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * Replaces by the marker what names the person outside their own row: their addresses,
 * estate representatives, the queue's copy of their name, and every history row of the
 * accounts, every follow-up reason there, every collection record's free text and money
 * row's memo (SCRUBBED_TEXTS), and every not-synced entry and held row of hers
 * (scrub-unsynced.ts), that spells one of `texts` (personIdentifiers,
 * read while the person's own row still holds the names). Running it again changes only
 * what came since. Returns how many history rows were rewritten.
 */
export function scrubPersonRows(
  db: Db,
  personId: number,
  accountIds: readonly AccountId[],
  texts: readonly string[],
): number {
  run(
    db,
    `UPDATE addresses SET line1 = @removed, line2 = NULL, city = @removed, zip = @removed WHERE person_id = @id`,
    { removed: REMOVED, id: personId },
  );
  run(
    db,
    `UPDATE estate_representatives SET name = @removed, line1 = @removed, line2 = NULL, city = @removed, zip = @removed
      WHERE person_id = @id`,
    { removed: REMOVED, id: personId },
  );
  let rewritten = 0;
  for (const accountId of accountIds) {
    run(
      db,
      `UPDATE follow_ups SET patient_name = ? WHERE account_id = ?
         AND (SELECT patient_id FROM accounts WHERE id = ?) = ?`,
      `${REMOVED}, ${REMOVED}`,
      accountId,
      accountId,
      personId,
    );
    const rows = all<{ id: number; body: string }>(
      db,
      `SELECT id, body FROM activities WHERE account_id = ?`,
      accountId,
    );
    for (const r of rows) {
      const body = withoutIdentifiers(r.body, texts);
      if (body === r.body) continue;
      run(db, `UPDATE activities SET body = ? WHERE id = ?`, body, r.id);
      rewritten += 1;
    }
    // a follow-up's reason can name them too ("Find a current address for …")
    const reasons = all<{ id: number; reason: string }>(
      db,
      `SELECT id, reason FROM follow_ups WHERE account_id = ? AND reason IS NOT NULL`,
      accountId,
    );
    for (const f of reasons) {
      const reason = withoutIdentifiers(f.reason, texts);
      if (reason !== f.reason)
        run(db, `UPDATE follow_ups SET reason = ? WHERE id = ?`, reason, f.id);
    }
  }
  scrubPersonTexts(db, accountIds, texts);
  // an office desk's refused and held rows, kept past a dismissal, name her too
  scrubUnsynced(db, personId, accountIds, texts);
  return rewritten;
}
