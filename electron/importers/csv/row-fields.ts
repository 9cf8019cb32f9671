import {
  type CsvFieldKey,
  GUARANTOR_RELATIONSHIP,
  type GuarantorRelationship,
} from '../../../shared/csv/account-fields';
import { FINANCIAL_CLASS, type FinancialClass } from '../../../shared/codes/enums';
import type { Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { codeOf, listOf, type RowCells } from './row-cells';
import type { AccountFromRow, AddressFromRow, PayerRef, PersonFromRow, RowContext } from './rows';

/*
 * The parts of an account row that take more than one cell or a lookup: each reads its
 * cells, adds its problems and returns what it could read.
 */

const SEXES: Record<string, 'F' | 'M' | 'U'> = {
  f: 'F',
  female: 'F',
  m: 'M',
  male: 'M',
  u: 'U',
  unknown: 'U',
};

export function readSex(cells: RowCells): PersonFromRow['sex'] {
  let sex: PersonFromRow['sex'] = null;
  const sexText = cells.text('sex', false);
  if (sexText !== null) {
    sex = SEXES[sexText.toLowerCase()] ?? null;
    if (sex === null) cells.problems.push(`${cells.name('sex')} "${sexText}" is not F, M or U.`);
  }
  return sex;
}

export function readPhone(cells: RowCells): Pick<PersonFromRow, 'phone' | 'phoneDigits'> {
  let phone: string | null = null;
  let phoneDigits: string | null = null;
  const phoneText = cells.text('phone', false);
  if (phoneText !== null) {
    let digits = phoneText.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) {
      cells.problems.push(`${cells.name('phone')} "${phoneText}" is not a 10-digit phone number.`);
    } else {
      phoneDigits = digits;
      phone = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    }
  }
  return { phone, phoneDigits };
}

export function readAddress(cells: RowCells): AddressFromRow | null {
  const { problems } = cells;
  const name = (key: CsvFieldKey) => cells.name(key);
  const keys = ['addressLine1', 'addressLine2', 'city', 'state', 'zip'] as const;
  if (keys.every((k) => cells.raw(k) === '')) return null;
  const line1 = cells.text('addressLine1', true);
  const line2 = cells.text('addressLine2', false);
  const city = cells.text('city', true);
  const stateText = cells.text('state', true);
  const zipText = cells.text('zip', true);
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
}

/** The guarantor: the patient unless someone else is named. */
export function readGuarantor(
  cells: RowCells,
  patient: {
    lastName: string | null;
    firstName: string | null;
    phone: string | null;
    phoneDigits: string | null;
  },
): { guarantor: PersonFromRow | null; relationship: GuarantorRelationship | null } {
  const { problems } = cells;
  const name = (key: CsvFieldKey) => cells.name(key);
  const { lastName, firstName, phone, phoneDigits } = patient;
  const gLast = cells.text('guarantorLastName', false);
  const gFirst = cells.text('guarantorFirstName', false);
  const relationshipText = cells.text('guarantorRelationship', false);
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
  return { guarantor, relationship };
}

export function readFinancialClass(cells: RowCells): FinancialClass | null {
  let financialClass: FinancialClass | null = null;
  const classText = cells.text('financialClass', false);
  if (classText !== null) {
    financialClass = codeOf(FINANCIAL_CLASS, classText);
    if (financialClass === null)
      cells.problems.push(
        `${cells.name('financialClass')} "${classText}" is not one of ${listOf(
          FINANCIAL_CLASS.keys.map((k) => FINANCIAL_CLASS.labels[k]),
          'or',
        )}.`,
      );
  }
  return financialClass;
}

export function readCoverage(
  cells: RowCells,
  ctx: RowContext,
): { payerCode: string | null; payer: PayerRef | undefined; coverage: AccountFromRow['coverage'] } {
  const { problems } = cells;
  const name = (key: CsvFieldKey) => cells.name(key);
  const payerCode = cells.text('payerCode', false);
  const memberId = cells.text('memberId', false);
  const groupNumber = cells.text('groupNumber', false);
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
  return { payerCode, payer, coverage };
}

/** The opening balances; a row needs at least one of the mapped balance cells filled. */
export function readBalances(
  cells: RowCells,
  ctx: RowContext,
  payerCode: string | null,
): { insuranceBalance: Cents | null; patientBalance: Cents | null } {
  const { problems } = cells;
  const name = (key: CsvFieldKey) => cells.name(key);
  const insuranceBalance = cells.amount('insuranceBalance');
  const patientBalance = cells.amount('patientBalance');
  const balanceFields = (['insuranceBalance', 'patientBalance'] as const).filter(
    (k) => ctx.indexes[k] !== undefined,
  );
  if (balanceFields.every((k) => cells.raw(k) === '')) {
    problems.push(
      `No balance: fill ${balanceFields.map(name).join(' or ')} (0.00 when nothing is owed).`,
    );
  }
  if (insuranceBalance !== null && insuranceBalance > 0 && payerCode === null) {
    problems.push(
      `${name('insuranceBalance')} ${formatCents(insuranceBalance)} is owed by insurance, but no payer is given; fill Payer code and Member ID.`,
    );
  }
  return { insuranceBalance, patientBalance };
}
