import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { all, run } from '../db/query';
import { gidOf } from '../office/gids';
import { withoutIdentifiers } from './scrub-records';

/*
 * An office desk keeps what the server refused (`not_synced`, with the reason and the entry
 * as sent) and rows it could not place yet (`sync_held`). Both are kept past a dismissal, so
 * a refusal quoting a decision note naming the patient ("… already refused by Rita
 * Representative (Eleanor Testwell has not sent …)") would name her in the file for good,
 * although the server scrubs that same reason in its purge (server migration 37).
 */

type Named = 'people' | 'accounts' | 'claims';

/** The fields of a travelling row that name a person, an account or a claim, by gid. */
const REFERS: Readonly<Record<string, Named>> = {
  personGid: 'people',
  patientGid: 'people',
  guarantorGid: 'people',
  subscriberGid: 'people',
  accountGid: 'accounts',
  claimGid: 'claims',
  primaryClaimGid: 'claims',
};

/** The person's own row and their accounts' and claims' rows, by gid. */
type Hers = Record<Named, ReadonlySet<string>>;

function hersOf(db: ReadDb, personId: number, accountIds: readonly AccountId[]): Hers {
  const claims = all<{ id: number }>(
    db,
    `SELECT id FROM claims WHERE account_id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(accountIds),
  );
  return {
    people: new Set([gidOf(db, 'people', personId)]),
    accounts: new Set(accountIds.map((a) => gidOf(db, 'accounts', a))),
    claims: new Set(claims.map((c) => gidOf(db, 'claims', c.id))),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isNamed = (tbl: unknown): tbl is Named =>
  tbl === 'people' || tbl === 'accounts' || tbl === 'claims';

/** A travelling row (`tbl`, `gid`, `row`) is hers, or names one of hers. */
function concerns(hers: Hers, tbl: unknown, gid: unknown, row: unknown): boolean {
  if (isNamed(tbl) && typeof gid === 'string' && hers[tbl].has(gid)) return true;
  if (!isObject(row)) return false;
  return Object.entries(row).some(([k, v]) => {
    const named = REFERS[k];
    return named !== undefined && typeof v === 'string' && hers[named].has(v);
  });
}

/** Her own row and her addresses as the de-identification leaves them (purge/deidentify.ts). */
function masked(hers: Hers, tbl: unknown, gid: unknown, row: Record<string, unknown>) {
  if (tbl === 'people' && typeof gid === 'string' && hers.people.has(gid)) {
    return {
      ...row,
      firstName: REMOVED,
      lastName: REMOVED,
      middleName: null,
      dateOfBirth: null,
      phone: null,
      phoneDigits: null,
      deceasedSource: null,
    };
  }
  const person = row.personGid;
  if (tbl === 'addresses' && typeof person === 'string' && hers.people.has(person)) {
    return { ...row, line1: REMOVED, line2: null, city: REMOVED, zip: REMOVED };
  }
  return row;
}

/** Every text of a JSON value scrubbed, its structure and its ids (`tbl`, `op`, gids) kept. */
function scrubbedValue(value: unknown, texts: readonly string[]): unknown {
  if (typeof value === 'string') return withoutIdentifiers(value, texts);
  if (Array.isArray(value)) return value.map((v) => scrubbedValue(v, texts));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      k === 'tbl' || k === 'op' || k === 'gid' || k.endsWith('Gid')
        ? [k, v]
        : [k, scrubbedValue(v, texts)],
    ),
  );
}

/** A travelling row with her names taken out, or the same when it is not hers. */
function scrubbedRow(
  hers: Hers,
  tbl: unknown,
  gid: unknown,
  row: unknown,
  texts: readonly string[],
) {
  return isObject(row) ? scrubbedValue(masked(hers, tbl, gid, row), texts) : row;
}

const parsed = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
};

/**
 * Takes the person's names (`texts`, personIdentifiers) out of each not-synced entry that
 * changes or names her row, her accounts or their claims, dismissed or not: its reason and
 * every text of every row it sent, the JSON kept valid and of the same shape; her own row and
 * addresses as the de-identification leaves them. A held row of hers likewise. Rows of other
 * people are left as they are: a name of hers may be a word of theirs.
 */
export function scrubUnsynced(
  db: Db,
  personId: number,
  accountIds: readonly AccountId[],
  texts: readonly string[],
): void {
  const hers = hersOf(db, personId, accountIds);
  for (const n of all<{ seq: number; reason: string; changes: string }>(
    db,
    `SELECT seq, reason, changes FROM not_synced`,
  )) {
    const changes = parsed(n.changes);
    if (!Array.isArray(changes)) continue;
    const rows = changes.filter(isObject);
    if (!rows.some((c) => concerns(hers, c.tbl, c.gid, c.row))) continue;
    const now = JSON.stringify(
      changes.map((c: unknown) =>
        isObject(c) ? { ...c, row: scrubbedRow(hers, c.tbl, c.gid, c.row, texts) } : c,
      ),
    );
    const reason = withoutIdentifiers(n.reason, texts);
    if (now === n.changes && reason === n.reason) continue;
    run(db, `UPDATE not_synced SET reason = ?, changes = ? WHERE seq = ?`, reason, now, n.seq);
  }
  for (const h of all<{ rowid: number; tbl: string; gid: string; row: string }>(
    db,
    `SELECT rowid, tbl, gid, row FROM sync_held`,
  )) {
    const row = parsed(h.row);
    if (!concerns(hers, h.tbl, h.gid, row)) continue;
    const now = JSON.stringify(scrubbedRow(hers, h.tbl, h.gid, row, texts));
    if (now !== h.row) run(db, `UPDATE sync_held SET row = ? WHERE rowid = ?`, now, h.rowid);
  }
}
