import type pg from 'pg';
import { billingRuleRow, type BillingRuleRow } from '../wire-rules';
import type { Change, ServerRow } from '../wire';
import { isSupervisorRefusal } from './supervisor-decisions';

/**
 * The office's billing rules (server migration 22), one row a rule named `rule:<key>`. A
 * change moves a rule one version on from where the desk started (0: a rule this desk never
 * held; 1: the first copy's, which the server has only from its first change); the server
 * judges that a supervisor set it.
 */
export class RuleRefused extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[],
  ) {
    super(reason);
  }
}

type RuleChange = Extract<Change, { tbl: 'billing_rules' }>;

export async function serverRule(
  client: pg.ClientBase,
  gid: string,
): Promise<Extract<ServerRow, { tbl: 'billing_rules' }> | undefined> {
  const { rows } = await client.query<BillingRuleRow & { value: string; version: number }>(
    `SELECT key, value, updated_at AS "updatedAt", updated_by AS "updatedBy", version
       FROM billing_rules WHERE gid = $1`,
    [gid],
  );
  const r = rows[0];
  if (!r) return undefined;
  const { version, ...row } = r;
  // a first-copy rule an older version allowed outside today's bounds is not one a desk
  // takes: answered as none, so a refusal never fails (and holds the desk's outbox) on it
  const parsed = billingRuleRow.safeParse({ ...row, value: Number(row.value) });
  return parsed.success ? { tbl: 'billing_rules', gid, version, row: parsed.data } : undefined;
}

export async function applyRuleChange(
  client: pg.ClientBase,
  desktopId: string,
  c: RuleChange,
): Promise<void> {
  if (c.gid !== `rule:${c.row.key}` || c.version !== c.baseVersion + 1) {
    throw new Error(`Desktop ${desktopId} sent rule ${c.gid} as ${c.row.key}, to ${c.version}`);
  }
  const values = [c.gid, c.row.key, c.row.value, c.row.updatedAt, c.row.updatedBy, c.version];
  await client.query('SAVEPOINT rule_change');
  let changed: number | null;
  try {
    changed = (
      await client.query(
        `INSERT INTO billing_rules (gid, key, value, updated_at, updated_by, version, desktop_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (gid) DO UPDATE SET value = excluded.value,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by,
             version = excluded.version
           WHERE billing_rules.version = $8`,
        [...values, desktopId, c.baseVersion],
      )
    ).rowCount;
    await client.query('RELEASE SAVEPOINT rule_change');
  } catch (error) {
    if (!isSupervisorRefusal(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT rule_change');
    const now = await serverRule(client, c.gid);
    throw new RuleRefused(
      `Only a supervisor can change the office’s billing rules, and the office does not know the person who changed this one as an active supervisor; ${afterRefusal(c, now)}.`,
      now ? [now] : [],
    );
  }
  if (changed === 1) return;
  const now = await serverRule(client, c.gid);
  throw new RuleRefused(
    `Someone changed this billing rule first at another desktop; ${afterRefusal(c, now)}.`,
    now ? [now] : [],
  );
}

/** What the refused desk holds then (settleRefusedRules, on the desk). */
function afterRefusal(c: RuleChange, now: ServerRow | undefined): string {
  if (now) return 'this desktop took the office’s rule';
  return c.baseVersion === 0
    ? 'the office has never set it, so this desktop went back to the rule as it comes'
    : 'the office has no record of it yet, so this desktop keeps its value here, listed';
}
