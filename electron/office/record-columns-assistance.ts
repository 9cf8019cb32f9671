import type { Column } from './record-columns';

/**
 * The 501(r) records of financial assistance as they travel (fields) and as a desktop keeps
 * them (columns); record-columns.ts spreads them into its descriptions.
 */
export const ASSISTANCE_COLUMNS = {
  // an application as received, whose progress (incomplete, decided) comes later by version
  assistance_applications: [
    ['accountGid', 'account_id', 'accounts'],
    ['receivedOn', 'received_on'],
    ['status', 'status'],
    ['missing', 'missing'],
    ['completeBy', 'complete_by'],
    ['discountedAmount', 'discounted_amount'],
    ['decidedOn', 'decided_on'],
    ['decisionNote', 'decision_note'],
    // the supervisor who decided it, whom the server judges (server migration 21)
    ['decidedBy', 'decided_by', 'users'],
    ['recordedAt', 'recorded_at'],
    ['recordedBy', 'recorded_by', 'users'],
  ],
  // the notice of extraordinary collection actions, kept as sent, naming its filed letter
  eca_notices: [
    ['accountGid', 'account_id', 'accounts'],
    ['documentGid', 'document_id', 'documents'],
    ['sentOn', 'sent_on'],
    ['deadline', 'deadline'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** What names an application: whose it is and when it came in never change after it is made. */
export const ASSISTANCE_NAMING = {
  assistance_applications: ['account_id', 'received_on', 'recorded_at', 'recorded_by'],
} as const satisfies Record<string, readonly string[]>;
