import type { ContactRestrictionKind } from '../../shared/api/contact';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';

/** The few accounts' holds, restrictions, promises, plans and releases, by account. */
export interface StateFlags {
  openHolds: Map<number, string[]>;
  /** In force on the account itself, or on its guarantor, in the order they were recorded. */
  restrictions: (accountId: number, guarantorId: number) => Restriction[];
  promiseOpen: Set<number>;
  planInGoodStanding: Set<number>;
  released: Map<number, string[]>;
}

interface Restriction {
  id: number;
  accountId: number;
  personId: number;
  kind: ContactRestrictionKind;
  on: IsoDate;
}

/** Named accounts (and their guarantors), or null for every account. */
export interface FlagScope {
  accountIds: readonly number[];
  guarantorIds: readonly number[];
}

function scoped(sql: string, column: string, scope: FlagScope | null, param = '@accounts'): string {
  return scope ? `${sql} AND ${column} IN (SELECT value FROM json_each(${param}))` : sql;
}

function listed(rows: readonly { id: number; v: string }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const list = out.get(r.id);
    if (list) list.push(r.v);
    else out.set(r.id, [r.v]);
  }
  return out;
}

/**
 * Few accounts have any of these, so each is read as one set, not asked of every account
 * in turn (at 200,000 accounts the per-account lookups cost more than the rest of the row).
 */
export function stateFlags(db: ReadDb, scope: FlagScope | null): StateFlags {
  const params = scope
    ? {
        accounts: JSON.stringify(scope.accountIds),
        guarantors: JSON.stringify(scope.guarantorIds),
      }
    : {};
  const ids = (sql: string) => new Set(all<{ id: number }>(db, sql, params).map((r) => r.id));
  const RESTRICTIONS = `SELECT id, account_id AS accountId, person_id AS personId, kind,
      effective_date AS "on" FROM contact_restrictions WHERE lifted_at IS NULL`;
  // two indexed lookups: written as one OR, every open restriction was read
  const restrictions = scope
    ? [
        ...new Map(
          [
            ...all<Restriction>(db, scoped(RESTRICTIONS, 'account_id', scope), params),
            ...all<Restriction>(
              db,
              scoped(RESTRICTIONS, 'person_id', scope, '@guarantors'),
              params,
            ),
          ].map((r) => [r.id, r]),
        ).values(),
      ].sort((a, b) => a.id - b.id)
    : all<Restriction>(db, `${RESTRICTIONS} ORDER BY id`, params);
  const byAccount = new Map<number, Restriction[]>();
  const byPerson = new Map<number, Restriction[]>();
  for (const r of restrictions) {
    byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
    // a written dispute concerns the account it names, not the guarantor's others
    if (r.kind !== 'written_dispute')
      byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  }
  return {
    openHolds: listed(
      all<{ id: number; v: string }>(
        db,
        scoped(
          `SELECT account_id AS id, kind AS v FROM collection_holds WHERE closed_at IS NULL`,
          'account_id',
          scope,
        ),
        params,
      ),
    ),
    restrictions: (accountId, guarantorId) => {
      const mine = byAccount.get(accountId);
      const theirs = byPerson.get(guarantorId);
      if (!theirs) return mine ?? [];
      if (!mine) return theirs;
      const ids = new Set(mine.map((r) => r.id));
      return [...mine, ...theirs.filter((r) => !ids.has(r.id))].sort((a, b) => a.id - b.id);
    },
    promiseOpen: ids(
      scoped(`SELECT account_id AS id FROM promises WHERE status = 'open'`, 'account_id', scope),
    ),
    planInGoodStanding: ids(
      scoped(
        `SELECT account_id AS id FROM payment_plans WHERE status = 'active' AND delinquent = 0`,
        'account_id',
        scope,
      ),
    ),
    // a release is used up by the next statement the account gets
    released: listed(
      all<{ id: number; v: string }>(
        db,
        scoped(
          `SELECT r.account_id AS id, r.hold AS v FROM statement_hold_releases r
            WHERE r.released_at > coalesce((SELECT max(d.created_at) FROM documents d
              WHERE d.account_id = r.account_id AND d.kind = 'statement'), '')`,
          'r.account_id',
          scope,
        ),
        params,
      ),
    ),
  };
}
