import type { PayerId } from '../../../shared/ids';
import { type CsvFieldKey, type GuarantorRelationship } from '../../../shared/csv/account-fields';
import type { CsvRecord } from '../../../shared/csv/read';
import { unguardCell } from '../../../shared/csv/write';
import type { FinancialClass } from '../../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { ZERO, type Cents } from '../../../shared/money/cents';
import { RowCells, listOf } from './row-cells';
import {
  readAddress,
  readBalances,
  readCoverage,
  readFinancialClass,
  readGuarantor,
  readPhone,
  readSex,
} from './row-fields';

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
    payerId: PayerId;
    payerCode: string;
    memberId: string;
    groupNumber: string | null;
  } | null;
  insuranceBalance: Cents;
  patientBalance: Cents;
  /** The collection history before, when the file gives it. */
  patientSince: IsoDate | null;
  statementsSent: number;
}

export type RowOutcome =
  | { status: 'valid'; account: AccountFromRow }
  | { status: 'invalid'; problems: string[] }
  | { status: 'skip'; accountNumber: string; problems: string[] };

export interface PayerRef {
  id: PayerId;
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

/** The value of the account number cell, as it is compared for duplicates. */
export function accountNumberCell(record: CsvRecord, index: number | undefined): string {
  return index === undefined ? '' : unguardCell((record.cells[index] ?? '').trim());
}

export function readRow(record: CsvRecord, ctx: RowContext): RowOutcome {
  if (record.cells.length > ctx.headerCount) {
    return {
      status: 'invalid',
      problems: [
        `The row has ${record.cells.length} values but the header names ${ctx.headerCount} columns; a value with a comma in it needs quotes around it.`,
      ],
    };
  }
  const cells = new RowCells(record, ctx);
  const problems = cells.problems;

  const accountNumber = cells.text('accountNumber', true);
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

  const lastName = cells.text('patientLastName', true);
  const firstName = cells.text('patientFirstName', true);
  const dateOfBirth = cells.date('dateOfBirth', false);
  const serviceDate = cells.date('serviceDate', true);
  if (dateOfBirth && serviceDate && dateOfBirth > serviceDate) {
    problems.push(
      `${cells.name('dateOfBirth')} ${formatUsDate(dateOfBirth)} is after the service date ${formatUsDate(serviceDate)}.`,
    );
  }
  const sex = readSex(cells);
  const { phone, phoneDigits } = readPhone(cells);
  const address = readAddress(cells);
  const { guarantor, relationship } = readGuarantor(cells, {
    lastName,
    firstName,
    phone,
    phoneDigits,
  });
  const financialClass = readFinancialClass(cells);
  const { payerCode, payer, coverage } = readCoverage(cells, ctx);
  const { insuranceBalance, patientBalance } = readBalances(cells, ctx, payerCode);
  const patientSince = cells.date('patientSinceDate', false);
  const sentText = cells.text('statementsSent', false);
  if (sentText !== null && !/^\d{1,3}$/.test(sentText)) {
    problems.push(`${cells.name('statementsSent')} "${sentText}" is not a number of statements.`);
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
      patientSince,
      statementsSent: sentText !== null ? Number(sentText) : 0,
    },
  };
}
