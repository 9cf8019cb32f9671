import type Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../core/context';
import { isEncryptedFile, openKeyed, type DatabaseKey } from '../db/cipher';
import { oneOrThrow, prepare } from '../db/query';
import type { BaseTable, CopySource, RowBatch } from './server/upload';
import { unlinkOffice } from './link';
import { LETTERHEAD_COLUMNS } from './letterhead';
import { officeRuleIn } from './rules';

/**
 * The office's first copy as a file: taken from the live database at the exact moment it
 * is linked, stripped of what belongs to this desktop only, made plain, and read for the
 * upload. The rows sent are read from this file, so the server's rows, the file a new
 * desktop downloads and the balances checked are one and the same state.
 */

/** Rows per statement: thousands, so two million ledger rows are a few hundred statements. */
const BATCH_ROWS = 5_000;

/** Bytes per stored part of the file. */
export const PART_BYTES = 1024 * 1024;

/** The office's billing rules of the copy (rules.ts), each with its rowid as its id. */
const OFFICE_RULES = `(SELECT rowid AS id, * FROM billing_rules WHERE ${officeRuleIn('key')})`;

/**
 * Copies the database into `target` from a connection of its own, called inside the
 * write transaction that links this desktop (the caller's). VACUUM INTO cannot run inside
 * a transaction on the connection that holds it; the second connection reads the last
 * committed state, and since the caller holds the write lock, nothing can commit between
 * that state and the link: every write before is in the copy, every write after is
 * captured for the outbox, none in both and none in neither. Writers wait for the copy.
 */
export function copyWhileLinking(ctx: Ctx, target: string): void {
  if (!ctx.db.inTransaction) throw new Error('The copy is taken inside the linking transaction.');
  fs.rmSync(target, { force: true });
  const reader = openKeyed(ctx.databasePath, ctx.databaseKey ?? null, {
    readonly: true,
    fileMustExist: true,
  });
  try {
    prepare(reader, `VACUUM INTO ?`).run(target);
  } finally {
    reader.close();
  }
}

export interface CopyFacts {
  sha256: string;
  bytes: number;
  accounts: number;
  followUps: number;
  users: number;
  rules: number;
  letterhead: number;
  receipts: number;
  ledgerRows: number;
}

/**
 * Makes the copy what every desktop may start from: plain SQLite (VACUUM INTO keeps an
 * encrypted database's key, and a joining desktop has its own key or none; the file
 * travels only over the verified TLS connection), in rollback-journal mode so it is one
 * file, with no desktop-only rows and no capture triggers. Returns its hash, size and counts.
 */
export function prepareCopy(file: string, key: DatabaseKey | null): CopyFacts {
  const encrypted = isEncryptedFile(file);
  const db = openKeyed(file, key, { fileMustExist: true });
  try {
    // the cipher's rekey is refused in WAL mode
    db.pragma('journal_mode = DELETE');
    if (encrypted) db.pragma(`rekey = ''`);
    // standalone, as every copy that joins starts: linking it creates its capture triggers
    db.transaction(() => unlinkOffice(db))();
    const count = (table: string) =>
      oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).n;
    const counts = {
      accounts: count('accounts'),
      followUps: count('follow_ups'),
      users: count('users'),
      rules: count(OFFICE_RULES),
      letterhead: count('facility'),
      receipts: count('receipts'),
      ledgerRows: count('ledger_entries'),
    };
    db.close();
    return { ...fileHash(file), ...counts };
  } finally {
    if (db.open) db.close();
  }
}

function fileHash(file: string): { sha256: string; bytes: number } {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for (const part of fileParts(file)) {
    hash.update(part);
    bytes += part.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The file a part at a time. */
export function* fileParts(file: string): Generator<Buffer> {
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(PART_BYTES);
      const read = fs.readSync(fd, buffer, 0, PART_BYTES, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A local id as the office names a row of the copy: `base:<id>`; NULL stays NULL. */
const base = (column: string) => `'base:' || ${column}`;

/** A person as the office names them, by sign-in name (users.ts); NULL stays NULL. */
const user = (column: string) =>
  `(SELECT 'user:' || lower(username) FROM users WHERE id = ${column})`;

/** Each table's rows as the server's columns, built by SQLite as JSON. */
const SERVER_SHAPE: Record<BaseTable, string> = {
  // who made each user what they are: the last line of their history (users.ts, readUser)
  users: `json_object('gid', 'user:' || lower(username), 'username', username,
    'display_name', display_name, 'role', role, 'active', active, 'pending', pending,
    'title', title, 'email', email, 'phone', phone, 'created_at', created_at,
    'changed_at', coalesce((SELECT changed_at FROM user_changes c WHERE c.user_id = t.id
      ORDER BY c.id DESC LIMIT 1), created_at),
    'changed_by', 'user:' || lower(coalesce((SELECT b.username FROM user_changes c
      JOIN users b ON b.id = c.changed_by WHERE c.user_id = t.id ORDER BY c.id DESC LIMIT 1),
      username)), 'version', 1)`,
  // the office's rules of Settings; the desk's own backup schedule stays on it
  billing_rules: `json_object('gid', 'rule:' || key, 'key', key, 'value', CAST(value AS INTEGER),
    'updated_at', updated_at, 'updated_by', ${user('updated_by')}, 'version', 1,
    'desktop_id', $desktop)`,
  // the letterhead, the office's from now on (letterhead.ts), at version 1 as every copy has it
  letterhead: `json_object('gid', 'letterhead', ${LETTERHEAD_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')},
    'updated_at', updated_at, 'updated_by', ${user('updated_by')}, 'version', 1,
    'desktop_id', $desktop)`,
  follow_ups: `json_object('gid', ${base('id')}, 'account_gid', ${base('account_id')},
    'claim_gid', ${base('claim_id')}, 'kind', kind, 'status', status, 'due_date', due_date,
    'deadline_date', deadline_date, 'owner_gid', ${user('owner_id')}, 'reason', reason,
    'created_at', created_at, 'created_by', ${user('created_by')}, 'completed_at', completed_at,
    'completed_by', ${user('completed_by')}, 'version', 1)`,
  receipts: `json_object('gid', ${base('id')}, 'account_gid', ${base('account_id')}, 'kind', kind,
    'payer_gid', ${base('payer_id')}, 'method', method, 'check_number', check_number,
    'reference', reference, 'amount', amount, 'received_date', received_date, 'memo', memo,
    'reverses_gid', ${base('reverses_id')}, 'created_at', created_at,
    'created_by', ${user('created_by')}, 'desktop_id', $desktop,
    'batch_gid', ${base('batch_id')})`,
  ledger_entries: `json_object('gid', ${base('id')}, 'account_gid', ${base('account_id')},
    'claim_gid', ${base('claim_id')}, 'claim_line_gid', ${base('claim_line_id')}, 'kind', kind,
    'side', side, 'amount', amount, 'posting_date', posting_date, 'payer_gid', ${base('payer_id')},
    'reference', reference, 'reason_code', reason_code, 'memo', memo,
    'reverses_gid', ${base('reverses_id')}, 'receipt_gid', ${base('receipt_id')},
    'created_at', created_at, 'created_by', ${user('created_by')}, 'desktop_id', $desktop)`,
};

const BALANCE_SHAPE = `json_object('account_gid', ${base('id')}, 'account_id', id,
  'account_number', account_number, 'balance', insurance_balance + patient_balance)`;

function* batches(
  db: Database.Database,
  table: string,
  shape: string,
  params: Record<string, string>,
): Generator<RowBatch> {
  const statement = prepare<{ json: string; count: number; last: number | null }>(
    db,
    `SELECT json_group_array(${shape}) AS json, count(*) AS count, max(id) AS last
       FROM (SELECT * FROM ${table} AS r WHERE id > $after ORDER BY id LIMIT +$limit) AS t`,
  );
  let after = 0;
  for (;;) {
    const batch = statement.get({ ...params, after, limit: BATCH_ROWS });
    if (!batch || batch.count === 0 || batch.last === null) return;
    yield { json: batch.json, count: batch.count };
    after = batch.last;
  }
}

/**
 * The upload's source: the prepared copy's rows in batches and its bytes in parts, read
 * from the file as the upload goes. Close the connection with `close()` afterwards.
 */
export function copySource(
  file: string,
  facts: CopyFacts,
  desktopId: string,
): CopySource & { close(): void } {
  const db = openKeyed(file, null, { readonly: true, fileMustExist: true });
  const parts = Math.ceil(facts.bytes / PART_BYTES);
  return {
    rows: (table) =>
      batches(
        db,
        // a rule has no id of its own: its rowid stands for one; the letterhead is the facility row
        table === 'billing_rules' ? OFFICE_RULES : table === 'letterhead' ? 'facility' : table,
        SERVER_SHAPE[table],
        table === 'follow_ups' || table === 'users' ? {} : { desktop: desktopId },
      ),
    balances: () => batches(db, 'accounts', BALANCE_SHAPE, {}),
    parts: () => fileParts(file),
    sha256: facts.sha256,
    bytes: facts.bytes,
    total:
      facts.users +
      facts.rules +
      facts.letterhead +
      facts.followUps +
      facts.receipts +
      facts.ledgerRows +
      parts,
    accounts: facts.accounts,
    close: () => db.close(),
  };
}
