import type { Column } from './record-columns';

/**
 * The collection cycle's records as they travel (record-columns.ts spreads these into COLUMNS
 * and NAMING): a move to bad debt, an agency and its edits, each sending of accounts to an
 * agency and each account placed, an extraordinary collection action, and an agency's payment
 * files and payments.
 */
export const COLLECTION_COLUMNS = {
  // the collection cycle: a move to bad debt travels with its write-off; its undoing, and each
  // recovery while it stands (the sum recovered), by version
  bad_debt_moves: [
    ['accountGid', 'account_id', 'accounts'],
    ['amount', 'amount'],
    ['movedOn', 'moved_on'],
    ['movedAt', 'moved_at'],
    ['movedBy', 'moved_by', 'users'],
    ['undoneAt', 'undone_at'],
    ['undoneBy', 'undone_by', 'users'],
    ['undoReason', 'undo_reason'],
    ['recovered', 'recovered'],
  ],
  // an agency as added and edited in Settings (by version), each sending of accounts to it,
  // and each account placed, whose recall comes later by version
  agencies: [
    ['name', 'name'],
    ['columns', 'columns'],
    ['commissionBps', 'commission_bps'],
    ['remittance', 'remittance'],
    ['contact', 'contact'],
    ['active', 'active'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
    ['updatedAt', 'updated_at'],
    ['updatedBy', 'updated_by', 'users'],
  ],
  agency_placement_batches: [
    ['agencyGid', 'agency_id', 'agencies'],
    ['placedOn', 'placed_on'],
    ['columns', 'columns'],
    ['accountCount', 'account_count'],
    ['balance', 'balance'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
  agency_placements: [
    ['agencyGid', 'agency_id', 'agencies'],
    ['batchGid', 'batch_id', 'agency_placement_batches'],
    ['accountGid', 'account_id', 'accounts'],
    ['placedOn', 'placed_on'],
    ['balancePlaced', 'balance_placed'],
    ['recalledOn', 'recalled_on'],
    ['recalledAt', 'recalled_at'],
    ['recalledBy', 'recalled_by', 'users'],
    ['recallReason', 'recall_reason'],
  ],
  // an extraordinary collection action (501(r)) as taken, whose reversal comes later by version
  extraordinary_actions: [
    ['accountGid', 'account_id', 'accounts'],
    ['action', 'action'],
    ['takenOn', 'taken_on'],
    ['note', 'note'],
    ['takenAt', 'taken_at'],
    ['takenBy', 'taken_by', 'users'],
    ['reversedOn', 'reversed_on'],
    ['reversedAt', 'reversed_at'],
    ['reversedBy', 'reversed_by', 'users'],
    ['reversalReason', 'reversal_reason'],
  ],
  // an agency's payment file and each payment it posted, with the posting's receipt
  agency_payment_files: [
    ['agencyGid', 'agency_id', 'agencies'],
    ['fileName', 'file_name'],
    ['sha256', 'sha256'],
    ['rowCount', 'row_count'],
    ['gross', 'gross'],
    ['commission', 'commission'],
    ['importedAt', 'imported_at'],
    ['importedBy', 'imported_by', 'users'],
  ],
  agency_payments: [
    ['fileGid', 'file_id', 'agency_payment_files'],
    ['agencyGid', 'agency_id', 'agencies'],
    ['placementGid', 'placement_id', 'agency_placements'],
    ['accountGid', 'account_id', 'accounts'],
    ['paidOn', 'paid_on'],
    ['reference', 'reference'],
    ['gross', 'gross'],
    ['commission', 'commission'],
    ['remittance', 'remittance'],
    ['receiptGid', 'receipt_id', 'receipts'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** What names each changeable record of the cycle: made once, only its later change moves. */
export const COLLECTION_NAMING = {
  // a move is made once; only its undoing and what is recovered on it come later
  bad_debt_moves: ['account_id', 'amount', 'moved_on', 'moved_at', 'moved_by'],
  // a placement likewise; only its recall comes later
  agency_placements: ['agency_id', 'batch_id', 'account_id', 'placed_on', 'balance_placed'],
  // and an action taken; only its reversal comes later
  extraordinary_actions: ['account_id', 'action', 'taken_on', 'note', 'taken_at', 'taken_by'],
  // an agency is renamed, its terms and file layout changed, and it is set inactive in Settings
  agencies: ['created_by'],
} as const satisfies Record<string, readonly string[]>;
