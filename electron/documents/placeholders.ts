/**
 * Every placeholder a template may use. The label is what prints, in brackets, when the
 * value is missing (`[MEMBER ID]`), so a reader of the paper sees exactly which fact was
 * not on file; the caption is the friendlier form used in the reference (RE:) block.
 *
 * Value types decide how a value is printed: money is whole cents, dates are IsoDate and
 * print as MM/DD/YYYY, a date range prints one date when both ends agree. Block
 * placeholders expand to tables or lists and must stand alone on a body line.
 */
export type PlaceholderType = 'text' | 'multiline' | 'money' | 'date' | 'dateRange' | 'block';

export type PlaceholderGroup =
  | 'facility'
  | 'payer'
  | 'patient'
  | 'claim'
  | 'appeal'
  | 'representative'
  | 'guarantor'
  | 'collections'
  | 'document';

export interface PlaceholderSpec {
  readonly label: string;
  readonly caption: string;
  readonly type: PlaceholderType;
  readonly group: PlaceholderGroup;
  readonly description: string;
}

// Generic in the type so each entry keeps its literal type, which LetterFields reads.
function p<T extends PlaceholderType>(
  group: PlaceholderGroup,
  type: T,
  label: string,
  caption: string,
  description: string,
): { group: PlaceholderGroup; type: T; label: string; caption: string; description: string } {
  return { group, type, label, caption, description };
}

export const PLACEHOLDERS = {
  // facility letterhead
  facility_name: p(
    'facility',
    'text',
    'FACILITY NAME',
    'Facility',
    'Legal name of the hospital or clinic.',
  ),
  facility_address: p(
    'facility',
    'multiline',
    'FACILITY ADDRESS',
    'Address',
    'Street, city, state and ZIP of the facility, one line each.',
  ),
  facility_phone: p(
    'facility',
    'text',
    'FACILITY PHONE',
    'Phone',
    'Main business-office telephone number.',
  ),
  facility_fax: p('facility', 'text', 'FACILITY FAX', 'Fax', 'Business-office fax number.'),
  facility_npi: p(
    'facility',
    'text',
    'FACILITY NPI',
    'NPI',
    'Billing provider National Provider Identifier (10 digits).',
  ),
  facility_tax_id: p(
    'facility',
    'text',
    'FACILITY TAX ID',
    'Tax ID',
    'Billing provider federal tax identification number (EIN).',
  ),
  facility_website: p(
    'facility',
    'text',
    'FACILITY WEBSITE',
    'Website',
    'Public web address of the facility.',
  ),
  billing_office_phone: p(
    'facility',
    'text',
    'BILLING OFFICE PHONE',
    'Billing office',
    'Patient financial services telephone number printed on patient letters.',
  ),
  billing_office_hours: p(
    'facility',
    'text',
    'BILLING OFFICE HOURS',
    'Office hours',
    'When the billing office answers the telephone, e.g. "Monday to Friday, 8 a.m. to 5 p.m."',
  ),
  payment_url: p(
    'facility',
    'text',
    'PAYMENT WEBSITE',
    'Pay online',
    'Web address where patients pay online.',
  ),
  remit_address: p(
    'facility',
    'multiline',
    'PAYMENT ADDRESS',
    'Mail payments to',
    'Address where patients mail payments (lockbox), one line each.',
  ),
  financial_assistance_phone: p(
    'facility',
    'text',
    'FINANCIAL ASSISTANCE PHONE',
    'Financial assistance',
    'Telephone number of the financial assistance (charity care) office.',
  ),
  financial_assistance_url: p(
    'facility',
    'text',
    'FINANCIAL ASSISTANCE WEBSITE',
    'Financial assistance online',
    'Web address of the financial assistance policy and application.',
  ),

  // payer
  payer_name: p(
    'payer',
    'text',
    'PAYER NAME',
    'Payer',
    'Name of the insurance plan or Medicare contractor.',
  ),
  payer_appeals_address: p(
    'payer',
    'multiline',
    'PAYER APPEALS ADDRESS',
    'Appeals address',
    'Mailing address of the payer appeals or reconsideration unit, one line each.',
  ),
  payer_appeals_fax: p(
    'payer',
    'text',
    'PAYER APPEALS FAX',
    'Appeals fax',
    'Fax number of the payer appeals unit.',
  ),
  primary_payer_name: p(
    'payer',
    'text',
    'PRIMARY PAYER',
    'Primary payer',
    'Payer that is primary under coordination of benefits.',
  ),

  // patient and coverage
  patient_name: p(
    'patient',
    'text',
    'PATIENT NAME',
    'Patient',
    'Patient (beneficiary) full name as shown on the insurance card.',
  ),
  date_of_birth: p('patient', 'date', 'DATE OF BIRTH', 'Date of birth', 'Patient date of birth.'),
  member_id: p(
    'patient',
    'text',
    'MEMBER ID',
    'Member ID',
    'Subscriber or member identification number from the insurance card.',
  ),
  group_number: p(
    'patient',
    'text',
    'GROUP NUMBER',
    'Group number',
    'Employer or plan group number.',
  ),
  medicare_number: p(
    'patient',
    'text',
    'MEDICARE NUMBER',
    'Medicare number',
    'Medicare Beneficiary Identifier (MBI) from the Medicare card.',
  ),
  date_of_death: p(
    'patient',
    'date',
    'DATE OF DEATH',
    'Date of death',
    'Date of death of the patient, when known.',
  ),

  // the claim
  account_number: p(
    'claim',
    'text',
    'ACCOUNT NUMBER',
    'Account number',
    'Our patient account number.',
  ),
  claim_number: p(
    'claim',
    'text',
    'CLAIM NUMBER',
    'Our claim number',
    'Our claim identifier (patient control number, CLM01).',
  ),
  payer_claim_number: p(
    'claim',
    'text',
    'PAYER CLAIM NUMBER',
    'Payer claim number',
    'Claim number the payer assigned (ICN / DCN).',
  ),
  dates_of_service: p(
    'claim',
    'dateRange',
    'DATES OF SERVICE',
    'Dates of service',
    'First and last date of service on the claim.',
  ),
  procedure_codes: p(
    'claim',
    'text',
    'PROCEDURE CODES',
    'Procedure codes',
    'CPT / HCPCS codes (and modifiers) at issue.',
  ),
  diagnosis_codes: p(
    'claim',
    'text',
    'DIAGNOSIS CODES',
    'Diagnosis codes',
    'ICD-10-CM codes supporting the services.',
  ),
  service_description: p(
    'claim',
    'text',
    'SERVICE DESCRIPTION',
    'Service',
    'Plain description of the item or service at issue.',
  ),
  billed_amount: p(
    'claim',
    'money',
    'BILLED AMOUNT',
    'Billed amount',
    'Total charges billed on the claim.',
  ),
  paid_amount: p('claim', 'money', 'PAID AMOUNT', 'Paid amount', 'Amount the payer paid.'),
  denied_amount: p(
    'claim',
    'money',
    'DENIED AMOUNT',
    'Amount in dispute',
    'Amount denied or in dispute.',
  ),
  expected_amount: p(
    'claim',
    'money',
    'EXPECTED AMOUNT',
    'Expected payment',
    'Payment due under the contract or fee schedule.',
  ),
  underpaid_amount: p(
    'claim',
    'money',
    'UNDERPAID AMOUNT',
    'Underpayment',
    'Difference between the expected and the paid amount.',
  ),
  remittance_date: p(
    'claim',
    'date',
    'REMITTANCE DATE',
    'Remittance date',
    'Date of the remittance advice (835 / EOB) carrying the denial.',
  ),
  appeal_deadline: p(
    'claim',
    'date',
    'APPEAL DEADLINE',
    'Appeal deadline',
    'Last day the payer accepts this appeal.',
  ),
  denial_code_list: p(
    'claim',
    'text',
    'DENIAL CODES',
    'Denial codes',
    'The denial codes in one line, e.g. "CO-50, N115".',
  ),
  service_lines: p(
    'claim',
    'block',
    'SERVICE LINES',
    'Service lines',
    'Table of the service lines at issue: date, code, description, billed, paid, denied.',
  ),
  denial_codes: p(
    'claim',
    'block',
    'DENIAL CODES WITH WORDING',
    'Denial codes',
    'Table of the group / reason / remark codes with their published wording.',
  ),

  // appeal specifics
  clinical_summary: p(
    'appeal',
    'multiline',
    'CLINICAL SUMMARY',
    'Clinical summary',
    'Short summary of the presenting problem, findings and why the service was needed.',
  ),
  authorization_number: p(
    'appeal',
    'text',
    'AUTHORIZATION NUMBER',
    'Authorization number',
    'Prior authorization or reference number.',
  ),
  authorization_date: p(
    'appeal',
    'date',
    'AUTHORIZATION DATE',
    'Authorization date',
    'Date the authorization was requested or issued.',
  ),
  original_submission_date: p(
    'appeal',
    'date',
    'ORIGINAL SUBMISSION DATE',
    'Originally submitted',
    'Date the claim was first submitted.',
  ),
  submission_proof: p(
    'appeal',
    'text',
    'PROOF OF SUBMISSION',
    'Proof of submission',
    'Clearinghouse acceptance report (999 / 277CA) or other proof, with its reference number.',
  ),
  other_coverage_status: p(
    'appeal',
    'text',
    'OTHER COVERAGE STATUS',
    'Other coverage',
    'What is known about other coverage, e.g. "terminated 12/31/2025".',
  ),
  eligibility_verification_date: p(
    'appeal',
    'date',
    'ELIGIBILITY VERIFICATION DATE',
    'Eligibility verified',
    'Date eligibility was verified with the payer.',
  ),
  eligibility_reference: p(
    'appeal',
    'text',
    'ELIGIBILITY REFERENCE',
    'Eligibility reference',
    'Reference number of the eligibility check (271 trace or call reference).',
  ),
  contract_name: p(
    'appeal',
    'text',
    'CONTRACT NAME',
    'Contract',
    'Name and effective date of the participation agreement or fee schedule.',
  ),
  first_appeal_date: p(
    'appeal',
    'date',
    'FIRST APPEAL DATE',
    'First appeal sent',
    'Date the first-level appeal was sent.',
  ),
  first_appeal_decision_date: p(
    'appeal',
    'date',
    'FIRST APPEAL DECISION DATE',
    'First appeal decision',
    'Date of the letter upholding the denial.',
  ),
  first_appeal_reference: p(
    'appeal',
    'text',
    'FIRST APPEAL REFERENCE',
    'First appeal reference',
    'Case or reference number of the first-level appeal.',
  ),
  initial_determination_date: p(
    'appeal',
    'date',
    'INITIAL DETERMINATION DATE',
    'Initial determination',
    'Date of the initial determination notice (remittance advice or MSN).',
  ),
  disagreement_reason: p(
    'appeal',
    'multiline',
    'REASON FOR DISAGREEMENT',
    'Reason for disagreement',
    'Why the determination is wrong, in the words of the person appealing.',
  ),
  late_filing_reason: p(
    'appeal',
    'text',
    'REASON FOR LATE FILING',
    'Reason for late filing',
    'Good cause for filing after the deadline, if it was missed.',
  ),
  requester_relationship: p(
    'appeal',
    'text',
    'REQUESTER RELATIONSHIP',
    'Relationship to beneficiary',
    'Relationship of the person appealing to the beneficiary, e.g. "Provider".',
  ),
  correction_description: p(
    'appeal',
    'multiline',
    'CORRECTION DESCRIPTION',
    'Correction',
    'What was changed on the corrected claim and why.',
  ),

  // who writes
  representative_name: p(
    'representative',
    'text',
    'REPRESENTATIVE NAME',
    'Representative',
    'Name of the account representative signing the letter.',
  ),
  representative_title: p(
    'representative',
    'text',
    'REPRESENTATIVE TITLE',
    'Title',
    'Job title of the representative.',
  ),
  representative_phone: p(
    'representative',
    'text',
    'REPRESENTATIVE PHONE',
    'Direct phone',
    'Direct telephone number of the representative.',
  ),
  representative_email: p(
    'representative',
    'text',
    'REPRESENTATIVE EMAIL',
    'Email',
    'Business email of the representative.',
  ),

  // guarantor and patient balance
  guarantor_name: p(
    'guarantor',
    'text',
    'GUARANTOR NAME',
    'Guarantor',
    'Person responsible for the account.',
  ),
  guarantor_address: p(
    'guarantor',
    'multiline',
    'GUARANTOR ADDRESS',
    'Address',
    'Mailing address of the guarantor, one line each.',
  ),
  balance_due: p('collections', 'money', 'BALANCE DUE', 'Balance due', 'Patient balance now due.'),
  due_date: p('collections', 'date', 'DUE DATE', 'Due date', 'Date payment is due.'),
  statement_date: p(
    'collections',
    'date',
    'STATEMENT DATE',
    'Statement date',
    'Date of the first statement for this balance.',
  ),
  days_past_due: p(
    'collections',
    'text',
    'DAYS PAST DUE',
    'Days past due',
    'How many days the balance is past due.',
  ),
  last_payment_date: p(
    'collections',
    'date',
    'LAST PAYMENT DATE',
    'Last payment',
    'Date of the last payment received.',
  ),
  last_payment_amount: p(
    'collections',
    'money',
    'LAST PAYMENT AMOUNT',
    'Last payment amount',
    'Amount of the last payment received.',
  ),
  final_action_date: p(
    'collections',
    'date',
    'FINAL ACTION DATE',
    'Respond by',
    'Date after which the account may be referred for collection.',
  ),
  plan_total: p(
    'collections',
    'money',
    'PLAN TOTAL',
    'Plan balance',
    'Balance covered by the payment plan.',
  ),
  plan_down_payment: p(
    'collections',
    'money',
    'PLAN DOWN PAYMENT',
    'Down payment',
    'Payment made when the plan is signed (may be $0.00).',
  ),
  plan_monthly_amount: p(
    'collections',
    'money',
    'PLAN MONTHLY AMOUNT',
    'Monthly payment',
    'Amount due each month under the plan.',
  ),
  plan_installments: p(
    'collections',
    'text',
    'NUMBER OF PAYMENTS',
    'Number of payments',
    'How many monthly payments the plan has.',
  ),
  plan_first_payment_date: p(
    'collections',
    'date',
    'FIRST PAYMENT DATE',
    'First payment due',
    'Due date of the first monthly payment.',
  ),
  plan_day_of_month: p(
    'collections',
    'text',
    'PAYMENT DAY OF MONTH',
    'Payment day',
    'Day of each month a payment is due, e.g. "15th".',
  ),
  financial_assistance_eligibility: p(
    'collections',
    'text',
    'ASSISTANCE ELIGIBILITY',
    'Assistance eligibility',
    'Plain statement of who qualifies, e.g. "household income at or below 400% of the Federal Poverty Guidelines".',
  ),
  estate_contact_name: p(
    'collections',
    'text',
    'ESTATE REPRESENTATIVE',
    'Estate representative',
    'Executor, administrator or attorney for the estate, if known.',
  ),
  returned_mail_date: p(
    'collections',
    'date',
    'RETURNED MAIL DATE',
    'Mail returned',
    'Date mail to this address came back undeliverable.',
  ),
  reply_by_date: p(
    'collections',
    'date',
    'REPLY BY DATE',
    'Please reply by',
    'Date by which we ask for a reply.',
  ),

  // the document itself
  today: p('document', 'date', 'DATE', 'Date', 'Date of the letter (the date it is generated).'),
  enclosures: p(
    'document',
    'block',
    'ENCLOSURES',
    'Enclosures',
    'List of the documents enclosed with the letter.',
  ),
} as const satisfies Record<string, PlaceholderSpec>;

export type PlaceholderKey = keyof typeof PLACEHOLDERS;

type KeysOfType<T extends PlaceholderType> = {
  [K in PlaceholderKey]: (typeof PLACEHOLDERS)[K]['type'] extends T ? K : never;
}[PlaceholderKey];

export type TextKey = KeysOfType<'text' | 'multiline'>;
export type MoneyKey = KeysOfType<'money'>;
export type DateKey = KeysOfType<'date'>;
export type DateRangeKey = KeysOfType<'dateRange'>;
export type BlockKey = KeysOfType<'block'>;

export const PLACEHOLDER_KEYS = Object.keys(PLACEHOLDERS) as PlaceholderKey[];

export function isPlaceholderKey(key: string): key is PlaceholderKey {
  return Object.hasOwn(PLACEHOLDERS, key);
}

export function placeholderSpec(key: PlaceholderKey): PlaceholderSpec {
  return PLACEHOLDERS[key];
}

/** `[MEMBER ID]`: how a known placeholder without data prints. */
export function missingMarker(key: PlaceholderKey): string {
  return `[${PLACEHOLDERS[key].label}]`;
}
