import { ZERO, type Cents } from '../../../shared/money/cents';
import {
  optionalAmount,
  optionalQuantity,
  person,
  procedureCode,
  requiredAmount,
  requiredDate,
  requiredText,
  contact,
} from './fields';
import { issueAt, positionOf, type X12Issue } from './issues';
import type {
  Adjustment,
  AmountEntry,
  Claim,
  DateEntry,
  InpatientInfo,
  OutpatientInfo,
  QuantityEntry,
  Reference,
  ServiceLine,
} from './remittance-types';
import { element, optional, type Delimiters, type Segment } from './tokenizer';

/*
 * The 2100 claim loop of an 835 (CLP with its adjustments, people, dates and amounts)
 * and its 2110 service lines (SVC), and the entry lists both share.
 */

export function readClaim(segment: Segment, headerNumber: string | null): Claim {
  const errors: X12Issue[] = [];
  return {
    position: positionOf(segment),
    headerNumber,
    patientControlNumber: requiredText(segment, 1, errors),
    statusCode: requiredText(segment, 2, errors),
    chargeAmount: requiredAmount(segment, 3, errors) ?? ZERO,
    paidAmount: requiredAmount(segment, 4, errors) ?? ZERO,
    patientResponsibility: optionalAmount(segment, 5, errors),
    filingIndicator: optional(segment, 6),
    payerClaimNumber: optional(segment, 7),
    facilityType: optional(segment, 8),
    frequency: optional(segment, 9),
    adjustments: [],
    people: [],
    inpatient: null,
    outpatient: null,
    references: [],
    dates: [],
    contacts: [],
    amounts: [],
    quantities: [],
    serviceLines: [],
    errors,
  };
}

export function readClaimSegment(
  claim: Claim,
  segment: Segment,
  skipped: Map<string, Segment>,
): void {
  const errors = claim.errors;
  switch (segment.id) {
    case 'CAS':
      claim.adjustments.push(...readAdjustments(segment, errors));
      break;
    case 'NM1':
      claim.people.push(person(segment));
      break;
    case 'MIA':
      claim.inpatient = readInpatient(segment, errors);
      break;
    case 'MOA':
      claim.outpatient = readOutpatient(segment, errors);
      break;
    case 'REF':
      pushReference(claim.references, segment);
      break;
    case 'DTM':
      pushDate(claim.dates, segment, errors);
      break;
    case 'PER':
      claim.contacts.push(contact(segment));
      break;
    case 'AMT':
      pushAmount(claim.amounts, segment, errors);
      break;
    case 'QTY':
      pushQuantity(claim.quantities, segment, errors);
      break;
    default:
      skipped.set(segment.id, segment);
  }
}

export function readServiceLine(
  segment: Segment,
  delimiters: Delimiters,
  errors: X12Issue[],
  warnings: X12Issue[],
): ServiceLine {
  const procedure = procedureCode(segment, 1, delimiters.component, errors, warnings) ?? {
    qualifier: '',
    code: '',
    modifiers: [],
    description: null,
  };
  return {
    position: positionOf(segment),
    procedure,
    chargeAmount: requiredAmount(segment, 2, errors) ?? ZERO,
    paidAmount: requiredAmount(segment, 3, errors) ?? ZERO,
    revenueCode: optional(segment, 4),
    units: optionalQuantity(segment, 5, errors),
    originalProcedure:
      element(segment, 6) === ''
        ? null
        : procedureCode(segment, 6, delimiters.component, errors, warnings),
    originalUnits: optionalQuantity(segment, 7, errors),
    dates: [],
    adjustments: [],
    references: [],
    amounts: [],
    quantities: [],
    remarks: [],
  };
}

export function readLineSegment(
  line: ServiceLine,
  segment: Segment,
  errors: X12Issue[],
  skipped: Map<string, Segment>,
): void {
  switch (segment.id) {
    case 'DTM':
      pushDate(line.dates, segment, errors);
      break;
    case 'CAS':
      line.adjustments.push(...readAdjustments(segment, errors));
      break;
    case 'REF':
      pushReference(line.references, segment);
      break;
    case 'AMT':
      pushAmount(line.amounts, segment, errors);
      break;
    case 'QTY':
      pushQuantity(line.quantities, segment, errors);
      break;
    case 'LQ':
      line.remarks.push({ qualifier: element(segment, 1), code: requiredText(segment, 2, errors) });
      break;
    default:
      skipped.set(segment.id, segment);
  }
}

/** CAS carries up to six reason/amount/quantity triples after the group code. */
function readAdjustments(segment: Segment, errors: X12Issue[]): Adjustment[] {
  const group = requiredText(segment, 1, errors);
  const adjustments: Adjustment[] = [];
  for (let n = 2; n <= 17; n += 3) {
    const reason = element(segment, n);
    const amountText = element(segment, n + 1);
    if (reason === '' && amountText === '') continue;
    if (reason === '') {
      errors.push(
        issueAt(segment, 'missing-element', `An adjustment amount in CAS has no reason code.`),
      );
    }
    const amount = requiredAmount(segment, n + 1, errors);
    adjustments.push({
      position: positionOf(segment),
      group,
      reason,
      amount: amount ?? ZERO,
      quantity: optionalQuantity(segment, n + 2, errors),
    });
  }
  if (adjustments.length === 0) {
    errors.push(issueAt(segment, 'missing-element', 'A CAS segment holds no adjustment.'));
  }
  return adjustments;
}

const MIA_AMOUNTS = [2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 24];

const MIA_QUANTITIES = [3, 15];

const MIA_REMARKS = [5, 20, 21, 22, 23];

function readInpatient(segment: Segment, errors: X12Issue[]): InpatientInfo {
  const amounts: Record<string, Cents> = {};
  const quantities: Record<string, number> = {};
  for (const n of MIA_AMOUNTS) {
    const value = optionalAmount(segment, n, errors);
    if (value !== null) amounts[`MIA${String(n).padStart(2, '0')}`] = value;
  }
  for (const n of MIA_QUANTITIES) {
    const value = optionalQuantity(segment, n, errors);
    if (value !== null) quantities[`MIA${String(n).padStart(2, '0')}`] = value;
  }
  return {
    coveredDays: optionalQuantity(segment, 1, errors),
    remarkCodes: MIA_REMARKS.map((n) => element(segment, n)).filter((c) => c !== ''),
    amounts,
    quantities,
  };
}

function readOutpatient(segment: Segment, errors: X12Issue[]): OutpatientInfo {
  const amounts: Record<string, Cents> = {};
  for (const n of [2, 8, 9]) {
    const value = optionalAmount(segment, n, errors);
    if (value !== null) amounts[`MOA${String(n).padStart(2, '0')}`] = value;
  }
  return {
    reimbursementRate: optional(segment, 1),
    remarkCodes: [3, 4, 5, 6, 7].map((n) => element(segment, n)).filter((c) => c !== ''),
    amounts,
  };
}

export function pushReference(into: Reference[], segment: Segment): void {
  into.push({ qualifier: element(segment, 1), value: element(segment, 2) });
}

export function pushDate(into: DateEntry[], segment: Segment, errors: X12Issue[]): void {
  const date = requiredDate(segment, 2, errors);
  if (date) into.push({ qualifier: element(segment, 1), date });
}

function pushAmount(into: AmountEntry[], segment: Segment, errors: X12Issue[]): void {
  const amount = requiredAmount(segment, 2, errors);
  if (amount !== null) into.push({ qualifier: element(segment, 1), amount });
}

function pushQuantity(into: QuantityEntry[], segment: Segment, errors: X12Issue[]): void {
  const quantity = optionalQuantity(segment, 2, errors);
  if (quantity !== null) into.push({ qualifier: element(segment, 1), quantity });
  else if (element(segment, 2) === '') {
    errors.push(issueAt(segment, 'missing-element', 'Required quantity QTY02 is empty.'));
  }
}
