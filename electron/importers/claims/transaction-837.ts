import { cents } from '../../../shared/money/cents';
import type { RawTransaction } from '../x12/envelope';
import { optionalDate, requiredText } from '../x12/fields';
import { issueAt, outOfOrder, positionOf, skippedWarnings, type X12Issue } from '../x12/issues';
import { element, type Delimiters, type Segment } from '../x12/tokenizer';
import {
  finishClaim,
  finishLine,
  readDiagnoses,
  startClaim,
  type ClaimBuilder,
  type LineBuilder,
} from './claim-837';
import type { ClaimTransaction, ClaimType } from './claim-types';
import {
  addressHolder,
  openLevel,
  readAddress,
  readDemographics,
  readName,
  readReference,
  type Level,
  type Party,
} from './hierarchy-837';
import { readInstitutional, readLineDate, readPeriod, readProfessional } from './service-line-837';

/** The implementation guides read here, by the start of ST03/GS08. */
const GUIDES: readonly { prefix: string; type: ClaimType }[] = [
  { prefix: '005010X223', type: 'institutional' },
  { prefix: '005010X222', type: 'professional' },
];

export function claimTypeOfGuide(reference: string | null): ClaimType | null {
  if (reference === null) return null;
  return GUIDES.find((g) => reference.startsWith(g.prefix))?.type ?? null;
}

/** Segments of the two guides that this model deliberately does not keep. */
const NOT_KEPT = new Set([
  'PER',
  'PRV',
  'CUR',
  'CL1',
  'PWK',
  'CN1',
  'AMT',
  'K3',
  'NTE',
  'CR1',
  'CR2',
  'CR3',
  'CR4',
  'CR5',
  'CR6',
  'CR7',
  'CRC',
  'HCP',
  'CAS',
  'OI',
  'MIA',
  'MOA',
  'MEA',
  'QTY',
  'LIN',
  'CTP',
  'SVD',
  'LQ',
  'FRM',
  'PS1',
  'SV5',
]);

/** A claim read with the wrong kind of service line cannot be trusted either way. */
const SERVICE_OF: Record<ClaimType, string> = { institutional: 'SV2', professional: 'SV1' };

/** Where the reading of one transaction stands: the open level, party, claim and line. */
interface Cursor {
  tx: ClaimTransaction;
  delimiters: Delimiters;
  warnings: X12Issue[];
  levels: Map<string, Level>;
  level: Level | null;
  party: Party;
  claim: ClaimBuilder | null;
  line: LineBuilder | null;
  /** After a CLM in the wrong place, its segments are passed over up to the next HL. */
  lost: boolean;
  skipped: Map<string, Segment>;
}

export function readTransaction(
  raw: RawTransaction,
  delimiters: Delimiters,
  warnings: X12Issue[],
): ClaimTransaction {
  const at: Cursor = {
    tx: emptyTransaction(raw),
    delimiters,
    warnings,
    levels: new Map(),
    level: null,
    party: null,
    claim: null,
    line: null,
    lost: false,
    skipped: new Map(),
  };
  let previous: Segment | null = null;
  for (const segment of raw.body) {
    const id = segment.id;
    // N3 and N4 always come as a pair; a lone N3 leaves an address we keep without its city
    if (previous?.id === 'N3' && id !== 'N4' && addressHolder(at.party, at.level)) {
      issues(at).push(
        issueAt(previous, 'missing-element', 'This address (N3) has no N4 city, state and ZIP.'),
      );
    }
    previous = segment;
    if (at.lost && id !== 'HL') continue;
    const read = SEGMENT_READERS.get(id);
    if (read) read(at, segment);
    else if (!NOT_KEPT.has(id)) at.skipped.set(id, segment);
  }
  closeClaim(at);
  warnings.push(...skippedWarnings(at.skipped));
  return at.tx;
}

function emptyTransaction(raw: RawTransaction): ClaimTransaction {
  return {
    position: positionOf(raw.st),
    controlNumber: raw.controlNumber,
    implementationReference: raw.implementationReference,
    interchangeControlNumber: raw.interchangeControlNumber,
    groupControlNumber: raw.groupControlNumber,
    claimType: claimTypeOfGuide(raw.implementationReference),
    purpose: '',
    referenceId: '',
    createdOn: null,
    claimOrEncounter: '',
    submitter: null,
    receiver: null,
    claims: [],
    errors: [],
  };
}

/** Where problems of the segment being read go: the claim's list, else the level's. */
function issues(at: Cursor): X12Issue[] {
  return at.claim?.claim.errors ?? at.level?.errors ?? at.tx.errors;
}

function closeClaim(at: Cursor): void {
  if (at.claim) finishClaim(at.claim);
  at.claim = null;
  at.line = null;
}

type SegmentReader = (at: Cursor, segment: Segment) => void;

function readBeginning(at: Cursor, segment: Segment): void {
  const tx = at.tx;
  if (at.level) {
    tx.errors.push(outOfOrder(segment));
    return;
  }
  tx.purpose = element(segment, 2);
  tx.referenceId = element(segment, 3);
  tx.createdOn = optionalDate(segment, 4, tx.errors);
  // an encounter transaction (BHT06 RP) is set aside by read837, which sees the whole file
  tx.claimOrEncounter = element(segment, 6);
}

function readLevel(at: Cursor, segment: Segment): void {
  closeClaim(at);
  at.lost = false;
  at.party = null;
  const next = openLevel(segment, at.levels, at.tx.errors);
  if (next) {
    at.levels.set(next.id, next);
    at.level = next;
  } else {
    // a level that cannot be placed: what follows it cannot be placed either
    at.lost = true;
    at.level = null;
  }
}

function readSubscriberInfo(at: Cursor, segment: Segment): void {
  const level = at.level;
  if (at.claim) {
    // 2320: other payers of the claim, for coordination of benefits
    at.claim.otherSubscriber = true;
    at.party = 'other';
  } else if (level?.code === '22') {
    level.sbr = segment;
    requiredText(segment, 1, level.errors);
    at.party = null;
  } else at.tx.errors.push(outOfOrder(segment));
}

function readPatientInfo(at: Cursor, segment: Segment): void {
  const level = at.level;
  if (level?.code === '23' && !at.claim) {
    level.pat = segment;
    requiredText(segment, 1, level.errors);
  } else if (level?.code !== '22' || at.claim) {
    // 2000B may carry a PAT for death date or weight; anywhere else it is misplaced
    issues(at).push(outOfOrder(segment));
  }
}

function readClaim(at: Cursor, segment: Segment): void {
  closeClaim(at);
  const level = at.level;
  if (!level || level.code === '20') {
    at.tx.errors.push(
      issueAt(
        segment,
        'bad-hierarchy',
        'A CLM segment appears outside a subscriber or patient level (HL 22 or 23).',
      ),
    );
    at.lost = true;
    return;
  }
  at.claim = startClaim(segment, level, at.tx.claimType, at.delimiters, at.warnings);
  at.tx.claims.push(at.claim.claim);
  at.party = null;
}

function readDate(at: Cursor, segment: Segment): void {
  const claim = at.claim;
  if (at.line) readLineDate(segment, at.line.line, issues(at));
  else if (claim && !claim.otherSubscriber && element(segment, 1) === '434') {
    const period = readPeriod(segment, claim.claim.errors);
    claim.claim.statementFrom = period?.from ?? null;
    claim.claim.statementTo = period?.to ?? null;
  }
}

function readDiagnosisCodes(at: Cursor, segment: Segment): void {
  if (at.claim && !at.line && !at.claim.otherSubscriber)
    readDiagnoses(segment, at.claim, at.delimiters, at.warnings);
  else issues(at).push(outOfOrder(segment));
}

function readLineNumber(at: Cursor, segment: Segment): void {
  const claim = at.claim;
  if (!claim) {
    at.tx.errors.push(outOfOrder(segment));
    return;
  }
  if (at.line) finishLine(at.line, claim.claim.errors);
  const number = element(segment, 1);
  if (!/^\d{1,6}$/.test(number) || Number(number) === 0) {
    claim.claim.errors.push(
      issueAt(segment, 'missing-element', 'LX01 is not a line number (1, 2, 3…).'),
    );
  }
  const line: LineBuilder = {
    lx: segment,
    service: null,
    line: {
      position: positionOf(segment),
      lineNumber: Number(number) || 0,
      revenueCode: null,
      procedure: null,
      charge: cents(0),
      unitBasis: '',
      units: 0,
      placeOfService: null,
      serviceDate: null,
      serviceDateTo: null,
    },
  };
  at.line = line;
  claim.lines.push(line);
  claim.claim.lines.push(line.line);
  at.party = null;
}

function readService(at: Cursor, segment: Segment): void {
  const { claim, line } = at;
  const id = segment.id;
  if (!claim || !line || line.service) {
    issues(at).push(outOfOrder(segment));
    return;
  }
  if (SERVICE_OF[claim.claim.claimType] !== id) {
    claim.claim.errors.push(
      issueAt(
        segment,
        'unexpected-segment',
        `An ${id} service line does not belong in an ${claim.claim.claimType} claim.`,
      ),
    );
  }
  line.service = segment;
  if (id === 'SV1') readProfessional(segment, line.line, at.delimiters, claim.claim, at.warnings);
  else readInstitutional(segment, line.line, at.delimiters, claim.claim, at.warnings);
}

/** The segments this model keeps, each read where the cursor stands. */
const SEGMENT_READERS = new Map<string, SegmentReader>([
  ['BHT', readBeginning],
  ['HL', readLevel],
  ['NM1', (at, s) => (at.party = readName(s, at.tx, at.level, at.claim, at.line, issues(at)))],
  ['N3', (at, s) => readAddress(s, at.party, at.level, issues(at))],
  ['N4', (at, s) => readAddress(s, at.party, at.level, issues(at))],
  [
    'DMG',
    (at, s) => {
      if (at.party === 'subscriber' || at.party === 'patient')
        readDemographics(s, at.party, at.level);
      else if (at.party !== 'other') at.skipped.set('DMG outside a subscriber or patient', s);
    },
  ],
  ['REF', (at, s) => readReference(s, at.party, at.level, at.claim, at.line)],
  ['SBR', readSubscriberInfo],
  ['PAT', readPatientInfo],
  ['CLM', readClaim],
  ['DTP', readDate],
  ['HI', readDiagnosisCodes],
  ['LX', readLineNumber],
  ['SV1', readService],
  ['SV2', readService],
]);
