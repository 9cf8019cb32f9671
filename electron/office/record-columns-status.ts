import type { Column } from './record-columns';

/**
 * What a 277 said about a claim, as it travels (fields) and as a desktop keeps it (columns);
 * record-columns.ts spreads it into its descriptions. The file it came from stays the
 * importing desk's record (`import_file_id` is empty elsewhere), as a claim's import file does;
 * its SHA-256 travels, so the same file imported again at any desk is known.
 */
export const STATUS_COLUMNS = {
  // insert-only history, in the entry of the claim change its 277 made
  claim_status_events: [
    ['claimGid', 'claim_id', 'claims'],
    ['category', 'category'],
    ['statusCode', 'status_code'],
    ['effectiveDate', 'effective_date'],
    ['meaning', 'meaning'],
    ['recordedAt', 'recorded_at'],
    ['fileSha256', 'file_sha256'],
  ],
} as const satisfies Record<string, readonly Column[]>;
