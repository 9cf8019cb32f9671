import { labelled } from '../codes/enums';

/**
 * The ClaimDesk fields a spreadsheet of accounts and balances can fill, in the order the
 * mapping shows them. A mapping names, for each field, the file's column (by its header)
 * that holds it; headers rather than positions, so next month's export still fits when
 * its columns move.
 */
interface FieldDef<K extends string> {
  key: K;
  label: string;
  group: 'Account' | 'Patient' | 'Address' | 'Guarantor' | 'Insurance' | 'Balances';
  required: boolean;
  /** Header names other systems use for it, to propose a first mapping. */
  aliases: readonly string[];
}

const field = <const K extends string>(
  key: K,
  label: string,
  group: FieldDef<K>['group'],
  options: { required?: boolean; aliases?: readonly string[] } = {},
): FieldDef<K> => ({
  key,
  label,
  group,
  required: options.required ?? false,
  aliases: options.aliases ?? [],
});

export const CSV_FIELDS = [
  field('accountNumber', 'Account number', 'Account', {
    required: true,
    aliases: ['account', 'account no', 'account #', 'acct', 'acct no', 'acct #', 'account num'],
  }),
  field('serviceDate', 'Service date', 'Account', {
    required: true,
    aliases: ['dos', 'date of service', 'service', 'visit date', 'admit date'],
  }),
  field('financialClass', 'Financial class', 'Account', { aliases: ['fin class', 'fc'] }),
  field('patientLastName', 'Patient last name', 'Patient', {
    required: true,
    aliases: ['last name', 'patient last', 'pt last name', 'last'],
  }),
  field('patientFirstName', 'Patient first name', 'Patient', {
    required: true,
    aliases: ['first name', 'patient first', 'pt first name', 'first'],
  }),
  field('dateOfBirth', 'Date of birth', 'Patient', {
    aliases: ['dob', 'birth date', 'birthdate', 'patient dob'],
  }),
  field('sex', 'Sex', 'Patient', { aliases: ['gender', 'patient sex'] }),
  field('phone', 'Phone', 'Patient', {
    aliases: ['phone number', 'telephone', 'home phone', 'patient phone'],
  }),
  field('addressLine1', 'Address line 1', 'Address', {
    aliases: ['address', 'address 1', 'address1', 'street', 'street address'],
  }),
  field('addressLine2', 'Address line 2', 'Address', {
    aliases: ['address 2', 'address2', 'apt', 'suite'],
  }),
  field('city', 'City', 'Address'),
  field('state', 'State', 'Address', { aliases: ['st'] }),
  field('zip', 'ZIP code', 'Address', { aliases: ['zip', 'zipcode', 'postal code'] }),
  field('guarantorLastName', 'Guarantor last name', 'Guarantor', {
    aliases: ['guarantor last', 'gt last name'],
  }),
  field('guarantorFirstName', 'Guarantor first name', 'Guarantor', {
    aliases: ['guarantor first', 'gt first name'],
  }),
  field('guarantorRelationship', 'Guarantor relationship', 'Guarantor', {
    aliases: ['relationship', 'relation', 'guarantor relation'],
  }),
  field('payerCode', 'Payer code', 'Insurance', {
    aliases: ['payer', 'payer id', 'insurance code', 'plan code'],
  }),
  field('memberId', 'Member ID', 'Insurance', {
    aliases: ['member', 'member number', 'subscriber id', 'policy number', 'policy'],
  }),
  field('groupNumber', 'Group number', 'Insurance', { aliases: ['group', 'group no', 'group #'] }),
  field('insuranceBalance', 'Insurance balance', 'Balances', {
    aliases: ['ins balance', 'ins bal', 'insurance due'],
  }),
  field('patientBalance', 'Patient balance', 'Balances', {
    aliases: ['pt balance', 'pt bal', 'patient due', 'self pay balance'],
  }),
  // the collection history so far, so statements here go on from where they were
  field('patientSinceDate', 'Patient owes since', 'Balances', {
    aliases: [
      'patient responsibility date',
      'pt resp date',
      'self pay date',
      'oldest patient date',
    ],
  }),
  field('statementsSent', 'Statements sent', 'Balances', {
    aliases: ['statement count', 'stmt count', 'statements', 'dunning count'],
  }),
] as const;

export type CsvFieldKey = (typeof CSV_FIELDS)[number]['key'];
export const CSV_FIELD_KEYS = CSV_FIELDS.map((f) => f.key) as unknown as readonly [
  CsvFieldKey,
  ...CsvFieldKey[],
];
export const CSV_FIELD_LABELS = Object.fromEntries(CSV_FIELDS.map((f) => [f.key, f.label])) as {
  [K in CsvFieldKey]: string;
};

/** For each field mapped, the header of the file's column that holds it. */
export type CsvColumns = Partial<Record<CsvFieldKey, string>>;

/** How the guarantor is related to the patient; "self" when the patient is their own guarantor. */
export const GUARANTOR_RELATIONSHIP = labelled([
  ['self', 'Self'],
  ['spouse', 'Spouse'],
  ['parent', 'Parent'],
  ['child', 'Child'],
  ['other', 'Other'],
] as const);
export type GuarantorRelationship = (typeof GUARANTOR_RELATIONSHIP.keys)[number];

const BALANCE_FIELDS: readonly CsvFieldKey[] = ['insuranceBalance', 'patientBalance'];

/** Case, spaces and punctuation aside, so "Acct #" and "ACCT#" are one header. */
export function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9#]/g, '');
}

/**
 * A first mapping for a file nobody mapped yet: each field takes the column whose header
 * is its name or a name other systems use for it. Only a proposal; a person confirms it.
 */
export function suggestColumns(headers: readonly string[]): CsvColumns {
  const byName = new Map<string, string>();
  for (const h of headers) {
    const key = normalizeHeader(h);
    if (!byName.has(key)) byName.set(key, h);
  }
  const taken = new Set<string>();
  const out: CsvColumns = {};
  for (const f of CSV_FIELDS) {
    for (const name of [f.label, ...f.aliases]) {
      const header = byName.get(normalizeHeader(name));
      if (header !== undefined && !taken.has(header)) {
        out[f.key] = header;
        taken.add(header);
        break;
      }
    }
  }
  return out;
}

/** The mapped fields that fit this file: only headers the file has, once each. */
export function applicableColumns(columns: CsvColumns, headers: readonly string[]): CsvColumns {
  const out: CsvColumns = {};
  for (const key of CSV_FIELD_KEYS) {
    const header = columns[key];
    if (header !== undefined && headers.includes(header)) out[key] = header;
  }
  return out;
}

/**
 * What stops a mapping from being used on a file with these headers, in words for the
 * person mapping it; empty when it can be used.
 */
export function columnProblems(columns: CsvColumns, headers: readonly string[]): string[] {
  const problems: string[] = [];
  for (const f of CSV_FIELDS) {
    const header = columns[f.key];
    if (header === undefined) continue;
    const count = headers.filter((h) => h === header).length;
    if (count === 0)
      problems.push(
        `${f.label} is mapped to the column "${header}", which this file does not have.`,
      );
    else if (count > 1)
      problems.push(
        `The file has more than one column named "${header}"; rename one in the spreadsheet so ${f.label} reads the right one.`,
      );
  }
  const missing = CSV_FIELDS.filter((f) => f.required && columns[f.key] === undefined);
  if (missing.length > 0)
    problems.push(
      `Choose the column for ${missing.length === 1 ? 'the required field' : 'each required field'}: ${missing.map((f) => f.label).join(', ')}.`,
    );
  if (BALANCE_FIELDS.every((k) => columns[k] === undefined))
    problems.push('Choose the column for Insurance balance, Patient balance or both.');
  return problems;
}

/** Where each mapped field sits in a row; call only once columnProblems is empty. */
export function columnIndexes(
  columns: CsvColumns,
  headers: readonly string[],
): Partial<Record<CsvFieldKey, number>> {
  const out: Partial<Record<CsvFieldKey, number>> = {};
  for (const key of CSV_FIELD_KEYS) {
    const header = columns[key];
    if (header !== undefined) out[key] = headers.indexOf(header);
  }
  return out;
}
