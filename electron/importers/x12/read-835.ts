import { ZERO, type Cents } from '../../../shared/money/cents';
import { checkRemittance } from './check-835';
import type { RawTransaction } from './envelope';
import { readFile } from './read-file';
import {
  components,
  contact,
  optionalAmount,
  optionalDate,
  optionalQuantity,
  person,
  procedureCode,
  requiredAmount,
  requiredDate,
  requiredText,
} from './fields';
import { issueAt, outOfOrder, positionOf, skippedWarnings, type X12Issue } from './issues';
import type {
  AmountEntry,
  Claim,
  ClaimHeader,
  DateEntry,
  InpatientInfo,
  OutpatientInfo,
  Party,
  ProviderAdjustment,
  QuantityEntry,
  Read835Result,
  Reference,
  Remittance,
  ServiceLine,
  Adjustment,
} from './remittance-types';
import { element, optional, type Delimiters, type Segment } from './tokenizer';

/**
 * Reads an 835 file: every interchange, group and transaction in it, with the envelope
 * and money checks applied. Never throws; see `Read835Result` for where problems go.
 */
export function read835(text: string): Read835Result {
  return readFile(text, '835', (raw, delimiters, warnings) => {
    const remittance = readRemittance(raw, delimiters, warnings);
    checkRemittance(remittance);
    return remittance;
  });
}

type Place = 'header' | 'party' | 'lx' | 'claim' | 'line' | 'summary';

/** Segments of the 2100 claim loop that may not follow a service line. */
const CLAIM_ONLY = new Set(['NM1', 'MIA', 'MOA', 'PER']);

function readRemittance(
  raw: RawTransaction,
  delimiters: Delimiters,
  warnings: X12Issue[],
): Remittance {
  const remittance: Remittance = {
    position: positionOf(raw.st),
    controlNumber: raw.controlNumber,
    implementationReference: raw.implementationReference,
    interchangeControlNumber: raw.interchangeControlNumber,
    groupControlNumber: raw.groupControlNumber,
    payment: null,
    trace: null,
    references: [],
    dates: [],
    payer: null,
    payee: null,
    headers: [],
    claims: [],
    providerAdjustments: [],
    errors: [],
  };
  const txErrors = remittance.errors;
  let place: Place = 'header';
  let party: Party | null = null;
  let header: ClaimHeader | null = null;
  let claim: Claim | null = null;
  let line: ServiceLine | null = null;
  const skipped = new Map<string, Segment>();

  for (const segment of raw.body) {
    const id = segment.id;
    // Segments that open a new loop decide the place; the rest attach to the open loop.
    if (id === 'N1') {
      if (place !== 'header' && place !== 'party') {
        txErrors.push(outOfOrder(segment, 'after the claims'));
        continue;
      }
      party = readParty(segment);
      const entity = party.entityCode;
      if (entity === 'PR') remittance.payer = party;
      else if (entity === 'PE') remittance.payee = party;
      else skipped.set(`N1*${entity}`, segment);
      place = 'party';
      continue;
    }
    if (id === 'LX') {
      header = { number: element(segment, 1), providerSummary: null, institutionalSummary: null };
      remittance.headers.push(header);
      place = 'lx';
      claim = null;
      line = null;
      continue;
    }
    if (id === 'CLP') {
      claim = readClaim(segment, header?.number ?? null);
      remittance.claims.push(claim);
      place = 'claim';
      line = null;
      continue;
    }
    if (id === 'SVC') {
      if (!claim) {
        txErrors.push(outOfOrder(segment, 'outside a claim'));
        continue;
      }
      line = readServiceLine(segment, delimiters, claim.errors, warnings);
      claim.serviceLines.push(line);
      place = 'line';
      continue;
    }
    if (id === 'PLB') {
      remittance.providerAdjustments.push(readProviderAdjustment(segment, delimiters, txErrors));
      place = 'summary';
      claim = null;
      line = null;
      continue;
    }

    switch (place) {
      case 'header':
        if (id === 'BPR') remittance.payment = readPayment(segment, txErrors, warnings);
        else if (id === 'TRN') {
          remittance.trace = {
            typeCode: element(segment, 1),
            traceNumber: requiredText(segment, 2, txErrors),
            payerId: optional(segment, 3),
            originatingSupplementalId: optional(segment, 4),
          };
        } else if (id === 'REF') pushReference(remittance.references, segment);
        else if (id === 'DTM') pushDate(remittance.dates, segment, txErrors);
        else skipped.set(id, segment);
        break;
      case 'party':
        if (!party) break;
        if (id === 'N3') {
          party.address ??= emptyAddress();
          party.address.lines.push(...[optional(segment, 1), optional(segment, 2)].filter(isText));
        } else if (id === 'N4') {
          party.address ??= emptyAddress();
          party.address.city = optional(segment, 1);
          party.address.state = optional(segment, 2);
          party.address.postalCode = optional(segment, 3);
          party.address.country = optional(segment, 4);
        } else if (id === 'REF') pushReference(party.references, segment);
        else if (id === 'PER') party.contacts.push(contact(segment));
        else skipped.set(id, segment);
        break;
      case 'lx':
        if (!header) break;
        if (id === 'TS3') header.providerSummary = readProviderSummary(segment, txErrors);
        else if (id === 'TS2') header.institutionalSummary = valuesFrom(segment, 1);
        else txErrors.push(outOfOrder(segment, 'between LX and the first claim'));
        break;
      case 'claim':
      case 'line':
        if (!claim) break;
        if (line && place === 'line' && !CLAIM_ONLY.has(id))
          readLineSegment(line, segment, claim.errors, skipped);
        else if (place === 'line') claim.errors.push(outOfOrder(segment, 'after a service line'));
        else readClaimSegment(claim, segment, skipped);
        break;
      case 'summary':
        txErrors.push(outOfOrder(segment, 'after the provider adjustments'));
        break;
    }
  }
  if (!remittance.payment) {
    txErrors.push(
      issueAt(raw.st, 'missing-element', 'The transaction has no BPR (payment) segment.'),
    );
  }
  warnings.push(...skippedWarnings(skipped));
  return remittance;
}

function isText(value: string | null): value is string {
  return value !== null;
}

function emptyAddress(): NonNullable<Party['address']> {
  return { lines: [], city: null, state: null, postalCode: null, country: null };
}

/**
 * A missing or impossible BPR16 date is a warning, not an error: the money and the
 * trace number are what posting needs, and sample files from well-known sources put the
 * date in the wrong element.
 */
function readPayment(
  segment: Segment,
  errors: X12Issue[],
  warnings: X12Issue[],
): Remittance['payment'] {
  const dateProblems: X12Issue[] = [];
  const date = requiredDate(segment, 16, dateProblems);
  warnings.push(
    ...dateProblems.map((p) => ({ ...p, message: `${p.message} The payment has no date.` })),
  );
  return {
    position: positionOf(segment),
    handlingCode: requiredText(segment, 1, errors),
    amount: requiredAmount(segment, 2, errors) ?? ZERO,
    creditDebit: element(segment, 3),
    method: optional(segment, 4),
    format: optional(segment, 5),
    date,
  };
}

function readParty(segment: Segment): Party {
  return {
    entityCode: element(segment, 1),
    name: element(segment, 2),
    idQualifier: optional(segment, 3),
    id: optional(segment, 4),
    address: null,
    references: [],
    contacts: [],
  };
}

function readProviderSummary(
  segment: Segment,
  errors: X12Issue[],
): NonNullable<ClaimHeader['providerSummary']> {
  return {
    providerId: element(segment, 1),
    facilityCode: element(segment, 2),
    fiscalPeriodEnd: optionalDate(segment, 3, errors),
    claimCount: optionalQuantity(segment, 4, errors),
    totalCharge: optionalAmount(segment, 5, errors),
    otherValues: valuesFrom(segment, 6),
  };
}

/** Keeps the non-empty elements from `first` on, keyed by their reference (`TS306`). */
function valuesFrom(segment: Segment, first: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (let n = first; n < segment.elements.length; n += 1) {
    const value = element(segment, n);
    if (value !== '') values[`${segment.id}${String(n).padStart(2, '0')}`] = value;
  }
  return values;
}

function readClaim(segment: Segment, headerNumber: string | null): Claim {
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

function readClaimSegment(claim: Claim, segment: Segment, skipped: Map<string, Segment>): void {
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

function readServiceLine(
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

function readLineSegment(
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

function readProviderAdjustment(
  segment: Segment,
  delimiters: Delimiters,
  errors: X12Issue[],
): ProviderAdjustment {
  const items: ProviderAdjustment['items'] = [];
  for (let n = 3; n <= 13; n += 2) {
    const reasonText = element(segment, n);
    if (reasonText === '' && element(segment, n + 1) === '') continue;
    const [reasonCode = '', referenceId = ''] = components(reasonText, delimiters.component);
    if (reasonCode === '') {
      errors.push(issueAt(segment, 'missing-element', 'A PLB adjustment has no reason code.'));
    }
    items.push({
      reasonCode,
      referenceId: referenceId || null,
      amount: requiredAmount(segment, n + 1, errors) ?? ZERO,
    });
  }
  return {
    position: positionOf(segment),
    providerId: requiredText(segment, 1, errors),
    fiscalPeriodDate: optionalDate(segment, 2, errors),
    items,
  };
}

function pushReference(into: Reference[], segment: Segment): void {
  into.push({ qualifier: element(segment, 1), value: element(segment, 2) });
}

function pushDate(into: DateEntry[], segment: Segment, errors: X12Issue[]): void {
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
