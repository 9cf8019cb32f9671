import type pg from 'pg';
import {
  callingHoursProblem,
  MONEY_RULES,
  RULE_BOUNDS,
  RULE_LABELS,
  type BillingRules,
} from '../../../shared/api/rules';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { officeRuleRow, withinRuleBounds, type BillingRuleRow } from '../wire-rules';
import type { Change, ServerRow } from '../wire';
import { sqlState } from './connection';
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
  const parsed = officeRuleRow.safeParse({ ...row, value: Number(row.value) });
  return parsed.success ? { tbl: 'billing_rules', gid, version, row: parsed.data } : undefined;
}

/**
 * Applies a desk's change of a rule; returns the version the office now holds it at. That is
 * the desk's, but over a rule the office holds outside Settings' bounds (from before server
 * migration 25), which no desk takes (`readChanges` passes over it): a desk could never
 * start from its version, so a change within the bounds replaces it from whatever version
 * the desk had, one version on from the office's, and the desk takes its own change back
 * at that version (sync.ts).
 */
export async function applyRuleChange(
  client: pg.ClientBase,
  desktopId: string,
  c: RuleChange,
): Promise<number> {
  if (c.gid !== `rule:${c.row.key}` || c.version !== c.baseVersion + 1) {
    throw new Error(`Desktop ${desktopId} sent rule ${c.gid} as ${c.row.key}, to ${c.version}`);
  }
  const held = await client.query<{ key: keyof BillingRules; value: string; version: number }>(
    `SELECT key, value, version FROM billing_rules WHERE gid = $1 FOR UPDATE`,
    [c.gid],
  );
  const office = held.rows[0];
  const passedOver =
    office !== undefined && !withinRuleBounds({ key: office.key, value: Number(office.value) });
  const baseVersion = passedOver ? office.version : c.baseVersion;
  const version = baseVersion + 1;
  const values = [c.gid, c.row.key, c.row.value, c.row.updatedAt, c.row.updatedBy, version];
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
        [...values, desktopId, baseVersion],
      )
    ).rowCount;
    await client.query('RELEASE SAVEPOINT rule_change');
  } catch (error) {
    const why = whyRefused(error, c);
    if (why === undefined) throw error;
    await client.query('ROLLBACK TO SAVEPOINT rule_change');
    const now = await serverRule(client, c.gid);
    throw new RuleRefused(`${why}; ${afterRefusal(c, now)}.`, now ? [now] : []);
  }
  if (changed === 1) return version;
  const now = await serverRule(client, c.gid);
  throw new RuleRefused(
    `Someone changed this billing rule first at another desktop; ${afterRefusal(c, now)}.`,
    now ? [now] : [],
  );
}

/** Why the server's own rules refused a change (migrations 22 and 25); undefined: a failure. */
function whyRefused(error: unknown, c: RuleChange): string | undefined {
  if (isSupervisorRefusal(error)) {
    return 'Only a supervisor can change the office’s billing rules, and the office does not know the person who changed this one as an active supervisor';
  }
  if (!isCheckRefusal(error, 'billing_rule_bounds')) return undefined;
  const { key, value } = c.row;
  const [low, high] = RULE_BOUNDS[key];
  return `The office holds “${RULE_LABELS[key]}” from ${shown(key, low)} to ${shown(key, high)}, so it refused ${shown(key, value)}`;
}

const isCheckRefusal = (error: unknown, constraint: string) =>
  sqlState(error) === '23514' && (error as { constraint?: unknown }).constraint === constraint;

const shown = (key: keyof BillingRules, value: number) =>
  MONEY_RULES.has(key) && Number.isSafeInteger(value) ? formatCents(cents(value)) : String(value);

/** Taken by every writer of the calling hours: `judgeCallingHours` and server migration 25. */
export const CALLING_HOURS_LOCK = 'claimdesk calling hours';

/**
 * Calling hours an entry would leave starting at or after their end, with the hours the
 * office holds, refused before any rule of it is written (the server's own rule, migration
 * 25, judges them again as the entry commits). Where the office holds neither, only the
 * entry's are judged; the desk judged them against its own before sending them.
 */
export async function judgeCallingHours(
  client: pg.ClientBase,
  changes: readonly RuleChange[],
): Promise<void> {
  const hours = changes.filter(
    (c) => c.row.key === 'callingHoursStart' || c.row.key === 'callingHoursEnd',
  );
  if (hours.length === 0) return;
  // read after any other writer of the hours has committed (server migration 25)
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CALLING_HOURS_LOCK]);
  const { rows } = await client.query<{ key: string; value: string }>(
    `SELECT key, value FROM billing_rules WHERE key IN ('callingHoursStart', 'callingHoursEnd')`,
  );
  const hour = (key: string) =>
    hours.find((c) => c.row.key === key)?.row.value ??
    rows.filter((r) => r.key === key).map((r) => Number(r.value))[0];
  const start = hour('callingHoursStart');
  const end = hour('callingHoursEnd');
  const problem =
    start === undefined || end === undefined ? undefined : callingHoursProblem(start, end);
  if (!problem) return;
  const now: ServerRow[] = [];
  for (const c of changes) {
    const row = await serverRule(client, c.gid);
    if (row) now.push(row);
  }
  const [only] = changes;
  const after =
    changes.length === 1 && only
      ? afterRefusal(only, now[0])
      : 'this desktop went back to the rules as the office has them';
  throw new RuleRefused(`${problem.replace(/\.$/, '')}; ${after}.`, now);
}

/** What the refused desk holds then (settleRefusedRules, on the desk). */
function afterRefusal(c: RuleChange, now: ServerRow | undefined): string {
  if (now) return 'this desktop took the office’s rule';
  return c.baseVersion === 0
    ? 'the office has never set it, so this desktop went back to the rule as it comes'
    : 'the office has no record of it yet, so this desktop keeps its value here, listed';
}
