import type pg from 'pg';
import type { Change } from '../wire';
import { STAGE_ORDER } from '../wire-stages';

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

/**
 * Keeps the desk's stage of an account when it is later than the office's (or the office has
 * none), one version on. An earlier one is not an error: the desk takes the office's with its
 * next pull, as the office's is later. Returns the version kept, or null when the office's
 * stood.
 */
export async function applyStageChange(
  client: pg.ClientBase,
  desktopId: string,
  c: StageChange,
): Promise<number | null> {
  if (c.gid !== `stage:${c.row.accountGid}`) {
    throw new Error(`Desktop ${desktopId} sent the stage ${c.gid} of ${c.row.accountGid}`);
  }
  const s = c.row;
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
  return rows[0]?.version ?? null;
}
