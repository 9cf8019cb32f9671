import type { Db, ReadDb } from '../db/open';
import { one, run } from '../db/query';
import { gidOf, localIdOf } from './gids';
import type { Change, ServerRow } from './wire';
import { INSTANT, laterStage, type DunningStageRow } from './wire-stages';

/*
 * An account's place in its guarantor's statement cycle travels (server migration 26), so a
 * statement printed at one desk moves the cycle on at every other: the next statement
 * anywhere goes out at the next stage, not the first again, a cycle later, and says what
 * the last one asked for. A row has no id of its own: it is named by its account,
 * `stage:<account's gid>`. Of two rows of one account the later in STAGE_ORDER is kept,
 * here and on the server alike, so a stage never clashes and nothing is refused over it.
 */
const STAGE = 'stage:';

type StageRow = Extract<ServerRow, { tbl: 'dunning_stages' }>;
type StageChange = Extract<Change, { tbl: 'dunning_stages' }>;

/** The account's stage as this copy holds it, named office-wide; none when it has no row. */
export function readStage(db: ReadDb, accountId: number): DunningStageRow | undefined {
  const r = one<Omit<DunningStageRow, 'accountGid' | 'guarantorGid'> & { guarantorId: number }>(
    db,
    `SELECT guarantor_id AS guarantorId, stage, first_statement_date AS firstStatementDate,
         statements_sent AS statementsSent, last_statement_date AS lastStatementDate,
         last_amount_due AS lastAmountDue, source, updated_at AS updatedAt
       FROM dunning_stages WHERE account_id = ?`,
    accountId,
  );
  if (!r) return undefined;
  const { guarantorId, updatedAt, ...rest } = r;
  return {
    accountGid: gidOf(db, 'accounts', accountId),
    guarantorGid: gidOf(db, 'people', guarantorId),
    ...rest,
    // every writer stamps it with the clock; one written otherwise (by hand) goes as an instant
    updatedAt: INSTANT.test(updatedAt)
      ? updatedAt
      : new Date(Date.parse(updatedAt) || 0).toISOString(),
  };
}

/**
 * A stage a request wrote (a statement printed, a spreadsheet's history), as it travels: in
 * the request's entry, since the server never refuses it. Versions do not order stage rows
 * (STAGE_ORDER does), so each change is sent as a row's first.
 */
export function stageChange(db: ReadDb, accountId: number, op: 'insert' | 'update'): StageChange {
  const row = readStage(db, accountId);
  if (!row) throw new Error(`No statement stage for account ${accountId}`);
  return {
    tbl: 'dunning_stages',
    op,
    gid: `${STAGE}${row.accountGid}`,
    baseVersion: 0,
    version: 1,
    row,
  };
}

/**
 * Takes the office's stage of an account when it is later than this copy's (with the capture
 * off, as every pulled row). Its account or guarantor not here yet, it waits in sync_held.
 */
export function takeStage(db: Db, r: StageRow): 'taken' | 'kept' | 'collides' {
  const accountId = localIdOf(db, 'accounts', r.row.accountGid);
  const guarantorId = localIdOf(db, 'people', r.row.guarantorGid);
  if (accountId === undefined || guarantorId === undefined) return 'collides';
  const here = readStage(db, accountId);
  if (here && !laterStage(r.row, here)) return 'kept';
  const s = r.row;
  run(
    db,
    `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
         statements_sent, last_statement_date, last_amount_due, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET guarantor_id = excluded.guarantor_id,
         stage = excluded.stage, first_statement_date = excluded.first_statement_date,
         statements_sent = excluded.statements_sent,
         last_statement_date = excluded.last_statement_date,
         last_amount_due = excluded.last_amount_due, source = excluded.source,
         updated_at = excluded.updated_at`,
    accountId,
    guarantorId,
    s.stage,
    s.firstStatementDate,
    s.statementsSent,
    s.lastStatementDate,
    s.lastAmountDue,
    s.source,
    s.updatedAt,
  );
  return 'taken';
}
