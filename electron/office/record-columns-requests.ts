import type { Column } from './record-columns';

/**
 * A request waiting for a supervisor (a write-off or refund over a representative's limit, a
 * reversal of a ledger row or a payment) as it travels and as a desktop keeps it;
 * record-columns.ts spreads it into its descriptions. Filed once, it changes once, by version:
 * a supervisor approves it (naming what the approval posted) or refuses it.
 */
export const REQUEST_COLUMNS = {
  adjustment_requests: [
    ['kind', 'kind'],
    ['accountGid', 'account_id', 'accounts'],
    ['claimGid', 'claim_id', 'claims'],
    ['side', 'side'],
    ['amount', 'amount'],
    ['reasonCode', 'reason_code'],
    ['memo', 'memo'],
    ['refundMethod', 'refund_method'],
    ['refundReference', 'refund_reference'],
    ['targetEntryGid', 'target_entry_id', 'ledger_entries'],
    ['targetReceiptGid', 'target_receipt_id', 'receipts'],
    ['status', 'status'],
    ['requestedAt', 'requested_at'],
    ['requestedBy', 'requested_by', 'users'],
    ['decidedAt', 'decided_at'],
    // the supervisor who decided it, whom the server judges (server migration 35)
    ['decidedBy', 'decided_by', 'users'],
    ['decisionNote', 'decision_note'],
    // what the approval posted, in the same entry as the request's decision
    ['ledgerEntryGid', 'ledger_entry_id', 'ledger_entries'],
    ['receiptGid', 'receipt_id', 'receipts'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** What names a request: everything it asked for, and who asked when; only its decision comes later. */
export const REQUEST_NAMING = {
  adjustment_requests: [
    'kind',
    'account_id',
    'claim_id',
    'side',
    'amount',
    'reason_code',
    'memo',
    'refund_method',
    'refund_reference',
    'target_entry_id',
    'target_receipt_id',
    'requested_at',
    'requested_by',
  ],
} as const satisfies Record<string, readonly string[]>;
