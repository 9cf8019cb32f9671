import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { DEFAULT_BILLING_RULES } from '../rules/billing-rules';
import { takeUser, userGidOf } from './users';
import type { Change } from './wire';
import type { BillingRuleRow } from './wire-rules';

/**
 * The office's billing rules travel by name (server migration 22): `rule:<key>` on every
 * copy, as a user is named by sign-in name, so two desks setting a rule the first copy never
 * held name it alike and the second is refused by version. Only the rules of Settings travel;
 * the same table keeps each desk's own backup schedule, which stays on its desk.
 */
const RULE = 'rule:';

export const OFFICE_RULE_KEYS: readonly string[] = Object.keys(DEFAULT_BILLING_RULES);

/** SQL: whether `column` holds the key of a rule of the office's (the keys are constants). */
export const officeRuleIn = (column: string) =>
  `${column} IN (${OFFICE_RULE_KEYS.map((k) => `'${k}'`).join(', ')})`;

export const isRuleGid = (gid: string) => gid.startsWith(RULE);

export function ruleGidOf(db: ReadDb, rowid: number): string | undefined {
  const row = one<{ key: string }>(db, `SELECT key FROM billing_rules WHERE rowid = ?`, rowid);
  return row && OFFICE_RULE_KEYS.includes(row.key) ? `${RULE}${row.key}` : undefined;
}

export function ruleRowidOf(db: ReadDb, gid: string): number | undefined {
  return one<{ id: number }>(
    db,
    `SELECT rowid AS id FROM billing_rules WHERE key = ?`,
    gid.slice(RULE.length),
  )?.id;
}

/** A rule as this copy holds it, with who set it by office-wide name. */
export function readRule(db: ReadDb, rowid: number): BillingRuleRow {
  const r = one<{ key: BillingRuleRow['key']; value: string; updatedAt: string; by: number }>(
    db,
    `SELECT key, value, updated_at AS updatedAt, updated_by AS by FROM billing_rules
      WHERE rowid = ?`,
    rowid,
  );
  if (!r) throw new Error(`No billing rule at row ${rowid}`);
  const by = userGidOf(db, r.by);
  if (!by) throw new Error(`The billing rule ${r.key} names no user`);
  return { key: r.key, value: Number(JSON.parse(r.value)), updatedAt: r.updatedAt, updatedBy: by };
}

/**
 * Writes a rule as the office has it (with the capture off, so it is not sent back); the
 * supervisor who set it is added here when this copy has never seen them.
 */
export function writeRule(db: Db, r: BillingRuleRow): number {
  const by = takeUser(db, r.updatedBy, r.updatedAt);
  run(
    db,
    `INSERT INTO billing_rules (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    r.key,
    JSON.stringify(r.value),
    r.updatedAt,
    by,
  );
  const rowid = ruleRowidOf(db, `${RULE}${r.key}`);
  if (rowid === undefined) throw new Error(`The billing rule ${r.key} was not written`);
  return rowid;
}

/**
 * A refused change of a rule the office has no row of (the server answered none): a rule
 * this desk set first goes back to none set, the default, as the office has it; a rule of
 * the first copy of an office made before rules travelled keeps this desk's value, listed,
 * its next change starting from the version the office has.
 */
export function settleRefusedRules(
  db: Db,
  changes: readonly Change[],
  taken: ReadonlySet<string>,
): void {
  for (const c of changes) {
    if (c.tbl !== 'billing_rules' || taken.has(c.gid)) continue;
    const rowid = ruleRowidOf(db, c.gid);
    if (rowid === undefined) continue;
    if (c.baseVersion === 0) {
      run(db, `DELETE FROM billing_rules WHERE rowid = ?`, rowid);
      run(db, `DELETE FROM sync_rows WHERE tbl = 'billing_rules' AND local_id = ?`, rowid);
    } else {
      run(
        db,
        `UPDATE sync_rows SET version = ? WHERE tbl = 'billing_rules' AND local_id = ?`,
        c.baseVersion,
        rowid,
      );
    }
  }
}
