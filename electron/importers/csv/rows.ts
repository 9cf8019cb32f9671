import {
  CSV_FIELD_LABELS,
  GUARANTOR_RELATIONSHIP,
  normalizeHeader,
  type CsvFieldKey,
  type GuarantorRelationship,
} from '../../../shared/csv/account-fields';
import type { CsvRecord } from '../../../shared/csv/read';
import { unguardCell } from '../../../shared/csv/write';
import { FINANCIAL_CLASS, type FinancialClass } from '../../../shared/codes/enums';
import { formatUsDate, readUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { ZERO, type Cents } from '../../../shared/money/cents';
import { formatCents, parseMoney } from '../../../shared/money/format';

/**
 * Reads one spreadsheet row into an account to open, or says everything wrong with it,
 * each problem in words a person fixing the file can act on.
 */

export interface PersonFromRow {
  lastName: string;
  firstName: string;
  dateOfBirth: IsoDate | null;
  sex: 'F' | 'M' | 'U' | null;
  phone: string | null;
  phoneDigits: string | null;
}

export interface AddressFromRow {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface AccountFromRow {
  rowNumber: number;
  accountNumber: string;
  patient: PersonFromRow;
  /** Null when the patient is their own guarantor. */
  guarantor: PersonFromRow | null;
  relationship: GuarantorRelationship;
  address: AddressFromRow | null;
  serviceDate: IsoDate;
  financialClass: FinancialClass;
  coverage: {
    payerId: number;
    payerCode: string;
    memberId: string;
    groupNumber: string | null;
  } | null;
  insuranceBalance: Cents;
  patientBalance: Cents;
}

export type RowOutcome =
  | { status: 'valid'; account: AccountFromRow }
  | { status: 'invalid'; problems: string[] }
  | { status: 'skip'; accountNumber: string; problems: string[] };

export interface PayerRef {
  id: number;
  code: string;
  financialClass: FinancialClass;
}

export interface RowContext {
  today: IsoDate;
  headerCount: number;
  /** Where each mapped field sits in a row, and the header it has there. */
  indexes: Partial<Record<CsvFieldKey, number>>;
  headers: readonly string[];
  findPayer(code: string): PayerRef | undefined;
  accountExists(accountNumber: string): boolean;
  /** The rows of the file each account number is on. */
  rowsOfAccount(accountNumber: string): readonly number[];
}

/** The largest amount a cents field takes anywhere in ClaimDesk. */
const MAX_AMOUNT = 99_999_999_99;

const LIMITS: Partial<Record<CsvFieldKey, number>> = {
  accountNumber: 30,
  patientLastName: 60,
  patientFirstName: 60,
  guarantorLastName: 60,
  guarantorFirstName: 60,
  addressLine1: 100,
  addressLine2: 100,
  city: 60,
  memberId: 40,
  groupNumber: 40,
  payerCode: 20,
};

const SEXES: Record<string, 'F' | 'M' | 'U'> = {
  f: 'F',
  female: 'F',
  m: 'M',
  male: 'M',
  u: 'U',
  unknown: 'U',
};

function codeOf<K extends string>(
  table: { keys: readonly K[]; labels: Record<K, string> },
  text: string,
): K | null {
  const wanted = normalizeHeader(text);
  return (
    table.keys.find(
      (k) => normalizeHeader(k) === wanted || normalizeHeader(table.labels[k]) === wanted,
    ) ?? null
  );
}

/** "a, b or c"; a long list is cut after its first few. */
function listOf(items: readonly string[], conjunction: 'or' | 'and'): string {
  const shown = items.length > 6 ? [...items.slice(0, 5), `${items.length - 5} more`] : items;
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1] ?? ''}`;
}

/** The value of the account number cell, as it is compared for duplicates. */
export function accountNumberCell(record: CsvRecord, index: number | undefined): string {
  return index === undefined ? '' : unguardCell((record.cells[index] ?? '').trim());
}

export function readRow(record: CsvRecord, ctx: RowContext): RowOutcome {
  const problems: string[] = [];
  const raw = (key: CsvFieldKey): string => {
    const i = ctx.indexes[key];
    return i === undefined ? '' : unguardCell((record.cells[i] ?? '').trim());
  };
  // a field is named as the file names it, so the person can find the cell
  const name = (key: CsvFieldKey): string => {
    const label = CSV_FIELD_LABELS[key];
    const i = ctx.indexes[key];
    const header = i === undefined ? undefined : ctx.headers[i];
    return header === undefined || normalizeHeader(header) === normalizeHeader(label)
      ? label
      : `${label} (column "${header}")`;
  };
  const text = (key: CsvFieldKey, required: boolean): string | null => {
    const value = raw(key);
    if (value === '') {
      if (required) problems.push(`${name(key)} is missing.`);
      return null;
    }
    const limit = LIMITS[key];
    if (limit !== undefined && value.length > limit) {
      problems.push(`${name(key)} is longer than ${limit} characters.`);
      return null;
    }
    return value;
  };
  const date = (key: CsvFieldKey, required: boolean): IsoDate | null => {
    const value = text(key, required);
    if (value === null) return null;
    const reading = readUsDate(value);
    if (!reading.ok) {
      problems.push(`${name(key)} "${value}" ${reading.problem}.`);
      return null;
    }
    if (reading.date > ctx.today) {
      problems.push(`${name(key)} ${formatUsDate(reading.date)} is in the future.`);
      return null;
    }
    return reading.date;
  };
  const amount = (key: CsvFieldKey): Cents | null => {
    const value = text(key, false);
    if (value === null) return null;
    const cents = parseMoney(value);
    if (cents === null) {
      problems.push(
        `${name(key)} "${value}" is not an amount in dollars and cents (like 1,234.50).`,
      );
      return null;
    }
    if (cents > MAX_AMOUNT) {
      problems.push(
        `${name(key)} ${formatCents(cents)} is more than ClaimDesk takes for one amount.`,
      );
      return null;
    }
    if (cents < 0) {
      problems.push(
        `${name(key)} ${formatCents(cents)} is a credit; an account opens with what is owed (0.00 or more). Import it with 0.00 and post the credit on the account.`,
      );
      return null;
    }
    return cents;
  };

  if (record.cells.length > ctx.headerCount) {
    return {
      status: 'invalid',
      problems: [
        `The row has ${record.cells.length} values but the header names ${ctx.headerCount} columns; a value with a comma in it needs quotes around it.`,
      ],
    };
  }

  const accountNumber = text('accountNumber', true);
  if (accountNumber !== null) {
    if (ctx.accountExists(accountNumber)) {
      return {
        status: 'skip',
        accountNumber,
        problems: [
          `Account ${accountNumber} is already in ClaimDesk; post changes as transactions.`,
        ],
      };
    }
    const rows = ctx.rowsOfAccount(accountNumber);
    if (rows.length > 1) {
      problems.push(
        `Account number ${accountNumber} is on rows ${listOf(rows.map(String), 'and')} of this file; keep one row per account.`,
      );
    }
  }

  const lastName = text('patientLastName', true);
  const firstName = text('patientFirstName', true);
  const dateOfBirth = date('dateOfBirth', false);
  const serviceDate = date('serviceDate', true);
  if (dateOfBirth && serviceDate && dateOfBirth > serviceDate) {
    problems.push(
      `${name('dateOfBirth')} ${formatUsDate(dateOfBirth)} is after the service date ${formatUsDate(serviceDate)}.`,
    );
  }

  let sex: PersonFromRow['sex'] = null;
  const sexText = text('sex', false);
  if (sexText !== null) {
    sex = SEXES[sexText.toLowerCase()] ?? null;
    if (sex === null) problems.push(`${name('sex')} "${sexText}" is not F, M or U.`);
  }

  let phone: string | null = null;
  let phoneDigits: string | null = null;
  const phoneText = text('phone', false);
  if (phoneText !== null) {
    let digits = phoneText.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) {
      problems.push(`${name('phone')} "${phoneText}" is not a 10-digit phone number.`);
    } else {
      phoneDigits = digits;
      phone = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    }
  }

  const readAddress = (): AddressFromRow | null => {
    const keys = ['addressLine1', 'addressLine2', 'city', 'state', 'zip'] as const;
    if (keys.every((k) => raw(k) === '')) return null;
    const line1 = text('addressLine1', true);
    const line2 = text('addressLine2', false);
    const city = text('city', true);
    const stateText = text('state', true);
    const zipText = text('zip', true);
    let state: string | null = null;
    if (stateText !== null) {
      if (/^[a-z]{2}$/i.test(stateText)) state = stateText.toUpperCase();
      else problems.push(`${name('state')} "${stateText}" is not a two-letter postal code.`);
    }
    let zip: string | null = null;
    if (zipText !== null) {
      const z = /^(\d{5})-?(\d{4})?$/.exec(zipText);
      if (z) zip = z[2] ? `${z[1]}-${z[2]}` : (z[1] ?? null);
      else if (/^\d{3,4}$/.test(zipText))
        problems.push(
          `${name('zip')} "${zipText}" has lost its leading zero; format the column as text in the spreadsheet and save the file again.`,
        );
      else problems.push(`${name('zip')} "${zipText}" is not 5 digits or ZIP+4.`);
    }
    if (line1 === null || city === null || state === null || zip === null) return null;
    return { line1, line2, city, state, zip };
  };
  const address = readAddress();

  // the guarantor: the patient unless someone else is named
  const gLast = text('guarantorLastName', false);
  const gFirst = text('guarantorFirstName', false);
  const relationshipText = text('guarantorRelationship', false);
  let relationship: GuarantorRelationship | null = 'self';
  if (relationshipText !== null) {
    relationship = codeOf(GUARANTOR_RELATIONSHIP, relationshipText);
    if (relationship === null)
      problems.push(
        `${name('guarantorRelationship')} "${relationshipText}" is not one of ${listOf(
          GUARANTOR_RELATIONSHIP.keys.map((k) => GUARANTOR_RELATIONSHIP.labels[k]),
          'or',
        )}.`,
      );
  }
  let guarantor: PersonFromRow | null = null;
  if (gLast !== null || gFirst !== null) {
    if (gLast === null) problems.push(`${name('guarantorLastName')} is missing.`);
    if (gFirst === null) problems.push(`${name('guarantorFirstName')} is missing.`);
    const samePerson =
      gLast?.toLowerCase() === lastName?.toLowerCase() &&
      gFirst?.toLowerCase() === firstName?.toLowerCase();
    if (gLast !== null && gFirst !== null && !samePerson) {
      if (relationshipText === null) relationship = 'other';
      else if (relationship === 'self')
        problems.push(
          `${name('guarantorRelationship')} says self, but the guarantor ${gFirst} ${gLast} is not the patient.`,
        );
      guarantor = {
        lastName: gLast,
        firstName: gFirst,
        dateOfBirth: null,
        sex: null,
        phone,
        phoneDigits,
      };
    } else if (samePerson && relationship !== null && relationship !== 'self') {
      problems.push(
        `${name('guarantorRelationship')} says ${relationshipText ?? ''}, but the guarantor named is the patient.`,
      );
    }
  } else if (relationship !== null && relationship !== 'self') {
    problems.push(
      `${name('guarantorRelationship')} says ${relationshipText ?? ''}, but no guarantor is named.`,
    );
  }

  let financialClass: FinancialClass | null = null;
  const classText = text('financialClass', false);
  if (classText !== null) {
    financialClass = codeOf(FINANCIAL_CLASS, classText);
    if (financialClass === null)
      problems.push(
        `${name('financialClass')} "${classText}" is not one of ${listOf(
          FINANCIAL_CLASS.keys.map((k) => FINANCIAL_CLASS.labels[k]),
          'or',
        )}.`,
      );
  }

  const payerCode = text('payerCode', false);
  const memberId = text('memberId', false);
  const groupNumber = text('groupNumber', false);
  let coverage: AccountFromRow['coverage'] = null;
  let payer: PayerRef | undefined;
  if (payerCode !== null) {
    payer = ctx.findPayer(payerCode);
    if (!payer)
      problems.push(
        `${name('payerCode')} "${payerCode}" is not a payer in ClaimDesk; add the payer or correct the code.`,
      );
    if (memberId === null) problems.push(`${name('memberId')} is missing for payer ${payerCode}.`);
    if (payer && memberId !== null)
      coverage = { payerId: payer.id, payerCode: payer.code, memberId, groupNumber };
  } else if (memberId !== null || groupNumber !== null) {
    problems.push(`${name('payerCode')} is missing for the member ID or group number given.`);
  }

  const insuranceBalance = amount('insuranceBalance');
  const patientBalance = amount('patientBalance');
  const balanceFields = (['insuranceBalance', 'patientBalance'] as const).filter(
    (k) => ctx.indexes[k] !== undefined,
  );
  if (balanceFields.every((k) => raw(k) === '')) {
    problems.push(
      `No balance: fill ${balanceFields.map(name).join(' or ')} (0.00 when nothing is owed).`,
    );
  }
  if (insuranceBalance !== null && insuranceBalance > 0 && payerCode === null) {
    problems.push(
      `${name('insuranceBalance')} ${formatCents(insuranceBalance)} is owed by insurance, but no payer is given; fill Payer code and Member ID.`,
    );
  }

  if (
    problems.length > 0 ||
    accountNumber === null ||
    lastName === null ||
    firstName === null ||
    serviceDate === null ||
    relationship === null
  ) {
    return { status: 'invalid', problems };
  }
  return {
    status: 'valid',
    account: {
      rowNumber: record.rowNumber,
      accountNumber,
      patient: { lastName, firstName, dateOfBirth, sex, phone, phoneDigits },
      guarantor,
      relationship,
      address,
      serviceDate,
      financialClass: financialClass ?? payer?.financialClass ?? 'self_pay',
      coverage,
      insuranceBalance: insuranceBalance ?? ZERO,
      patientBalance: patientBalance ?? ZERO,
    },
  };
}
