import type { AccountId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { Db, ReadDb } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';
import { gidOrNull, localIdOrNull, takeUserIdOrNull, type GidTable } from './gids';
import { COLUMNS, type ChangeableTable, type Column, type RecordTable } from './record-columns';
import { pulledDocumentPlace, removedAtOffice, type FiledChange } from './documents';
import {
  appealResponseRow,
  claimAdjustmentRow,
  claimRemarkRow,
  claimStatusEventRow,
  denialRow,
  depositBatchRow,
} from './wire-posting';
import { correspondenceRow, documentRow } from './wire-filed';
import {
  agencyPaymentFileRow,
  agencyPaymentRow,
  agencyPlacementBatchRow,
  agencyPlacementRow,
  agencyRow,
  badDebtMoveRow,
  extraordinaryActionRow,
} from './wire-collections';
import { collectionHoldRow, contactRestrictionRow, statementHoldReleaseRow } from './wire-contact';
import { paymentPlanRow, promiseRow } from './wire-plans';
import { planSchedule, takePromise, takeSchedule } from './plan-schedule';
import { assistanceApplicationRow, ecaNoticeRow } from './wire-assistance';
import { isProvidersTable, providersOf, takeProviders } from './claim-providers';
import { adjustmentRequestRow } from './wire-requests';

export type { RecordTable } from './record-columns';
import {
  accountRow,
  claimLineRow,
  claimRow,
  coverageRow,
  facilityRow,
  payerRow,
  personRow,
  addressRow,
  type Change,
  type ServerRow,
} from './wire';

/**
 * The records an import creates (people, accounts, coverages, claims, claim lines) and the
 * facilities and payers they are under, filing
 * creates (documents, scans) and posting writes beside the ledger (a payer's codes, deposit
 * batches) as they travel (by office-wide ids) and as this copy keeps them (by local ids).
 * Each table is described once: its columns, and which of them name another row, so
 * reading, writing and the foreign-key translation cannot drift apart.
 */
const SCHEMAS = {
  facilities: facilityRow,
  payers: payerRow,
  people: personRow,
  addresses: addressRow,
  accounts: accountRow,
  coverages: coverageRow,
  claims: claimRow,
  claim_lines: claimLineRow,
  documents: documentRow,
  correspondence: correspondenceRow,
  claim_adjustments: claimAdjustmentRow,
  claim_remarks: claimRemarkRow,
  deposit_batches: depositBatchRow,
  denials: denialRow,
  appeal_responses: appealResponseRow,
  bad_debt_moves: badDebtMoveRow,
  agencies: agencyRow,
  agency_placement_batches: agencyPlacementBatchRow,
  agency_placements: agencyPlacementRow,
  extraordinary_actions: extraordinaryActionRow,
  agency_payment_files: agencyPaymentFileRow,
  agency_payments: agencyPaymentRow,
  contact_restrictions: contactRestrictionRow,
  collection_holds: collectionHoldRow,
  statement_hold_releases: statementHoldReleaseRow,
  payment_plans: paymentPlanRow,
  promises: promiseRow,
  assistance_applications: assistanceApplicationRow,
  eca_notices: ecaNoticeRow,
  claim_status_events: claimStatusEventRow,
  adjustment_requests: adjustmentRequestRow,
} as const;

type RecordChange = Extract<Change, { tbl: RecordTable }>;
type RowOf<T extends RecordTable> = Extract<RecordChange, { tbl: T }>['row'];

export function isRecordTable(tbl: string): tbl is RecordTable {
  return tbl in COLUMNS;
}

/** A record as it travels: its foreign keys named by office-wide ids. */
export function readRecord<T extends RecordTable>(db: ReadDb, tbl: T, id: number): RowOf<T> {
  const cols = COLUMNS[tbl];
  const local = oneOrThrow<Record<string, unknown>>(
    db,
    `SELECT ${cols.map(([, c]) => c).join(', ')} FROM ${tbl} WHERE id = ?`,
    id,
  );
  const row: Record<string, unknown> = {};
  for (const [field, column, refersTo] of cols) {
    const value = local[column];
    row[field] = refersTo ? gidOrNull(db, refersTo, value as number | null) : value;
  }
  if (tbl === 'payment_plans') row.installments = planSchedule(db, id);
  if (isProvidersTable(tbl)) {
    const providers = providersOf(db, tbl, id);
    if (providers !== undefined) row.providers = providers;
  }
  return SCHEMAS[tbl].parse(row) as RowOf<T>;
}

/** A travelling row's values by this copy's columns, what it names translated to local ids. */
function localValues(db: Db, cols: readonly Column[], row: RecordChange['row']): unknown[] {
  const fields: Record<string, unknown> = row;
  return cols.map(([field, , refersTo]) => {
    const value = fields[field];
    if (refersTo === 'users') {
      // someone who signed in first at the desktop that made it is added here (users.ts)
      // when they first did something here: a change's time before the row's making (who
      // undid, recalled, reversed or changed it may have signed in first at that desk)
      const at = String(
        fields.liftedAt ??
          fields.closedAt ??
          fields.recordedAt ??
          fields.updatedAt ??
          fields.endedAt ??
          fields.undoneAt ??
          fields.recalledAt ??
          fields.reversedAt ??
          fields.createdAt ??
          fields.movedAt ??
          fields.takenAt ??
          fields.importedAt ??
          fields.openedAt ??
          fields.releasedAt ??
          fields.decidedAt ??
          fields.requestedAt,
      );
      return takeUserIdOrNull(db, value as string | null, at);
    }
    // a link absent from a row sent before it travelled is none
    return refersTo ? localIdOrNull(db, refersTo, (value ?? null) as string | null) : value;
  });
}

/**
 * Adds a record another desktop created, its foreign keys translated to this copy's ids
 * (a row this copy lacks raises MissingRowError). A claim's import file stays the importing
 * desk's; a new account is marked so the upkeep at commit brings it into the queue. A
 * document names the file the pull placed for it before this transaction (documents.ts).
 */
export function insertRecord(
  db: Db,
  tbl: RecordTable,
  row: RecordChange['row'],
  gid: string,
): number {
  const cols = COLUMNS[tbl];
  const values = localValues(db, cols, row);
  const columns = cols.map(([, c]) => c);
  if (tbl === 'documents' || tbl === 'correspondence') {
    const filed = { tbl, gid, row } as FiledChange;
    const place = pulledDocumentPlace(db.name, filed);
    columns.push('folder', 'file_name');
    values.push(place.folder, place.fileName);
    if (removedAtOffice(filed)) {
      // removed with its person at the office, as this desk would have; the office does not
      // say by whom, so the row names the person who filed it
      columns.push('removed_at', 'removed_by');
      values.push(filed.row.removedAt, values[columns.indexOf('created_by')]);
    }
  }
  const id = Number(
    run(
      db,
      `INSERT INTO ${tbl} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ...values,
    ).lastInsertRowid,
  );
  if (tbl === 'accounts') touchAccount(db, id as AccountId);
  if (tbl === 'payment_plans') takeSchedule(db, id, paymentPlanRow.parse(row));
  if (tbl === 'promises') takePromise(db, id);
  if (isProvidersTable(tbl)) takeProviders(db, tbl, id, SCHEMAS[tbl].parse(row).providers, true);
  return id;
}

/**
 * Writes a record as the office now has it over this copy's row (a claim's new status, a
 * person's details), its foreign keys translated as for an insert. The accounts it belongs
 * to are marked, so the upkeep at commit brings their queue columns along.
 */
export function updateRecord<T extends ChangeableTable>(
  db: Db,
  tbl: T,
  id: number,
  row: RowOf<T>,
): void {
  const cols = COLUMNS[tbl];
  const values = localValues(db, cols, row);
  run(
    db,
    `UPDATE ${tbl} SET ${cols.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
    ...values,
    id,
  );
  if (tbl === 'payment_plans') takeSchedule(db, id, paymentPlanRow.parse(row));
  if (isProvidersTable(tbl)) takeProviders(db, tbl, id, SCHEMAS[tbl].parse(row).providers, false);
  const accounts =
    tbl === 'people'
      ? all<{ id: number }>(
          db,
          `SELECT id FROM accounts WHERE patient_id = ? OR guarantor_id = ?`,
          id,
          id,
        ).map((a) => a.id)
      : [accountOfRecord(db, tbl, id)];
  for (const a of accounts) if (a !== undefined) touchAccount(db, a as AccountId);
}

/** The rows a travelling row names, by table and office-wide id. */
export function referencesOf(r: ServerRow | Change): [GidTable, string][] {
  const named: [GidTable, string | null][] = [];
  switch (r.tbl) {
    case 'receipts':
      named.push(
        ['accounts', r.row.accountGid],
        ['receipts', r.row.reversesGid],
        ['deposit_batches', r.row.batchGid ?? null],
      );
      break;
    case 'ledger_entries':
      named.push(
        ['accounts', r.row.accountGid],
        ['claims', r.row.claimGid],
        ['claim_lines', r.row.claimLineGid],
        ['ledger_entries', r.row.reversesGid],
        ['receipts', r.row.receiptGid],
      );
      break;
    case 'activities':
    case 'follow_ups':
      named.push(['accounts', r.row.accountGid], ['claims', r.row.claimGid]);
      break;
    case 'users':
    case 'billing_rules':
    case 'letterhead':
      // a user, a rule or the letterhead names no record, and is never withdrawn or the desk's own
      break;
    case 'batch_closings':
      named.push(['deposit_batches', r.row.batchGid]);
      break;
    case 'document_sendings':
      named.push(['documents', r.row.documentGid]);
      break;
    case 'dunning_stages':
      named.push(['accounts', r.row.accountGid], ['people', r.row.guarantorGid]);
      break;
    default: {
      const fields: Record<string, unknown> = r.row;
      for (const [field, , refersTo] of COLUMNS[r.tbl]) {
        if (refersTo) named.push([refersTo, (fields[field] ?? null) as string | null]);
      }
    }
  }
  return named.filter((n): n is [GidTable, string] => n[1] !== null);
}

/**
 * The links a row travels without rather than stay on its desk: an appeal letter's denial.
 * A letter is never withdrawn and was perhaps mailed; when its denial is this desk's own
 * (`own:`, a denial the office refused that the letter kept here) the office has no row to
 * name, so the letter goes with no link, not kept back or refused with it (outbox.ts).
 */
const LINKS_LET_GO: Partial<Record<Change['tbl'], GidTable>> = { documents: 'denials' };

function isLinkLetGo(r: { tbl: Change['tbl'] }, tbl: GidTable): boolean {
  return LINKS_LET_GO[r.tbl] === tbl;
}

/**
 * The rows a travelling row cannot go without: refused or kept as a desk's own, they keep
 * it back with them. A row waiting to be taken still waits on every row it names.
 */
export function boundReferencesOf(r: ServerRow | Change): [GidTable, string][] {
  return referencesOf(r).filter(([tbl]) => !isLinkLetGo(r, tbl));
}

/** The account a travelling row belongs to, by its office-wide id (none for a person). */
export function accountGidOf(r: ServerRow | Change): string | undefined {
  if (r.tbl === 'accounts') return r.gid;
  return referencesOf(r).find(([tbl]) => tbl === 'accounts')?.[1];
}

/** The account a record belongs to, for refreshing it after its rows are withdrawn. */
export function accountOfRecord(db: ReadDb, tbl: RecordTable, id: number): number | undefined {
  switch (tbl) {
    case 'facilities':
    case 'payers':
    case 'people':
    case 'addresses':
    case 'deposit_batches':
    case 'agencies':
    case 'agency_placement_batches':
    case 'agency_payment_files':
      return undefined;
    case 'accounts':
      return id;
    case 'coverages':
    case 'claims':
    case 'documents':
    case 'correspondence':
    case 'bad_debt_moves':
    case 'agency_placements':
    case 'extraordinary_actions':
    case 'agency_payments':
    case 'contact_restrictions':
    case 'collection_holds':
    case 'statement_hold_releases':
    case 'payment_plans':
    case 'promises':
    case 'assistance_applications':
    case 'eca_notices':
    case 'adjustment_requests':
      return oneOrThrow<{ a: number }>(db, `SELECT account_id AS a FROM ${tbl} WHERE id = ?`, id).a;
    case 'claim_lines':
    case 'claim_adjustments':
    case 'claim_remarks':
    case 'claim_status_events':
    case 'denials':
      // the table is one of the five named above, never input
      return oneOrThrow<{ a: number }>(
        db,
        `SELECT c.account_id AS a FROM ${tbl} l JOIN claims c ON c.id = l.claim_id
           WHERE l.id = ?`,
        id,
      ).a;
    case 'appeal_responses':
      return oneOrThrow<{ a: number }>(
        db,
        `SELECT c.account_id AS a FROM appeal_responses r JOIN denials d ON d.id = r.denial_id
           JOIN claims c ON c.id = d.claim_id WHERE r.id = ?`,
        id,
      ).a;
  }
}
