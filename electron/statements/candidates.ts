import type { ParsedInputOf } from '../../shared/api/contract';
import type { StatementCandidate, StatementCandidates } from '../../shared/api/statements';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { sumCents } from '../../shared/money/cents';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { STAGES } from './dunning';
import { accountStates, guarantorCycles, type AccountState, type GuarantorCycle } from './holds';

/** An account that owes (or is owed) something; the words of migration 45's partial indexes. */
const OWING = (a: string) => `${a}.patient_balance <> 0 AND ${a}.status IN ('open', 'agency')`;

/** Not one of the guarantor's accounts had a statement lately. */
const NOT_STATED = (guarantor: string) => `NOT EXISTS (SELECT 1 FROM accounts x
    JOIN documents d ON d.account_id = x.id
    WHERE x.guarantor_id = ${guarantor} AND d.kind = 'statement' AND d.document_date > @since)`;

/**
 * Guarantors with an account that owes (or is owed) something, none of whose accounts had
 * a statement lately. The aging filter reads the guarantor's oldest open amount. Counted
 * by guarantor from the owing accounts' index in guarantor order. Both name their index:
 * the sampled statistics PRAGMA optimize keeps make the index by status look as narrow.
 */
const COUNT_SQL = `SELECT count(*) AS total FROM (
    SELECT a.guarantor_id AS id, min(a.oldest_open_date) AS oldest
    FROM accounts a INDEXED BY accounts_owing
    WHERE ${OWING('a')}
    GROUP BY a.guarantor_id
    HAVING max(a.patient_balance) >= @min OR min(a.patient_balance) < 0) o
  WHERE (@newest IS NULL OR o.oldest <= @newest) AND (@oldest IS NULL OR o.oldest >= @oldest)
    AND ${NOT_STATED('o.id')}`;

/**
 * The same guarantors in the order of their first owing account's number, read from the
 * owing accounts in number order: each account stands for its guarantor when it is the
 * guarantor's first, so the page stops at its limit instead of grouping every guarantor.
 */
const PAGE_SQL = `SELECT a.guarantor_id AS id, a.account_number AS position
  FROM accounts a INDEXED BY accounts_owing_number
  WHERE ${OWING('a')} AND (@after IS NULL OR a.account_number > @after)
    AND (SELECT min(g.account_number) = a.account_number
          AND (max(g.patient_balance) >= @min OR min(g.patient_balance) < 0)
          AND (@newest IS NULL OR min(g.oldest_open_date) <= @newest)
          AND (@oldest IS NULL OR min(g.oldest_open_date) >= @oldest)
        FROM accounts g WHERE g.guarantor_id = a.guarantor_id AND ${OWING('g')})
    AND ${NOT_STATED('a.guarantor_id')}
  ORDER BY a.account_number LIMIT +@limit`;

type Filters = ParsedInputOf<'countStatementCandidates'>;
type Page = Pick<ParsedInputOf<'listStatementCandidates'>, 'limit' | 'after'>;

/** The count and a page's guarantors, exported so the benchmark runs the same SQL. */
export function buildCandidatesQuery(
  input: Filters & Partial<Page>,
  today: IsoDate,
): { countSql: string; pageSql: string; params: Record<string, string | number | null> } {
  const bucket = AGING_BUCKETS.find((b) => b.key === input.agingBucket);
  return {
    countSql: COUNT_SQL,
    pageSql: PAGE_SQL,
    params: {
      min: input.minPatientBalance,
      newest: bucket ? addDays(today, -bucket.minDays) : null,
      oldest: bucket && bucket.maxDays !== null ? addDays(today, -bucket.maxDays) : null,
      since: addDays(today, -input.notStatedWithinDays),
      limit: input.limit ?? null,
      after: input.after ?? null,
    },
  };
}

/** A guarantor's accounts as one row of the run's list. */
export function candidateOf(
  cycle: GuarantorCycle,
  states: readonly AccountState[],
): StatementCandidate {
  const listed = [...cycle.dunning, ...cycle.plan];
  const mine = states.filter((s) => s.guarantorId === cycle.guarantorId);
  // a row with everything held shows what is held back
  const shown = listed.length > 0 ? listed : mine;
  const oldest = shown.flatMap((a) => (a.oldestOpenDate ? [a.oldestOpenDate] : [])).sort()[0];
  const last = mine.flatMap((a) => (a.lastStatementDate ? [a.lastStatementDate] : [])).sort();
  return {
    guarantorId: cycle.guarantorId,
    guarantorName: cycle.guarantorName,
    accountIds: listed.map((a) => a.accountId),
    accountNumber: listed[0]?.accountNumber ?? cycle.held[0]?.accountNumber ?? '',
    patientBalance: sumCents(shown.map((a) => a.patientBalance)),
    oldestOpenDate: oldest ?? null,
    lastStatementDate: last[last.length - 1] ?? null,
    stage: cycle.dunning.length > 0 ? (STAGES[cycle.stage] ?? null) : null,
    plan: cycle.plan.length > 0,
    held: cycle.held,
    allHeld: listed.length === 0,
  };
}

export function cyclesOf(
  db: ReadDb,
  today: IsoDate,
  guarantorIds: readonly number[],
): { cycles: GuarantorCycle[]; states: AccountState[] } {
  const rules = billingRules(db);
  const states = accountStates(db, today, rules, { guarantorIds });
  return { cycles: guarantorCycles(states, rules), states };
}

/** How many guarantors the filters find, for the screen to show beside the pages. */
export function countStatementCandidates(ctx: ReadCtx, input: Filters): { total: number } {
  const q = buildCandidatesQuery(input, ctx.clock.today());
  return oneOrThrow<{ total: number }>(ctx.db, q.countSql, q.params);
}

/**
 * A page of guarantors due a statement, with the stage each would have and every account
 * held back with its reason. Held rows are listed so the run shows why; they are never
 * selected by default, and a run prints nothing of them.
 */
export function listStatementCandidates(
  ctx: ReadCtx,
  input: ParsedInputOf<'listStatementCandidates'>,
): StatementCandidates {
  const today = ctx.clock.today();
  const q = buildCandidatesQuery(input, today);
  const found = all<{ id: number; position: string }>(ctx.db, q.pageSql, q.params);
  const ids = found.map((r) => r.id);
  const { cycles, states } = cyclesOf(ctx.db, today, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  const accounts = cycles
    .sort((a, b) => (order.get(a.guarantorId) ?? 0) - (order.get(b.guarantorId) ?? 0))
    .map((c) => candidateOf(c, states));
  const byStage: StatementCandidates['byStage'] = {};
  const byHold: StatementCandidates['byHold'] = {};
  for (const c of accounts) {
    if (c.stage) byStage[c.stage] = (byStage[c.stage] ?? 0) + 1;
    if (c.plan) byStage.plan = (byStage.plan ?? 0) + 1;
    for (const h of c.held) byHold[h.hold] = (byHold[h.hold] ?? 0) + 1;
  }
  const last = found.length === input.limit ? found[found.length - 1] : undefined;
  return { accounts, next: last?.position ?? null, byStage, byHold };
}
