import type pg from 'pg';
import type { Change } from '../wire';
import { dunningStageRow, STAGE_ORDER, type DunningStageRow } from '../wire-stages';
import { sqlState } from './connection';

type StageChange = Extract<Change, { tbl: 'dunning_stages' }>;

/**
 * A stage row's place in STAGE_ORDER as an SQL row value: a nullable column as whether it is
 * set and then its value, so none comes first and two unset compare equal; texts compared
 * by code point, as each desk compares them.
 */
export function stageOrderSql(row: string): string {
  return `ROW(${STAGE_ORDER.map(([, column, none]) => {
    const text = ['statements_sent', 'stage', 'last_amount_due'].includes(column)
      ? ''
      : ' COLLATE "C"';
    return none === undefined
      ? `${row}.${column}${text}`
      : `${row}.${column} IS NOT NULL, COALESCE(${row}.${column}, ${none})${text}`;
  }).join(', ')})`;
}

/** The office's stage of an account after a desk's came: the desk's, or the later one it had. */
export interface OfficeStage {
  kept: boolean;
  version: number;
  row: DunningStageRow;
}

/**
 * Keeps the desk's stage of an account when it is later than the office's (or the office has
 * none), one version on. An earlier one is not an error: the office's stands, and is answered
 * back to that desk through the change log (its desk takes its own desk's stage rows from
 * the log, sync.ts), which takes it as the later. One the server will not hold (dated more
 * than two days past the server's clock, migration 26) is answered the same way, or, with no
 * office row to answer, left on its desk.
 */
export async function applyStageChange(
  client: pg.ClientBase,
  desktopId: string,
  c: StageChange,
): Promise<OfficeStage | null> {
  if (c.gid !== `stage:${c.row.accountGid}`) {
    throw new Error(`Desktop ${desktopId} sent the stage ${c.gid} of ${c.row.accountGid}`);
  }
  const s = c.row;
  await client.query('SAVEPOINT stage');
  try {
    const { rows } = await client.query<{ version: number }>(
      `INSERT INTO dunning_stages AS d (gid, account_gid, guarantor_gid, stage,
           first_statement_date, statements_sent, last_statement_date, last_amount_due, source,
           updated_at, version, desktop_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)
         ON CONFLICT (gid) DO UPDATE SET guarantor_gid = excluded.guarantor_gid,
           stage = excluded.stage, first_statement_date = excluded.first_statement_date,
           statements_sent = excluded.statements_sent,
           last_statement_date = excluded.last_statement_date,
           last_amount_due = excluded.last_amount_due, source = excluded.source,
           updated_at = excluded.updated_at, version = d.version + 1,
           desktop_id = excluded.desktop_id
         WHERE ${stageOrderSql('excluded')} > ${stageOrderSql('d')}
         RETURNING version`,
      [
        c.gid,
        s.accountGid,
        s.guarantorGid,
        s.stage,
        s.firstStatementDate,
        s.statementsSent,
        s.lastStatementDate,
        s.lastAmountDue,
        s.source,
        s.updatedAt,
        desktopId,
      ],
    );
    await client.query('RELEASE SAVEPOINT stage');
    const kept = rows[0];
    if (kept) return { kept: true, version: kept.version, row: s };
  } catch (error) {
    if (sqlState(error) !== '23514') throw error;
    await client.query('ROLLBACK TO SAVEPOINT stage');
  }
  return officeStage(client, c.gid);
}

async function officeStage(client: pg.ClientBase, gid: string): Promise<OfficeStage | null> {
  const { rows } = await client.query<DunningStageRow & { version: number }>(
    `SELECT account_gid AS "accountGid", guarantor_gid AS "guarantorGid", stage,
         first_statement_date AS "firstStatementDate", statements_sent AS "statementsSent",
         last_statement_date AS "lastStatementDate",
         last_amount_due::float8 AS "lastAmountDue", source, updated_at AS "updatedAt", version
       FROM dunning_stages WHERE gid = $1`,
    [gid],
  );
  const r = rows[0];
  if (!r) return null;
  const { version, ...row } = r;
  return { kept: false, version, row: dunningStageRow.parse(row) };
}
