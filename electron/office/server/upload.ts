import type pg from 'pg';
import { inServerTransaction } from './connection';
import { OfficeRefused } from '../refused';

/** What an upload reports as it goes, for a screen to show. */
export interface OfficeProgress {
  stage: 'copying' | 'uploading' | 'checking' | 'downloading' | 'verifying';
  done: number;
  total: number;
}
export type OnProgress = (p: OfficeProgress) => void;

/** The tables whose rows the copy's upload sends, in the order they are inserted. */
export const BASE_TABLES = [
  'users',
  'billing_rules',
  'letterhead',
  'follow_ups',
  'receipts',
  'ledger_entries',
] as const;
export type BaseTable = (typeof BASE_TABLES)[number];

/** A batch of rows as a JSON array of objects named as the server's columns. */
export interface RowBatch {
  json: string;
  count: number;
}

/** The office's first copy, read from the file uploaded (never from the live database). */
export interface CopySource {
  rows(table: BaseTable): Iterable<RowBatch>;
  /** Every account's balance as the copy holds it: account_gid, account_id, account_number, balance. */
  balances(): Iterable<RowBatch>;
  /** The file itself, a part at a time. */
  parts(): Iterable<Buffer>;
  sha256: string;
  bytes: number;
  /** Rows and parts to send, and accounts to check, for progress. */
  total: number;
  accounts: number;
}

/**
 * Makes the office on the server from one desktop's copy, all in one transaction: the
 * office row, the copy's users (by sign-in name, so the server knows its supervisors from the
 * start), its billing rules (by key, so a refused change finds the office's), its letterhead
 * (the office's from then on), follow-ups, receipts and ledger rows as base rows, the file a new
 * desktop downloads, and then the ledger check. Every account's sum of the ledger rows now
 * on the server must equal the balance the copy holds for it; any difference rolls it all
 * back, so an office never starts from a copy whose money does not add up. Returns the
 * change log position a desktop starting from this copy pulls from.
 */
export async function uploadOffice(
  pool: pg.Pool,
  desktopId: string,
  source: CopySource,
  progress: OnProgress = () => undefined,
): Promise<string> {
  return inServerTransaction(pool, async (client) => {
    const taken = await client.query<{ cursor: string }>(
      `INSERT INTO office (id, base_cursor, uploaded_by) VALUES (1, pg_current_xact_id(), $1)
         ON CONFLICT DO NOTHING RETURNING base_cursor::text AS cursor`,
      [desktopId],
    );
    const row = taken.rows[0];
    if (!row) throw new OfficeRefused('This office already has its database; join it instead.');
    const uploading = { done: 0 };
    const step = (n: number) => {
      uploading.done += n;
      progress({ stage: 'uploading', done: uploading.done, total: source.total });
    };
    step(0);
    for (const table of BASE_TABLES) {
      for (const batch of source.rows(table)) {
        // the table is named from the constant list above, never from input
        await client.query(
          `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`,
          [batch.json],
        );
        step(batch.count);
      }
    }
    let part = 0;
    for (const bytes of source.parts()) {
      await client.query(`INSERT INTO office_copy (part, bytes) VALUES ($1, $2)`, [part, bytes]);
      part += 1;
      step(1);
    }
    await client.query(`UPDATE office SET copy_sha256 = $1, copy_bytes = $2 WHERE id = 1`, [
      source.sha256,
      source.bytes,
    ]);
    progress({ stage: 'checking', done: 0, total: source.accounts });
    await checkLedger(client, source);
    progress({ stage: 'checking', done: source.accounts, total: source.accounts });
    return row.cursor;
  });
}

/**
 * The ledger check: the copy's balances go to a temporary table, which is compared with
 * the sums of the ledger rows the server now holds. An account missing on either side
 * counts as a balance of zero there.
 */
async function checkLedger(client: pg.ClientBase, source: CopySource): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE copy_balances (account_gid text PRIMARY KEY, account_id bigint NOT NULL,
       account_number text NOT NULL, balance bigint NOT NULL) ON COMMIT DROP`,
  );
  for (const batch of source.balances()) {
    await client.query(
      `INSERT INTO copy_balances SELECT * FROM json_populate_recordset(NULL::copy_balances, $1)`,
      [batch.json],
    );
  }
  const { rows } = await client.query<{ n: number; number: string }>(
    `WITH sums AS (SELECT account_gid, sum(amount) AS amount FROM ledger_entries
                     GROUP BY account_gid)
     SELECT (count(*) OVER ())::int AS n, coalesce(b.account_number, s.account_gid) AS number
       FROM copy_balances b FULL JOIN sums s USING (account_gid)
       WHERE coalesce(b.balance, 0) <> coalesce(s.amount, 0)
       ORDER BY b.account_id NULLS LAST, s.account_gid LIMIT 1`,
  );
  const first = rows[0];
  if (first) throw new LedgerDisagrees(first.n, first.number);
}

/** The copy's balances do not add up to its ledger; nothing was uploaded. */
export class LedgerDisagrees extends OfficeRefused {
  constructor(
    readonly accounts: number,
    readonly firstAccount: string,
  ) {
    const what =
      accounts === 1
        ? `1 account's balance differs from the sum of its ledger`
        : `${accounts} accounts' balances differ from the sums of their ledgers`;
    super(
      `The database was not uploaded: ${what} (the first is account ${firstAccount}). This ` +
        'desktop stays on its own; nothing was changed on the server.',
    );
    this.name = 'LedgerDisagrees';
  }
}
