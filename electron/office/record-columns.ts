import type { GidTable } from './gids';
import { CONTACT_COLUMNS, CONTACT_NAMING } from './record-columns-contact';
import { PLAN_COLUMNS, PLAN_NAMING } from './record-columns-plans';
import { ASSISTANCE_COLUMNS, ASSISTANCE_NAMING } from './record-columns-assistance';
import { COLLECTION_COLUMNS, COLLECTION_NAMING } from './record-columns-collections';
import { STATUS_COLUMNS } from './record-columns-status';
import { REQUEST_COLUMNS, REQUEST_NAMING } from './record-columns-requests';

/**
 * The columns of the records an import (or Settings, for a facility) creates, as they travel (fields) and as a desktop
 * keeps them (columns); a column that names another row names it by local id on a desktop
 * and by office-wide id on the wire and on the server (its `_id` there is `_gid`).
 */
export type RecordTable =
  | 'facilities'
  | 'payers'
  | 'people'
  | 'addresses'
  | 'accounts'
  | 'coverages'
  | 'claims'
  | 'claim_lines'
  | 'documents'
  | 'correspondence'
  | 'claim_adjustments'
  | 'claim_remarks'
  | 'deposit_batches'
  | 'denials'
  | 'appeal_responses'
  | 'bad_debt_moves'
  | 'agencies'
  | 'agency_placement_batches'
  | 'agency_placements'
  | 'extraordinary_actions'
  | 'agency_payment_files'
  | 'agency_payments'
  | 'contact_restrictions'
  | 'collection_holds'
  | 'statement_hold_releases'
  | 'payment_plans'
  | 'promises'
  | 'assistance_applications'
  | 'eca_notices'
  | 'claim_status_events'
  | 'adjustment_requests';

export type Column = readonly [field: string, column: string, refersTo?: GidTable];

export const COLUMNS: Record<RecordTable, readonly Column[]> = {
  // a facility added in Settings after joining, which accounts are then billed under, and its
  // later edits there (renamed, another NPI) by version
  facilities: [
    ['name', 'name'],
    ['npi', 'npi'],
  ],
  // a payer a claim file named that this office did not have
  payers: [
    ['name', 'name'],
    ['payerCode', 'payer_code'],
    ['financialClass', 'financial_class'],
    ['claimsLine1', 'claims_line1'],
    ['claimsLine2', 'claims_line2'],
    ['claimsCity', 'claims_city'],
    ['claimsState', 'claims_state'],
    ['claimsZip', 'claims_zip'],
    ['appealsLine1', 'appeals_line1'],
    ['appealsLine2', 'appeals_line2'],
    ['appealsCity', 'appeals_city'],
    ['appealsState', 'appeals_state'],
    ['appealsZip', 'appeals_zip'],
    ['phone', 'phone'],
    ['fax', 'fax'],
    ['appealsFax', 'appeals_fax'],
    ['timelyFilingDays', 'timely_filing_days'],
    ['appealWindowDays', 'appeal_window_days'],
    ['secondAppealWindowDays', 'second_appeal_window_days'],
    ['externalReviewWindowDays', 'external_review_window_days'],
  ],
  people: [
    ['lastName', 'last_name'],
    ['firstName', 'first_name'],
    ['middleName', 'middle_name'],
    ['dateOfBirth', 'date_of_birth'],
    ['sex', 'sex'],
    ['phone', 'phone'],
    ['phoneDigits', 'phone_digits'],
    ['returnedMail', 'returned_mail'],
    ['deceasedDate', 'deceased_date'],
    ['deceasedSource', 'deceased_source'],
    ['createdAt', 'created_at'],
  ],
  // a person's address history: rows are only added, the newest effective one is current
  addresses: [
    ['personGid', 'person_id', 'people'],
    ['line1', 'line1'],
    ['line2', 'line2'],
    ['city', 'city'],
    ['state', 'state'],
    ['zip', 'zip'],
    ['effectiveDate', 'effective_date'],
    ['reason', 'reason'],
    ['recordedAt', 'recorded_at'],
    ['recordedBy', 'recorded_by', 'users'],
  ],
  accounts: [
    ['accountNumber', 'account_number'],
    ['patientGid', 'patient_id', 'people'],
    ['guarantorGid', 'guarantor_id', 'people'],
    ['guarantorRelationship', 'guarantor_relationship'],
    ['serviceDate', 'service_date'],
    ['dischargeDate', 'discharge_date'],
    ['financialClass', 'financial_class'],
    ['status', 'status'],
    ['createdAt', 'created_at'],
    ['facilityGid', 'facility_id', 'facilities'],
  ],
  coverages: [
    ['accountGid', 'account_id', 'accounts'],
    ['payerGid', 'payer_id', 'payers'],
    ['priority', 'priority'],
    ['memberId', 'member_id'],
    ['groupNumber', 'group_number'],
    ['subscriberGid', 'subscriber_id', 'people'],
  ],
  claims: [
    ['claimNumber', 'claim_number'],
    ['accountGid', 'account_id', 'accounts'],
    ['coverageGid', 'coverage_id', 'coverages'],
    ['payerGid', 'payer_id', 'payers'],
    ['payerClaimNumber', 'payer_claim_number'],
    ['billedDate', 'billed_date'],
    ['remitDate', 'remit_date'],
    ['status', 'status'],
    ['totalCharge', 'total_charge'],
    ['createdAt', 'created_at'],
    ['primaryClaimGid', 'primary_claim_id', 'claims'],
    ['claimType', 'claim_type'],
    ['facilityCode', 'facility_code'],
    ['frequencyCode', 'frequency_code'],
    ['diagnosisCodes', 'diagnosis_codes'],
    ['priorAuthorization', 'prior_authorization'],
    ['referralNumber', 'referral_number'],
    ['statementFrom', 'statement_from'],
    ['statementTo', 'statement_to'],
    ['billingProviderNpi', 'billing_provider_npi'],
    ['fingerprint', 'fingerprint'],
    ['voidedAt', 'voided_at'],
  ],
  claim_lines: [
    ['claimGid', 'claim_id', 'claims'],
    ['lineNumber', 'line_number'],
    ['serviceDate', 'service_date'],
    ['revenueCode', 'revenue_code'],
    ['procedureCode', 'procedure_code'],
    ['modifiers', 'modifiers'],
    ['units', 'units'],
    ['charge', 'charge'],
    ['removedAt', 'removed_at'],
  ],
  // where the file is kept (folder, file_name) is each desktop's own: see documents.ts; the
  // denial an appeal answers may be let go of (records.ts, LINKS_LET_GO)
  documents: [
    ['kind', 'kind'],
    ['title', 'title'],
    ['accountGid', 'account_id', 'accounts'],
    ['claimGid', 'claim_id', 'claims'],
    ['denialGid', 'denial_id', 'denials'],
    ['templateId', 'template_id'],
    ['documentDate', 'document_date'],
    ['sha256', 'sha256'],
    ['pages', 'pages'],
    ['bytes', 'bytes'],
    ['warnings', 'warnings'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
  correspondence: [
    ['accountGid', 'account_id', 'accounts'],
    ['type', 'type'],
    ['originalName', 'original_name'],
    ['media', 'media'],
    ['receivedDate', 'received_date'],
    ['sha256', 'sha256'],
    ['bytes', 'bytes'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
  // what posting writes beside the ledger: the payer's codes, and the batch money went into
  claim_adjustments: [
    ['claimGid', 'claim_id', 'claims'],
    ['claimLineGid', 'claim_line_id', 'claim_lines'],
    ['groupCode', 'group_code'],
    ['reasonCode', 'reason_code'],
    ['amount', 'amount'],
    ['quantity', 'quantity'],
    ['remitDate', 'remit_date'],
    ['receiptGid', 'receipt_id', 'receipts'],
  ],
  claim_remarks: [
    ['claimGid', 'claim_id', 'claims'],
    ['claimLineGid', 'claim_line_id', 'claim_lines'],
    ['code', 'code'],
  ],
  // as opened: its running totals are each copy's sums, its later changes the desk's own
  deposit_batches: [
    ['depositDate', 'deposit_date'],
    ['source', 'source'],
    ['expectedTotal', 'expected_total'],
    ['description', 'description'],
    ['createdAt', 'created_at'],
    ['createdBy', 'created_by', 'users'],
  ],
  // the denial an 835 opens, worked through its states; which remittance it came from is
  // the importing desk's record (the file stays there), so it is not sent
  denials: [
    ['claimGid', 'claim_id', 'claims'],
    ['followUpGid', 'follow_up_id', 'follow_ups'],
    ['category', 'category'],
    ['action', 'action'],
    ['codes', 'codes'],
    ['amount', 'amount'],
    ['remitDate', 'remit_date'],
    ['deadlineDate', 'deadline_date'],
    ['state', 'state'],
    ['appealLevel', 'appeal_level'],
    ['resolution', 'resolution'],
    ['createdAt', 'created_at'],
    ['updatedAt', 'updated_at'],
    ['updatedBy', 'updated_by', 'users'],
  ],
  // the payer's answer to an appeal, kept as recorded
  appeal_responses: [
    ['denialGid', 'denial_id', 'denials'],
    ['level', 'level'],
    ['kind', 'kind'],
    ['letterDate', 'letter_date'],
    ['reference', 'reference'],
    ['recordedAt', 'recorded_at'],
    ['recordedBy', 'recorded_by', 'users'],
  ],
  ...COLLECTION_COLUMNS,
  ...CONTACT_COLUMNS,
  // a payment plan (its installments inside it) and a promise to pay
  ...PLAN_COLUMNS,
  ...ASSISTANCE_COLUMNS,
  ...STATUS_COLUMNS,
  ...REQUEST_COLUMNS,
};

/** The server's column for a desktop's: a reference is kept by office-wide id. */
export function serverColumn([, column, refersTo]: Column): string {
  return refersTo ? column.replace(/_id$/, '_gid') : column;
}

/**
 * The records whose later changes travel too (capture-triggers.ts), as versioned rows: the version
 * a change started from is checked on the server, as for follow-ups and users.
 */
export const CHANGEABLE_TABLES = [
  'facilities',
  'payers',
  'people',
  'accounts',
  'coverages',
  'claims',
  'denials',
  'bad_debt_moves',
  'agency_placements',
  'extraordinary_actions',
  'contact_restrictions',
  'collection_holds',
  'payment_plans',
  'assistance_applications',
  'agencies',
  'claim_lines',
  'adjustment_requests',
] as const satisfies readonly RecordTable[];

export type ChangeableTable = (typeof CHANGEABLE_TABLES)[number];

const CHANGEABLE: readonly string[] = CHANGEABLE_TABLES;

/** What names a changeable record (its code, number or owner) never changes after it is made. */
const NAMING: Record<ChangeableTable, readonly string[]> = {
  // a facility is renamed or given another NPI in Settings; nothing of it is fixed but its id
  facilities: [],
  payers: ['payer_code'],
  people: [],
  // an account is one episode of one patient; its status and class are what change
  accounts: ['account_number', 'patient_id'],
  coverages: ['account_id'],
  claims: ['claim_number', 'account_id'],
  // one denial per claim: a claim denied again changes its denial (recordDenial)
  denials: ['claim_id'],
  ...COLLECTION_NAMING,
  ...CONTACT_NAMING,
  ...PLAN_NAMING,
  ...ASSISTANCE_NAMING,
  // a replacement claim (837 frequency 7) changes a line's codes and charge, or removes it
  claim_lines: ['claim_id', 'line_number'],
  ...REQUEST_NAMING,
};

/** The desktop's columns a later change of a changeable record can move, in COLUMNS' order. */
export function changingColumns(tbl: ChangeableTable): string[] {
  return COLUMNS[tbl]
    .map(([, column]) => column)
    .filter((c) => c !== 'created_at' && !NAMING[tbl].includes(c));
}

export function isChangeable(tbl: string): tbl is ChangeableTable {
  return CHANGEABLE.includes(tbl);
}

/** A change to a record whose changes travel: its insert or a later update. */
export function isChangeableChange<C extends { tbl: string }>(
  c: C,
): c is Extract<C, { tbl: ChangeableTable }> {
  return isChangeable(c.tbl);
}
