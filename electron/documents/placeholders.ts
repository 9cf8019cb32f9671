/**
 * Every placeholder a template may use. The label is what prints, in brackets, when the
 * value is missing (`[MEMBER ID]`), so a reader of the paper sees exactly which fact was
 * not on file; the caption is the friendlier form used in the reference (RE:) block.
 *
 * Value types decide how a value is printed: money is whole cents, dates are IsoDate and
 * print as MM/DD/YYYY, a date range prints one date when both ends agree. Block
 * placeholders expand to tables or lists and must stand alone on a body line.
 */
import { p, type PlaceholderSpec, type PlaceholderType } from './placeholder-spec';
import { APPEAL_PLACEHOLDERS } from './placeholders-appeal';
import { BALANCE_PLACEHOLDERS } from './placeholders-balance';
import { CLAIM_PLACEHOLDERS } from './placeholders-claim';

export type { PlaceholderGroup, PlaceholderSpec, PlaceholderType } from './placeholder-spec';

// in this order: PLACEHOLDER_KEYS, and every list made from it, keeps it
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
  financial_assistance_summary_url: p(
    'facility',
    'text',
    'ASSISTANCE SUMMARY WEBSITE',
    'Plain-language summary',
    'Web address of the plain-language summary of the financial assistance policy.',
  ),

  ...CLAIM_PLACEHOLDERS,
  ...APPEAL_PLACEHOLDERS,
  ...BALANCE_PLACEHOLDERS,

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
