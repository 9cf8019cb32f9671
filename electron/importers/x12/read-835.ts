import { ZERO } from '../../../shared/money/cents';
import { checkRemittance } from './check-835';
import {
  pushDate,
  pushReference,
  readClaim,
  readClaimSegment,
  readLineSegment,
  readServiceLine,
} from './claim-835';
import type { RawTransaction } from './envelope';
import {
  components,
  contact,
  optionalAmount,
  optionalDate,
  optionalQuantity,
  requiredAmount,
  requiredDate,
  requiredText,
} from './fields';
import { issueAt, outOfOrder, positionOf, skippedWarnings, type X12Issue } from './issues';
import { checkGuides, readFile } from './read-file';
import type {
  Claim,
  ClaimHeader,
  Party,
  ProviderAdjustment,
  Read835Result,
  Remittance,
  ServiceLine,
} from './remittance-types';
import { element, optional, type Delimiters, type Segment } from './tokenizer';

/**
 * Reads an 835 file: every interchange, group and transaction in it, with the envelope
 * and money checks applied. Never throws; see `Read835Result` for where problems go.
 */
export function read835(text: string): Read835Result {
  const result = readFile(
    text,
    '835',
    (raw, delimiters, warnings) => {
      const remittance = readRemittance(raw, delimiters, warnings);
      checkRemittance(remittance);
      return remittance;
    },
    (t) => [...t.errors, ...t.claims.flatMap((c) => c.errors)],
  );
  checkGuides(result, ['005010X221'], '835 remittances');
  return result;
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
        readHeaderSegment(remittance, segment, warnings, skipped);
        break;
      case 'party':
        if (party) readPartySegment(party, segment, skipped);
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

/** BPR, TRN, REF and DTM before the first N1: the payment and its trace. */
function readHeaderSegment(
  remittance: Remittance,
  segment: Segment,
  warnings: X12Issue[],
  skipped: Map<string, Segment>,
): void {
  const id = segment.id;
  const txErrors = remittance.errors;
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
}

/** N3, N4, REF and PER after an N1: the payer's or payee's address and contacts. */
function readPartySegment(party: Party, segment: Segment, skipped: Map<string, Segment>): void {
  const id = segment.id;
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
