import type { AccountId } from '../../shared/ids';
import { takeTouched, touchAccount } from '../core/touched';
import type { Db, ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { refreshAccountBalance } from '../ledger/ledger';
import { forgetSyncRow, localIdOf, setSyncRow } from './gids';
import { reopenBatch } from './batch-closings';
import { accountOfRecord, isRecordTable } from './records';
import type { Change, ServerRow } from './wire';

/**
 * The rows only a desk has that are written with a record, or about it, and go with it. A
 * 277's status events travel since migration 73, withdrawn as the entries that carry them
 * are; those an older version recorded at a linked desk were never sent and stay this desk's
 * only, so they go with a withdrawn claim here.
 */
const BORN_WITH: Partial<Record<Change['tbl'], readonly [table: string, column: string][]>> = {
  activities: [['call_times', 'activity_id']],
  claims: [
    ['claim_providers', 'claim_id'],
    ['claim_status_events', 'claim_id'],
  ],
  claim_lines: [['claim_line_providers', 'claim_line_id']],
  // a plan's schedule travels inside it
  payment_plans: [['plan_installments', 'plan_id']],
};

/**
 * Rows only this desk keeps that name a receipt or a ledger row (see DESIGN, Money). A
 * refused reversal is withdrawn whatever names it: the rows written with it for it go with
 * it (a returned check's record, a request to reverse what is withdrawn, and the EOB's claim
 * adjustments of an entry sealed before they travelled in it); what records a
 * decision or a report made apart from the posting stays and lets go of it (a supervisor's
 * approval, an agency's reported payment, a PLB's facility row).
 */
const NAMING_MONEY: Partial<Record<Change['tbl'], readonly string[]>> = {
  receipts: [
    `DELETE FROM claim_adjustments WHERE receipt_id = ?`,
    `DELETE FROM returned_checks WHERE receipt_id = ? OR reversal_receipt_id = ?`,
    `DELETE FROM adjustment_requests WHERE target_receipt_id = ?`,
    `UPDATE adjustment_requests SET receipt_id = NULL WHERE receipt_id = ?`,
    `UPDATE agency_payments SET receipt_id = NULL WHERE receipt_id = ?`,
  ],
  ledger_entries: [
    `DELETE FROM returned_checks WHERE fee_entry_id = ?`,
    `DELETE FROM adjustment_requests WHERE target_entry_id = ?`,
    `UPDATE adjustment_requests SET ledger_entry_id = NULL WHERE ledger_entry_id = ?`,
    `UPDATE facility_ledger SET ledger_entry_id = NULL WHERE ledger_entry_id = ?`,
  ],
};

/**
 * Withdraws what refused entries inserted (the server has none of it), newest first so a
 * row goes before the rows it names: notes, follow-ups, money, then lines, claims,
 * coverages, accounts, addresses and people. The append-only triggers allow this only
 * with the capture off, that is only while the sync worker writes.
 *
 * All of it or none: when some other row of this copy still names a withdrawn record (a
 * payment plan or a statement on an account the office refused, made here before the
 * refusal came), deleting it would lose that work. Then nothing is withdrawn: the rows stay
 * as this desktop's own (`own:`), never sent, so nothing naming them reaches the office
 * either, and the office's record of the same number waits in sync_held. So does a filed
 * document (a letter may have been mailed), and a facility an account here is still billed
 * under. Returns whether the rows were withdrawn.
 */
export function withdrawInserted(
  db: Db,
  changes: readonly Change[],
  office: readonly ServerRow[],
): boolean {
  const kept = keptWithTheirClaims(db, changes, office);
  // a user, a rule or the letterhead is never withdrawn: the office's state of them is taken
  // instead (take.ts)
  const never = new Set<Change['tbl']>(['users', 'billing_rules', 'letterhead']);
  const inserted = changes.filter((c) => c.op === 'insert' && !never.has(c.tbl) && !kept.has(c));
  run(db, 'SAVEPOINT withdraw');
  try {
    for (const c of [...inserted].reverse()) withdrawRow(db, c);
    run(db, 'RELEASE withdraw');
  } catch (error) {
    run(db, 'ROLLBACK TO withdraw');
    run(db, 'RELEASE withdraw');
    if (!isForeignKeyError(error) && !(error instanceof KeptForWhatNamesIt)) throw error;
    for (const c of inserted) {
      const localId = localIdOf(db, c.tbl, c.gid);
      if (localId !== undefined) setSyncRow(db, c.tbl, localId, `own:${localId}`, 1);
    }
    return false;
  }
  // an account withdrawn whole has nothing left for the upkeep to bring up to date
  for (const id of takeTouched(db)) {
    if (one(db, `SELECT 1 AS n FROM accounts WHERE id = ?`, id)) touchAccount(db, id);
  }
  return true;
}

/**
 * A refused change of a claim the office has no row of stays here, listed (take.ts, the
 * office has nothing to send back): the status events of its 277 stay with it, this desk's
 * own, never sent, rather than leave the claim's status here with no history behind it.
 */
function keptWithTheirClaims(
  db: Db,
  changes: readonly Change[],
  office: readonly ServerRow[],
): Set<Change> {
  const officeHas = new Set(office.filter((r) => r.tbl === 'claims').map((r) => r.gid));
  const keptClaims = new Set(
    changes
      .filter((c) => c.tbl === 'claims' && c.op === 'update' && !officeHas.has(c.gid))
      .map((c) => c.gid),
  );
  const kept = new Set<Change>();
  for (const c of changes) {
    if (c.tbl !== 'claim_status_events' || !keptClaims.has(c.row.claimGid)) continue;
    const localId = localIdOf(db, c.tbl, c.gid);
    if (localId !== undefined) setSyncRow(db, c.tbl, localId, `own:${localId}`, 1);
    kept.add(c);
  }
  return kept;
}

/**
 * A row kept rather than withdrawn: a filed document, the record of what was printed, a
 * contact restriction, and a facility some account here is still billed under (accounts
 * name their facility without a foreign key, migration 35, so nothing else would stop its
 * deletion).
 */
class KeptForWhatNamesIt extends Error {}

function withdrawRow(db: Db, c: Change): void {
  const localId = localIdOf(db, c.tbl, c.gid);
  if (localId === undefined) return;
  // a letter may have been mailed, and its sent date is recorded once
  if (c.tbl === 'documents' || c.tbl === 'correspondence' || c.tbl === 'document_sendings') {
    throw new KeptForWhatNamesIt();
  }
  // withdrawn, a cease-contact request or a dispute would let this desk call or bill someone
  // who asked it not to: it stays here, its own, with what it names
  if (c.tbl === 'contact_restrictions') throw new KeptForWhatNamesIt();
  if (
    c.tbl === 'facilities' &&
    one(db, `SELECT 1 AS n FROM accounts WHERE facility_id = ?`, localId)
  ) {
    throw new KeptForWhatNamesIt();
  }
  if (c.tbl === 'dunning_stages') {
    // an account's stage, named by the account: it goes with the account it was written for
    run(db, `DELETE FROM dunning_stages WHERE account_id = ?`, localId);
    return;
  }
  if (c.tbl === 'batch_closings') {
    // a closing is the batch's status, not a row: withdrawn, the batch is open again
    reopenBatch(db, localId);
    forgetSyncRow(db, c.tbl, localId);
    return;
  }
  const accountId = accountOf(db, c.tbl, localId);
  for (const [table, column] of BORN_WITH[c.tbl] ?? []) {
    run(db, `DELETE FROM ${table} WHERE ${column} = ?`, localId);
  }
  if (c.tbl === 'accounts') withdrawOwnRows(db, localId);
  // every placeholder is the withdrawn row's id
  for (const sql of NAMING_MONEY[c.tbl] ?? []) {
    run(
      db,
      sql,
      ...sql
        .split('?')
        .slice(1)
        .map(() => localId),
    );
  }
  run(db, `DELETE FROM ${c.tbl} WHERE id = ?`, localId);
  forgetSyncRow(db, c.tbl, localId);
  if (accountId === undefined || c.tbl === 'accounts') return;
  // balances are this copy's own sums: withdrawn money leaves them here and now
  if (c.tbl === 'ledger_entries') refreshAccountBalance(db, accountId);
  else touchAccount(db, accountId);
}

/**
 * The follow-ups and notes this desktop's upkeep wrote on an account (a credit balance a
 * withdrawn payment made, say) go with it: they were derived from its ledger, which is
 * withdrawn, and were never sent.
 */
function withdrawOwnRows(db: Db, accountId: number): void {
  for (const tbl of ['follow_ups', 'activities'] as const) {
    const own = all<{ id: number }>(
      db,
      `SELECT t.id FROM ${tbl} t JOIN sync_rows r ON r.tbl = ? AND r.local_id = t.id
         WHERE t.account_id = ? AND r.gid LIKE 'own:%'`,
      tbl,
      accountId,
    );
    for (const { id } of own) {
      run(db, `DELETE FROM ${tbl} WHERE id = ?`, id);
      forgetSyncRow(db, tbl, id);
    }
  }
}

/**
 * An account's collection status stands on its record: a refused move to bad debt or
 * placement withdrawn here, while the account's own change is kept (a first-copy account the
 * office has no row of), leaves it open again, as it was before (both ask an open account).
 */
export function standOnCollectionRecords(db: Db, accountId: number): void {
  run(
    db,
    `UPDATE accounts SET status = 'open' WHERE id = ? AND (
       (status = 'bad_debt' AND NOT EXISTS (SELECT 1 FROM bad_debt_moves m
          WHERE m.account_id = accounts.id AND m.undone_at IS NULL))
       OR (status = 'agency' AND NOT EXISTS (SELECT 1 FROM agency_placements p
          WHERE p.account_id = accounts.id AND p.recalled_on IS NULL)))`,
    accountId,
  );
}

function accountOf(db: ReadDb, tbl: Change['tbl'], id: number): AccountId | undefined {
  if (isRecordTable(tbl)) return accountOfRecord(db, tbl, id) as AccountId | undefined;
  return one<{ accountId: AccountId }>(
    db,
    `SELECT account_id AS accountId FROM ${tbl} WHERE id = ?`,
    id,
  )?.accountId;
}

function isForeignKeyError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
