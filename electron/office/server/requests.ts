import type pg from 'pg';
import { REQUEST_NOUN } from '../../approvals/nouns';
import { formatCents } from '../../../shared/money/format';
import { cents } from '../../../shared/money/cents';
import type { Change, ServerRow } from '../wire';
import type { AdjustmentRequestRow } from '../wire-requests';
import { changeRecord, RecordChangeRefused, serverRecord } from './record-changes';
import { notEndedBySupervisor, notMadeBySupervisor } from './supervisor-decisions';

/*
 * A supervisor's decision of a request waiting for approval (server migration 35) travels in
 * the entry of what the approval posted, after it. It is applied before the entry's other
 * changes, and logged in its place: of two supervisors deciding one request at two desks, the
 * second is refused as "already decided", whatever its posting would have met (a reversal's
 * place already taken by the first's own reversal), and takes its posting down with it.
 */

type Decision = Extract<Change, { tbl: 'adjustment_requests' }>;

const isDecision = (c: Change): c is Decision =>
  c.tbl === 'adjustment_requests' && c.op === 'update';

/**
 * Applies the entry's decisions first, each from the version its desk started from; returns
 * those applied, for applyEntry to log in their place and not apply again.
 */
export async function decideFirst(
  client: pg.ClientBase,
  desktopId: string,
  changes: readonly Change[],
): Promise<ReadonlySet<Change>> {
  const decided = new Set<Change>();
  for (const c of changes.filter(isDecision)) {
    try {
      await changeRecord(client, desktopId, c);
    } catch (error) {
      if (!(error instanceof RecordChangeRefused)) throw error;
      const office = error.serverRows.find((r) => r.tbl === c.tbl && r.gid === c.gid);
      // a move to bad debt is the approval of its request: refused, it is said as the move
      const judged = error.reason === notEndedBySupervisor(c.tbl, office !== undefined);
      if (judged && changes.some((x) => x.tbl === 'bad_debt_moves' && x.op === 'insert')) {
        throw new RecordChangeRefused(notMadeBySupervisor('bad_debt_moves'), error.serverRows);
      }
      if (office?.tbl !== 'adjustment_requests' || office.row.status === 'pending') throw error;
      throw new RecordChangeRefused(
        await decidedAlready(client, c, office.row, changes),
        error.serverRows,
      );
    }
    decided.add(c);
  }
  return decided;
}

/** Why a decision was refused: the office's decision, by whom, and what became of this one. */
async function decidedAlready(
  client: pg.ClientBase,
  c: Decision,
  office: AdjustmentRequestRow,
  changes: readonly Change[],
): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT display_name AS name FROM users WHERE gid = $1`,
    [office.decidedBy],
  );
  const by = rows[0]?.name ?? office.decidedBy?.replace(/^user:/, '') ?? 'another supervisor';
  const what = `${REQUEST_NOUN[c.row.kind].toLowerCase()} of ${formatCents(cents(c.row.amount))}`;
  const decision =
    office.status === 'approved'
      ? `approved by ${by}`
      : `refused by ${by}${office.decisionNote ? ` (${office.decisionNote})` : ''}`;
  const posting = changes.some((x) => x.tbl === 'receipts' || x.tbl === 'ledger_entries');
  // an older version's approval, sent at the upgrade: its posting went to the office then
  const postedBefore =
    office.status === 'approved'
      ? 'what it posted reached the office then and stands, so check the account’s ledger and reverse what was posted twice'
      : `the ${formatCents(cents(c.row.amount))} it posted reached the office then and stands although the office refused the request: reverse it if the refusal holds`;
  const after =
    c.row.status !== 'approved'
      ? 'this desktop’s refusal of it is listed here'
      : posting
        ? 'this desktop’s approval and what it posted were withdrawn here and are listed'
        : `this desktop’s approval, made before it was updated, is listed; ${postedBefore}`;
  return `This ${what} was already ${decision} at another desktop; ${after}. The office’s decision comes with the next sync.`;
}

/**
 * The office's record of each request a refused entry decided, beside the refusal's rows: a
 * decision refused with its posting (the entry it reverses reversed first at another desk)
 * leaves its desk holding the request as the office does, waiting still, not approved with
 * nothing posted.
 */
export async function withOfficeRequests(
  pool: pg.Pool,
  changes: readonly Change[],
  rows: readonly ServerRow[],
): Promise<ServerRow[]> {
  const out = [...rows];
  for (const c of changes.filter(isDecision)) {
    if (out.some((r) => r.tbl === c.tbl && r.gid === c.gid)) continue;
    const office = await serverRecord(pool, c.tbl, c.gid);
    if (office) out.push(office);
  }
  return out;
}
