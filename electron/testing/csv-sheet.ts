import type { CsvColumns } from '../../shared/csv/account-fields';
import { toCsv } from '../../shared/csv/write';

/** A spreadsheet export as another billing system writes it, for the tests. */
export const HEADERS = [
  'Acct #',
  'Last Name',
  'First Name',
  'DOB',
  'Sex',
  'Address',
  'City',
  'State',
  'ZIP',
  'Phone',
  'Guarantor Last',
  'Guarantor First',
  'Relationship',
  'DOS',
  'Fin Class',
  'Payer',
  'Member ID',
  'Group',
  'Ins Balance',
  'Pt Balance',
] as const;

export type SheetRow = Record<(typeof HEADERS)[number], string>;

export const COLUMNS: CsvColumns = {
  accountNumber: 'Acct #',
  patientLastName: 'Last Name',
  patientFirstName: 'First Name',
  dateOfBirth: 'DOB',
  sex: 'Sex',
  addressLine1: 'Address',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  phone: 'Phone',
  guarantorLastName: 'Guarantor Last',
  guarantorFirstName: 'Guarantor First',
  guarantorRelationship: 'Relationship',
  serviceDate: 'DOS',
  financialClass: 'Fin Class',
  payerCode: 'Payer',
  memberId: 'Member ID',
  groupNumber: 'Group',
  insuranceBalance: 'Ins Balance',
  patientBalance: 'Pt Balance',
};

/** A row that imports cleanly (with a payer of this code in ClaimDesk); change what a test needs. */
export function sheetRow(
  accountNumber: string,
  payerCode: string,
  over: Partial<SheetRow> = {},
): SheetRow {
  return {
    'Acct #': accountNumber,
    'Last Name': 'Okafor',
    'First Name': 'Grace',
    DOB: '04/12/1961',
    Sex: 'F',
    Address: '12 Elm St',
    City: 'Springfield',
    State: 'IL',
    ZIP: '62704',
    Phone: '(217) 555-0134',
    'Guarantor Last': '',
    'Guarantor First': '',
    Relationship: '',
    DOS: '01/15/2026',
    'Fin Class': 'Commercial',
    Payer: payerCode,
    'Member ID': 'XJ44120',
    Group: 'G-100',
    'Ins Balance': '1,234.50',
    'Pt Balance': '$80',
    ...over,
  };
}

/** The rows as a CSV file with the export's header. */
export function sheet(rows: readonly SheetRow[]): string {
  return toCsv([[...HEADERS], ...rows.map((r) => HEADERS.map((h) => r[h]))]);
}
