/**
 * Migration 56: changes to records travel to the office, not only their inserts (migration
 * 51): a claim's status and dates (a 277, an EOB or 835 posting, a reversal, a replaced or
 * voided claim), a person's details (a date of death, returned mail, what a claim file
 * fills in), a payer edited in Settings and a coverage an import updates. Each is a
 * changeable, versioned row as follow-ups and users are (electron/office/DESIGN.md,
 * "Changes to records"). Noted only while the capture flag is on, and only when a column
 * that travels really changed; a row inserted and changed in one transaction is noted
 * once, as an insert, which is sealed as the request left it.
 */
const CAPTURING = `(SELECT capture FROM office_link) = 1`;

const changed = (columns: readonly string[]) =>
  columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

const capture = (tbl: string, columns: readonly string[]) => `
CREATE TRIGGER office_capture_${tbl}_update AFTER UPDATE OF ${columns.join(', ')} ON ${tbl}
WHEN ${CAPTURING} AND (${changed(columns)})
BEGIN
  INSERT INTO outbox_pending (tbl, local_id, op)
    SELECT '${tbl}', NEW.id, 'update'
    WHERE NOT EXISTS (SELECT 1 FROM outbox_pending WHERE tbl = '${tbl}' AND local_id = NEW.id);
END;
`;

// the columns each record travels with (electron/office/record-columns.ts) but for what
// names it (a claim's number and account, a payer's code): those never change
export const migration056 = `
${capture('payers', [
  'name',
  'financial_class',
  'claims_line1',
  'claims_line2',
  'claims_city',
  'claims_state',
  'claims_zip',
  'appeals_line1',
  'appeals_line2',
  'appeals_city',
  'appeals_state',
  'appeals_zip',
  'phone',
  'fax',
  'appeals_fax',
  'timely_filing_days',
  'appeal_window_days',
  'second_appeal_window_days',
  'external_review_window_days',
])}
${capture('people', [
  'last_name',
  'first_name',
  'middle_name',
  'date_of_birth',
  'sex',
  'phone',
  'phone_digits',
  'returned_mail',
  'deceased_date',
  'deceased_source',
])}
${capture('coverages', ['payer_id', 'priority', 'member_id', 'group_number', 'subscriber_id'])}
${capture('claims', [
  'coverage_id',
  'payer_id',
  'payer_claim_number',
  'billed_date',
  'remit_date',
  'status',
  'total_charge',
  'primary_claim_id',
  'claim_type',
  'facility_code',
  'frequency_code',
  'diagnosis_codes',
  'prior_authorization',
  'referral_number',
  'statement_from',
  'statement_to',
  'billing_provider_npi',
  'fingerprint',
  'voided_at',
])}
`;
