import { parseDate8 } from './amounts';
import type {
  ClaimStatus,
  ClaimStatusResponse,
  HierarchyLevel,
  Read277Result,
  ServiceLineStatus,
  ServicePeriod,
  StatusCode,
  StatusEntity,
  StatusReport,
} from './claim-status-types';
import type { RawTransaction } from './envelope';
import { checkGuides, readFile } from './read-file';
import {
  components,
  optionalAmount,
  optionalDate,
  optionalQuantity,
  person,
  procedureCode,
  requiredText,
} from './fields';
import { issueAt, outOfOrder, positionOf, skippedWarnings, type X12Issue } from './issues';
import type { Person } from './remittance-types';
import { statusMeaning } from './status-codes';
import { element, optional, type Delimiters, type Segment } from './tokenizer';

/**
 * Reads a 277 claim status response: statuses at the information receiver, provider
 * and claim levels, with the identifiers needed to find our claim. Never throws.
 */
export function read277(text: string): Read277Result {
  const result = readFile(text, '277', readResponse, (t) => [
    ...t.errors,
    ...t.claims.flatMap((c) => c.errors),
  ]);
  checkGuides(result, ACCEPTED_GUIDES, '277 claim status responses and 277CA acknowledgments');
  return result;
}

/** Claim status responses (X212) and claim acknowledgments from a clearinghouse (X214). */
const ACCEPTED_GUIDES = ['005010X212', '005010X214'];

const LEVELS: Record<string, HierarchyLevel> = {
  '20': 'payer',
  '21': 'information-receiver',
  '19': 'provider',
  '22': 'subscriber',
  '23': 'dependent',
  // a 277CA acknowledgment (X214) puts each claim under the patient, with no subscriber level
  PT: 'patient',
};

/** Levels a claim (TRN) sits under; a TRN at any other level traces a batch. */
const CLAIM_LEVELS: ReadonlySet<HierarchyLevel> = new Set<HierarchyLevel>([
  'subscriber',
  'dependent',
  'patient',
]);

function readResponse(
  raw: RawTransaction,
  delimiters: Delimiters,
  warnings: X12Issue[],
): ClaimStatusResponse {
  const response: ClaimStatusResponse = {
    position: positionOf(raw.st),
    controlNumber: raw.controlNumber,
    implementationReference: raw.implementationReference,
    interchangeControlNumber: raw.interchangeControlNumber,
    groupControlNumber: raw.groupControlNumber,
    referenceId: null,
    date: null,
    entities: [],
    claims: [],
    errors: [],
  };
  const byId = new Map<string, StatusEntity>();
  let entity: StatusEntity | null = null;
  let claim: ClaimStatus | null = null;
  let line: ServiceLineStatus | null = null;
  const skipped = new Map<string, Segment>();

  for (const segment of raw.body) {
    switch (segment.id) {
      case 'BHT':
        response.referenceId = optional(segment, 3);
        response.date = optionalDate(segment, 4, response.errors);
        break;
      case 'HL': {
        const parentHlId = optional(segment, 2);
        if (parentHlId !== null && !byId.has(parentHlId)) {
          response.errors.push(
            issueAt(
              segment,
              'bad-hierarchy',
              'This HL segment names a parent level that does not exist.',
            ),
          );
        }
        const levelCode = element(segment, 3);
        entity = {
          position: positionOf(segment),
          hlId: requiredText(segment, 1, response.errors),
          parentHlId,
          level: LEVELS[levelCode] ?? 'other',
          levelCode,
          name: null,
          traces: [],
          statuses: [],
        };
        byId.set(entity.hlId, entity);
        response.entities.push(entity);
        claim = null;
        line = null;
        break;
      }
      case 'NM1':
        if (entity && !claim) entity.name = person(segment);
        else response.errors.push(outOfOrder(segment));
        break;
      case 'TRN':
        if (!entity) {
          response.errors.push(outOfOrder(segment));
        } else if (CLAIM_LEVELS.has(entity.level)) {
          claim = newClaim(segment, entity, byId);
          response.claims.push(claim);
          line = null;
        } else {
          entity.traces.push({
            typeCode: element(segment, 1),
            traceNumber: element(segment, 2),
            payerId: optional(segment, 3),
            originatingSupplementalId: optional(segment, 4),
          });
        }
        break;
      case 'STC': {
        const errors = claim?.errors ?? response.errors;
        const report = readStatus(segment, delimiters, errors);
        if (line) line.statuses.push(report);
        else if (claim) claim.statuses.push(report);
        else if (entity) entity.statuses.push(report);
        else response.errors.push(outOfOrder(segment));
        break;
      }
      case 'REF': {
        const reference = { qualifier: element(segment, 1), value: element(segment, 2) };
        if (line) line.references.push(reference);
        else if (claim) {
          claim.references.push(reference);
          if (reference.qualifier === '1K') claim.payerClaimNumber = reference.value;
          if (reference.qualifier === 'EJ') claim.patientAccountNumber = reference.value;
        } else skipped.set(`REF outside a claim`, segment);
        break;
      }
      case 'DTP': {
        const target = line ?? claim;
        if (!target || element(segment, 1) !== '472') {
          skipped.set(`DTP*${element(segment, 1)}`, segment);
          break;
        }
        target.servicePeriod = readPeriod(segment, claim?.errors ?? response.errors);
        break;
      }
      case 'SVC':
        if (!claim) {
          response.errors.push(outOfOrder(segment));
          break;
        }
        line = {
          position: positionOf(segment),
          procedure: procedureCode(segment, 1, delimiters.component, claim.errors, warnings),
          chargeAmount: optionalAmount(segment, 2, claim.errors),
          paidAmount: optionalAmount(segment, 3, claim.errors),
          revenueCode: optional(segment, 4),
          units: optionalQuantity(segment, 7, claim.errors),
          statuses: [],
          references: [],
          servicePeriod: null,
        };
        claim.serviceLines.push(line);
        break;
      default:
        skipped.set(segment.id, segment);
    }
  }
  warnings.push(...skippedWarnings(skipped));
  return response;
}

/** Walks up the HL tree to name the payer, provider and subscriber a claim belongs to. */
function newClaim(trn: Segment, at: StatusEntity, byId: Map<string, StatusEntity>): ClaimStatus {
  const found: Partial<Record<HierarchyLevel, Person | null>> = {};
  let providerHlId: string | null = null;
  const seen = new Set<string>();
  for (let e: StatusEntity | undefined = at; e && !seen.has(e.hlId);) {
    seen.add(e.hlId);
    if (!(e.level in found)) found[e.level] = e.name;
    if (e.level === 'provider' && providerHlId === null) providerHlId = e.hlId;
    e = e.parentHlId === null ? undefined : byId.get(e.parentHlId);
  }
  const errors: X12Issue[] = [];
  return {
    position: positionOf(trn),
    hlId: at.hlId,
    providerHlId,
    payer: found.payer ?? null,
    provider: found.provider ?? null,
    subscriber: found.subscriber ?? null,
    patient: at.name,
    patientControlNumber: requiredText(trn, 2, errors),
    payerClaimNumber: null,
    patientAccountNumber: null,
    references: [],
    servicePeriod: null,
    statuses: [],
    serviceLines: [],
    errors,
  };
}

function readStatusCode(text: string, separator: string): StatusCode | null {
  const [category = '', status = '', entity = '', codeList = ''] = components(text, separator);
  if (category === '') return null;
  return {
    category,
    meaning: statusMeaning(category),
    status: status || null,
    entity: entity || null,
    codeList: codeList || null,
  };
}

function readStatus(segment: Segment, delimiters: Delimiters, errors: X12Issue[]): StatusReport {
  const codes = [1, 10, 11]
    .map((n) => readStatusCode(element(segment, n), delimiters.component))
    .filter((c): c is StatusCode => c !== null);
  if (element(segment, 1) === '') {
    errors.push(issueAt(segment, 'missing-element', 'Required status STC01 is empty.'));
  }
  return {
    position: positionOf(segment),
    codes,
    effectiveDate: optionalDate(segment, 2, errors),
    actionCode: optional(segment, 3),
    chargeAmount: optionalAmount(segment, 4, errors),
    paidAmount: optionalAmount(segment, 5, errors),
    adjudicationDate: optionalDate(segment, 6, errors),
    paymentMethod: optional(segment, 7),
    checkDate: optionalDate(segment, 8, errors),
    checkNumber: optional(segment, 9),
    message: optional(segment, 12),
  };
}

/** DTP*472 with `D8` (one day) or `RD8` (`CCYYMMDD-CCYYMMDD`). */
function readPeriod(segment: Segment, errors: X12Issue[]): ServicePeriod | null {
  const format = element(segment, 2);
  const value = element(segment, 3);
  const [fromText = '', toText = fromText] = format === 'RD8' ? value.split('-') : [value];
  const from = parseDate8(fromText);
  const to = parseDate8(toText);
  if (!from || !to || (format !== 'D8' && format !== 'RD8')) {
    errors.push(issueAt(segment, 'bad-date', 'DTP03 is not a service date or date range.'));
    return null;
  }
  return { from, to };
}
