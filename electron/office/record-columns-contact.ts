import type { Column } from './record-columns';

/**
 * The contact rules and statement holds as they travel (record-columns.ts spreads them into
 * its COLUMNS and NAMING). Each rule or hold is recorded once and later only lifted or
 * closed; a supervisor's release of a hold for the next statement is kept as made.
 */
export const CONTACT_COLUMNS = {
  // a cease-contact request, a written dispute, an attorney or a bankruptcy, and its lifting
  contact_restrictions: [
    ['accountGid', 'account_id', 'accounts'],
    ['personGid', 'person_id', 'people'],
    ['kind', 'kind'],
    ['effectiveDate', 'effective_date'],
    ['note', 'note'],
    ['attorneyName', 'attorney_name'],
    ['attorneyPhone', 'attorney_phone'],
    ['attorneyAddress', 'attorney_address'],
    ['recordedAt', 'recorded_at'],
    ['recordedBy', 'recorded_by', 'users'],
    ['liftedAt', 'lifted_at'],
    ['liftedBy', 'lifted_by', 'users'],
    ['liftReason', 'lift_reason'],
  ],
  // a dispute, bankruptcy or financial-assistance hold on an account's statements, and its closing
  collection_holds: [
    ['accountGid', 'account_id', 'accounts'],
    ['kind', 'kind'],
    ['note', 'note'],
    ['openedOn', 'opened_on'],
    ['openedAt', 'opened_at'],
    ['openedBy', 'opened_by', 'users'],
    ['closedAt', 'closed_at'],
    ['closedBy', 'closed_by', 'users'],
  ],
  statement_hold_releases: [
    ['accountGid', 'account_id', 'accounts'],
    ['hold', 'hold'],
    ['reason', 'reason'],
    ['releasedAt', 'released_at'],
    ['releasedBy', 'released_by', 'users'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** What names a rule or hold: all it was recorded with; only its lifting or closing comes later. */
export const CONTACT_NAMING = {
  contact_restrictions: [
    'account_id',
    'person_id',
    'kind',
    'effective_date',
    'note',
    'attorney_name',
    'attorney_phone',
    'attorney_address',
    'recorded_at',
    'recorded_by',
  ],
  collection_holds: ['account_id', 'kind', 'note', 'opened_on', 'opened_at', 'opened_by'],
} as const satisfies Record<string, readonly string[]>;
