/**
 * Migration 57: the office's capture triggers exist only while a desktop belongs to an
 * office. Migrations 32, 44, 47, 51, 52, 53 and 54 created them on every database, each
 * asking the capture flag on every insert of a note, follow-up, person, account, claim,
 * line, ledger row and user: on a standalone desktop the answer was always no, and asking
 * it still made a 10,000-claim import about 14% slower. Here every one of them goes; a
 * linked copy gets them back from their one definition (electron/office/capture-triggers.ts)
 * as it finishes opening, and linking and leaving create and drop them from then on.
 */
const DROPPED = [
  'office_capture_activity',
  'office_capture_follow_up_insert',
  'office_capture_follow_up_update',
  'office_own_follow_up',
  'office_own_activity',
  'office_capture_receipt',
  'office_capture_ledger_entry',
  // migration 51's charges, replaced by migration 52's ledger trigger
  'office_capture_charge',
  'office_capture_payers',
  'office_capture_people',
  'office_capture_addresses',
  'office_capture_accounts',
  'office_capture_coverages',
  'office_capture_claims',
  'office_capture_claim_lines',
  'office_capture_documents',
  'office_capture_correspondence',
  'office_capture_user_insert',
  'office_capture_user_update',
];

export const migration057 = DROPPED.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n');
