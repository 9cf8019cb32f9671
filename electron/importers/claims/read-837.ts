import { cents, sumCents, type Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { displayCents, parseDate8, parseQuantity } from '../x12/amounts';
import type { GroupHeader, InterchangeHeader, RawTransaction } from '../x12/envelope';
import {
  components,
  optionalDate,
  procedureCode,
  requiredAmount,
  requiredText,
} from '../x12/fields';
import {
  issueAt,
  outOfOrder,
  positionOf,
  skippedWarnings,
  type SegmentPosition,
  type X12Issue,
} from '../x12/issues';
import { readFile } from '../x12/read-file';
import { element, optional, type Delimiters, type Segment } from '../x12/tokenizer';
import type {
  BillingProvider,
  Claim837,
  ClaimTransaction,
  ClaimType,
  Organization,
  Patient837,
  Payer837,
  PersonName,
  PostalAddress,
  Procedure837,
  Read837Result,
  ServiceLine837,
  Subscriber,
} from './claim-types';

/** The implementation guides read here, by the start of ST03/GS08. */
const GUIDES: readonly { prefix: string; type: ClaimType }[] = [
  { prefix: '005010X223', type: 'institutional' },
  { prefix: '005010X222', type: 'professional' },
];

/** Other guides a file sent here by mistake may follow, named so the message helps. */
const OTHER_GUIDES: readonly { prefix: string; name: string }[] = [
  { prefix: '005010X221', name: 'an 835 remittance advice' },
  { prefix: '005010X212', name: 'a 276/277 claim status' },
  { prefix: '005010X214', name: 'a 277CA claim acknowledgment' },
  { prefix: '005010X279', name: 'a 270/271 eligibility' },
  { prefix: '005010X220', name: 'an 834 enrollment' },
  { prefix: '005010X224', name: 'an 837 dental claim' },
  { prefix: '004010', name: 'a version 4010' },
];

/** GS01 functional identifiers, for saying what a group is when it is not claims. */
const FUNCTIONAL_GROUPS: Record<string, string> = {
  HP: 'remittance advice',
  HN: 'claim status',
  HR: 'claim status requests',
  HS: 'eligibility requests',
  HB: 'eligibility responses',
  BE: 'enrollment',
  FA: 'acknowledgments',
};

export function claimTypeOfGuide(reference: string | null): ClaimType | null {
  if (reference === null) return null;
  return GUIDES.find((g) => reference.startsWith(g.prefix))?.type ?? null;
}

/**
 * Reads an 837 claim file, institutional or professional: every interchange, group and
 * transaction in it, with the envelope checks, the claim-level checks (service lines that
 * add up to the claim total, dates, amounts) and the claims as a flat list. Never throws;
 * see `Read837Result` for where problems go.
 */
export function read837(text: string): Read837Result {
  const result = readFile(text, '837', readTransaction);
  for (const t of result.transactions) {
    const group = groupOf(result.interchanges, t);
    checkHeaders(t, group, result.envelopeErrors);
  }
  return result;
}

function groupOf(
  interchanges: readonly InterchangeHeader[],
  t: ClaimTransaction,
): GroupHeader | null {
  if (t.groupControlNumber === null) return null;
  for (const i of interchanges) {
    if (i.controlNumber !== t.interchangeControlNumber) continue;
    const g = i.groups.find((x) => x.controlNumber === t.groupControlNumber);
    if (g) return g;
  }
  return null;
}

const FILE_START: SegmentPosition = { segmentIndex: 1, byteOffset: 0 };

/**
 * The functional group and the implementation guide must both say "837 claims": an 835
 * whose ST01 was changed, or a dental or 4010 file, is refused as a whole with a message
 * naming what it is instead.
 */
function checkHeaders(t: ClaimTransaction, group: GroupHeader | null, errors: X12Issue[]): void {
  const at = t.position ?? FILE_START;
  const where = (problem: string) =>
    errors.push({ ...issueAt(at, 'wrong-transaction-type', problem), segmentId: 'ST' });
  if (group && group.functionalId !== 'HC') {
    const what = FUNCTIONAL_GROUPS[group.functionalId];
    where(
      `This is not an 837 claim file: transaction ${t.controlNumber} is marked 837, but its functional group (GS01) is ${group.functionalId || 'empty'}${what ? ` (${what})` : ''}, not HC (health care claims).`,
    );
  }
  const reference = t.implementationReference ?? group?.version ?? null;
  if (reference === null) return;
  const type = claimTypeOfGuide(reference);
  if (type === null) {
    const other = OTHER_GUIDES.find((g) => reference.startsWith(g.prefix));
    where(
      `Transaction ${t.controlNumber} follows implementation guide ${reference}${other ? `, ${other.name} guide` : ''}; ClaimDesk reads 837 claim files of version 5010, institutional (005010X223A2) and professional (005010X222A1).`,
    );
    return;
  }
  if (t.claimType === null) {
    t.claimType = type;
    for (const c of t.claims) {
      if (c.claimType !== type) {
        c.errors.push(
          issueAt(
            at,
            'wrong-transaction-type',
            `The claim's type does not match GS08 ${reference}.`,
          ),
        );
      }
    }
  }
}

/** HL03 level codes of the 837 hierarchy. */
type LevelCode = '20' | '22' | '23';

interface Level {
  hl: Segment;
  id: string;
  code: LevelCode;
  parent: Level | null;
  /** Problems in this level's segments; every claim under it carries them. */
  errors: X12Issue[];
  provider: BillingProvider | null;
  sbr: Segment | null;
  subscriber: Subscriber | null;
  payer: Payer837 | null;
  pat: Segment | null;
  patient: Patient837 | null;
}

/** Which party the N3, N4, DMG and REF segments that follow belong to. */
type Party =
  | 'submitter'
  | 'receiver'
  | 'provider'
  | 'subscriber'
  | 'payer'
  | 'patient'
  /** a party this model does not keep: pay-to address, 2310 providers, 2330 other payers, 2420 */
  | 'other'
  | null;

interface LineBuilder {
  lx: Segment;
  line: ServiceLine837;
  service: Segment | null;
}

interface ClaimBuilder {
  clm: Segment;
  claim: Claim837;
  /** Set once an SBR opens the 2320 loop: the other payers' segments that follow are not kept. */
  otherSubscriber: boolean;
  principal: boolean;
  lines: LineBuilder[];
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

function readTransaction(
  raw: RawTransaction,
  delimiters: Delimiters,
  warnings: X12Issue[],
): ClaimTransaction {
  const tx: ClaimTransaction = {
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
  const levels = new Map<string, Level>();
  let level: Level | null = null;
  let party: Party = null;
  let claim: ClaimBuilder | null = null;
  let line: LineBuilder | null = null;
  /** After a CLM in the wrong place, its segments are passed over up to the next HL. */
  let lost = false;
  let previous: Segment | null = null;
  const skipped = new Map<string, Segment>();

  /** Where problems of the segment being read go: the claim's list, else the level's. */
  const issues = (): X12Issue[] => claim?.claim.errors ?? level?.errors ?? tx.errors;

  const closeClaim = () => {
    if (claim) finishClaim(claim);
    claim = null;
    line = null;
  };

  for (const segment of raw.body) {
    const id = segment.id;
    // N3 and N4 always come as a pair; a lone N3 leaves an address we keep without its city
    if (previous?.id === 'N3' && id !== 'N4' && addressHolder(party, level)) {
      issues().push(
        issueAt(previous, 'missing-element', 'This address (N3) has no N4 city, state and ZIP.'),
      );
    }
    previous = segment;
    if (lost && id !== 'HL') continue;

    switch (id) {
      case 'BHT':
        if (level) {
          tx.errors.push(outOfOrder(segment));
          break;
        }
        tx.purpose = element(segment, 2);
        tx.referenceId = element(segment, 3);
        tx.createdOn = optionalDate(segment, 4, tx.errors);
        tx.claimOrEncounter = element(segment, 6);
        if (tx.claimOrEncounter === 'RP') {
          tx.errors.push(
            issueAt(
              segment,
              'wrong-transaction-type',
              'This transaction reports encounters (BHT06 RP), not claims for payment; ClaimDesk imports claims.',
            ),
          );
        }
        break;

      case 'HL': {
        closeClaim();
        lost = false;
        party = null;
        const next = openLevel(segment, levels, tx.errors);
        if (next) {
          levels.set(next.id, next);
          level = next;
        } else {
          // a level that cannot be placed: what follows it cannot be placed either
          lost = true;
          level = null;
        }
        break;
      }

      case 'NM1':
        party = readName(segment, tx, level, claim, line, issues());
        break;

      case 'N3':
      case 'N4':
        readAddress(segment, party, level, issues());
        break;

      case 'DMG':
        if (party === 'subscriber' || party === 'patient') readDemographics(segment, party, level);
        else if (party !== 'other') skipped.set('DMG outside a subscriber or patient', segment);
        break;

      case 'REF':
        readReference(segment, party, level, claim, line);
        break;

      case 'SBR':
        if (claim) {
          // 2320: other payers of the claim, for coordination of benefits
          claim.otherSubscriber = true;
          party = 'other';
        } else if (level?.code === '22') {
          level.sbr = segment;
          requiredText(segment, 1, level.errors);
          party = null;
        } else tx.errors.push(outOfOrder(segment));
        break;

      case 'PAT':
        if (level?.code === '23' && !claim) {
          level.pat = segment;
          requiredText(segment, 1, level.errors);
        } else if (level?.code !== '22' || claim) {
          // 2000B may carry a PAT for death date or weight; anywhere else it is misplaced
          issues().push(outOfOrder(segment));
        }
        break;

      case 'CLM': {
        closeClaim();
        if (!level || level.code === '20') {
          tx.errors.push(
            issueAt(
              segment,
              'bad-hierarchy',
              'A CLM segment appears outside a subscriber or patient level (HL 22 or 23).',
            ),
          );
          lost = true;
          break;
        }
        claim = startClaim(segment, level, tx.claimType, delimiters, warnings);
        tx.claims.push(claim.claim);
        party = null;
        break;
      }

      case 'DTP':
        if (line) readLineDate(segment, line.line, issues());
        else if (claim && !claim.otherSubscriber && element(segment, 1) === '434') {
          const period = readPeriod(segment, claim.claim.errors);
          claim.claim.statementFrom = period?.from ?? null;
          claim.claim.statementTo = period?.to ?? null;
        }
        break;

      case 'HI':
        if (claim && !line && !claim.otherSubscriber)
          readDiagnoses(segment, claim, delimiters, warnings);
        else issues().push(outOfOrder(segment));
        break;

      case 'LX': {
        if (!claim) {
          tx.errors.push(outOfOrder(segment));
          break;
        }
        if (line) finishLine(line, claim.claim.errors);
        const number = element(segment, 1);
        if (!/^\d{1,6}$/.test(number) || Number(number) === 0) {
          claim.claim.errors.push(
            issueAt(segment, 'missing-element', 'LX01 is not a line number (1, 2, 3…).'),
          );
        }
        line = {
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
        claim.lines.push(line);
        claim.claim.lines.push(line.line);
        party = null;
        break;
      }

      case 'SV1':
      case 'SV2':
        if (!claim || !line || line.service) {
          issues().push(outOfOrder(segment));
          break;
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
        if (id === 'SV1') readProfessional(segment, line.line, delimiters, claim.claim, warnings);
        else readInstitutional(segment, line.line, delimiters, claim.claim, warnings);
        break;

      default:
        if (!NOT_KEPT.has(id)) skipped.set(id, segment);
    }
  }
  closeClaim();
  warnings.push(...skippedWarnings(skipped));
  return tx;
}

const PARENT_OF: Record<LevelCode, LevelCode | null> = { '20': null, '22': '20', '23': '22' };

/** Places an HL in the tree: billing provider (20) → subscriber (22) → patient (23). */
function openLevel(hl: Segment, levels: Map<string, Level>, errors: X12Issue[]): Level | null {
  const id = element(hl, 1);
  const parentId = optional(hl, 2);
  const code = element(hl, 3);
  if (id === '' || levels.has(id)) {
    errors.push(
      issueAt(hl, 'bad-hierarchy', 'This HL segment has no id of its own (HL01) or repeats one.'),
    );
    return null;
  }
  if (code !== '20' && code !== '22' && code !== '23') {
    errors.push(
      issueAt(
        hl,
        'bad-hierarchy',
        `HL03 level ${code || 'empty'} is not a billing provider (20), subscriber (22) or patient (23).`,
      ),
    );
    return null;
  }
  const parent = parentId === null ? null : (levels.get(parentId) ?? null);
  const parentCode = PARENT_OF[code];
  if ((parentCode === null) !== (parentId === null) || (parentId !== null && !parent)) {
    errors.push(
      issueAt(hl, 'bad-hierarchy', 'This HL segment names a parent level that does not exist.'),
    );
    return null;
  }
  if (parent && parent.code !== parentCode) {
    errors.push(
      issueAt(
        hl,
        'bad-hierarchy',
        `A level ${code} must sit under a level ${parentCode ?? 'none'}, not under level ${parent.code}.`,
      ),
    );
    return null;
  }
  return {
    hl,
    id,
    code,
    parent,
    errors: [],
    provider: null,
    sbr: null,
    subscriber: null,
    payer: null,
    pat: null,
    patient: null,
  };
}

function nameOf(segment: Segment, errors: X12Issue[]): PersonName {
  return {
    last: requiredText(segment, 3, errors),
    first: optional(segment, 4),
    middle: optional(segment, 5),
    suffix: optional(segment, 7),
  };
}

function organization(segment: Segment): Organization {
  return { name: element(segment, 3), id: optional(segment, 9) };
}

/** NM1: which party it opens depends on its entity code and the loop it is in. */
function readName(
  segment: Segment,
  tx: ClaimTransaction,
  level: Level | null,
  claim: ClaimBuilder | null,
  line: LineBuilder | null,
  errors: X12Issue[],
): Party {
  const entity = element(segment, 1);
  if (claim || line) return 'other';
  if (!level) {
    if (entity === '41') {
      tx.submitter = organization(segment);
      return 'submitter';
    }
    if (entity === '40') {
      tx.receiver = organization(segment);
      return 'receiver';
    }
    return 'other';
  }
  if (level.code === '20' && entity === '85') {
    level.provider = {
      name: requiredText(segment, 3, level.errors),
      npi: element(segment, 8) === 'XX' ? optional(segment, 9) : null,
      taxId: null,
      address: null,
    };
    return 'provider';
  }
  if (level.code === '22' && entity === 'IL') {
    const sbr = level.sbr;
    level.subscriber = {
      payerResponsibility: sbr ? element(sbr, 1) : '',
      relationship: sbr ? optional(sbr, 2) : null,
      groupNumber: sbr ? optional(sbr, 3) : null,
      groupName: sbr ? optional(sbr, 4) : null,
      filingIndicator: sbr ? optional(sbr, 9) : null,
      name: nameOf(segment, level.errors),
      memberId: requiredText(segment, 9, level.errors) || null,
      address: null,
      dateOfBirth: null,
      sex: null,
    };
    return 'subscriber';
  }
  if (level.code === '22' && entity === 'PR') {
    level.payer = {
      name: requiredText(segment, 3, level.errors),
      payerId: requiredText(segment, 9, level.errors) || null,
    };
    return 'payer';
  }
  if (level.code === '23' && entity === 'QC') {
    level.patient = {
      relationship: level.pat ? element(level.pat, 1) : '',
      name: nameOf(segment, level.errors),
      address: null,
      dateOfBirth: null,
      sex: null,
    };
    return 'patient';
  }
  // pay-to address (87) and pay-to plan (PE) under the provider, or a misplaced name
  if (level.code === '20' && (entity === '87' || entity === 'PE')) return 'other';
  errors.push(
    issueAt(segment, 'unexpected-segment', `An NM1*${entity} segment is not expected here.`),
  );
  return 'other';
}

function addressHolder(
  party: Party,
  level: Level | null,
): { address: PostalAddress | null } | null {
  if (!level) return null;
  if (party === 'provider') return level.provider;
  if (party === 'subscriber') return level.subscriber;
  if (party === 'patient') return level.patient;
  return null;
}

function readAddress(segment: Segment, party: Party, level: Level | null, errors: X12Issue[]) {
  const holder = addressHolder(party, level);
  if (!holder) return;
  if (segment.id === 'N3') {
    holder.address = {
      line1: requiredText(segment, 1, errors),
      line2: optional(segment, 2),
      city: '',
      state: '',
      zip: '',
    };
    return;
  }
  if (!holder.address) {
    errors.push(issueAt(segment, 'unexpected-segment', 'An N4 segment is not preceded by N3.'));
    return;
  }
  holder.address.city = requiredText(segment, 1, errors);
  holder.address.state = element(segment, 2);
  holder.address.zip = element(segment, 3);
}

function readDemographics(segment: Segment, party: 'subscriber' | 'patient', level: Level | null) {
  const who = party === 'subscriber' ? level?.subscriber : level?.patient;
  if (!who || !level) return;
  if (element(segment, 1) !== 'D8' && element(segment, 2) !== '') {
    level.errors.push(
      issueAt(segment, 'bad-date', 'DMG01 must be D8 for a date of birth as CCYYMMDD.'),
    );
  }
  who.dateOfBirth = optionalDate(segment, 2, level.errors);
  who.sex = optional(segment, 3);
}

function readReference(
  segment: Segment,
  party: Party,
  level: Level | null,
  claim: ClaimBuilder | null,
  line: LineBuilder | null,
) {
  const qualifier = element(segment, 1);
  const value = optional(segment, 2);
  if (party === 'provider' && level?.provider && qualifier === 'EI') {
    level.provider.taxId = value;
    return;
  }
  if (!claim || line || claim.otherSubscriber || party !== null) return;
  const c = claim.claim;
  if (qualifier === 'G1') c.priorAuthorization = value;
  else if (qualifier === '9F') c.referralNumber = value;
  else if (qualifier === 'F8') c.payerClaimNumber = value;
}

const EMPTY_NAME: PersonName = { last: '', first: null, middle: null, suffix: null };

/** A level that should have been filled and was not: the claims under it cannot be imported. */
function missing(level: Level, what: string): X12Issue {
  return issueAt(level.hl, 'missing-element', `This level has no ${what}.`);
}

function startClaim(
  clm: Segment,
  level: Level,
  declared: ClaimType | null,
  delimiters: Delimiters,
  warnings: X12Issue[],
): ClaimBuilder {
  const subscriberLevel = level.code === '23' ? level.parent : level;
  const providerLevel = subscriberLevel?.parent ?? null;
  const errors: X12Issue[] = [];
  for (const l of [providerLevel, subscriberLevel, level.code === '23' ? level : null]) {
    if (l) errors.push(...l.errors);
  }
  if (providerLevel && !providerLevel.provider)
    errors.push(missing(providerLevel, 'billing provider (NM1*85)'));
  if (subscriberLevel && !subscriberLevel.sbr)
    errors.push(missing(subscriberLevel, 'subscriber information (SBR)'));
  if (subscriberLevel && !subscriberLevel.subscriber)
    errors.push(missing(subscriberLevel, 'subscriber name (NM1*IL)'));
  if (subscriberLevel && !subscriberLevel.payer)
    errors.push(missing(subscriberLevel, 'payer (NM1*PR)'));
  if (level.code === '23' && !level.patient) errors.push(missing(level, 'patient name (NM1*QC)'));
  if (level.code === '23' && !level.pat) errors.push(missing(level, 'patient relationship (PAT)'));

  const [facilityCode = '', qualifier = '', frequencyCode = ''] = compositeParts(
    clm,
    5,
    delimiters,
    warnings,
  );
  const fromForm: ClaimType | null =
    qualifier === 'A' ? 'institutional' : qualifier === 'B' ? 'professional' : null;
  if (facilityCode === '' || frequencyCode === '') {
    errors.push(
      issueAt(
        clm,
        'missing-element',
        'CLM05 needs the facility type or place of service and the claim frequency code.',
      ),
    );
  }
  if (declared === null && fromForm === null) {
    errors.push(
      issueAt(
        clm,
        'missing-element',
        'Neither ST03 nor CLM05-2 says whether this is an institutional or a professional claim.',
      ),
    );
  }
  const totalCharge = requiredAmount(clm, 2, errors);
  if (totalCharge !== null && totalCharge < 0) {
    errors.push(issueAt(clm, 'bad-amount', 'The claim total (CLM02) is negative.'));
  }
  const claim: Claim837 = {
    position: positionOf(clm),
    claimType: declared ?? fromForm ?? 'professional',
    billingProvider: providerLevel?.provider ?? {
      name: '',
      npi: null,
      taxId: null,
      address: null,
    },
    subscriber: subscriberLevel?.subscriber ?? {
      payerResponsibility: '',
      relationship: null,
      groupNumber: null,
      groupName: null,
      filingIndicator: null,
      name: EMPTY_NAME,
      memberId: null,
      address: null,
      dateOfBirth: null,
      sex: null,
    },
    payer: subscriberLevel?.payer ?? { name: '', payerId: null },
    patient:
      level.code === '23'
        ? (level.patient ?? {
            relationship: '',
            name: EMPTY_NAME,
            address: null,
            dateOfBirth: null,
            sex: null,
          })
        : null,
    patientControlNumber: requiredText(clm, 1, errors),
    totalCharge: totalCharge ?? cents(0),
    facilityCode,
    frequencyCode,
    statementFrom: null,
    statementTo: null,
    diagnosisCodes: [],
    priorAuthorization: null,
    referralNumber: null,
    payerClaimNumber: null,
    lines: [],
    errors,
  };
  return { clm, claim, otherSubscriber: false, principal: false, lines: [] };
}

/**
 * The parts of a composite element (CLM05, HI). Like procedure composites (see
 * `procedureCode`), some senders separate the parts with a character other than ISA16,
 * often `>`; a short code followed by such a character shows which one was used.
 */
function compositeParts(
  segment: Segment,
  n: number,
  delimiters: Delimiters,
  warnings: X12Issue[],
): string[] {
  const text = element(segment, n);
  const parts = components(text, delimiters.component);
  const foreign = /^[A-Z0-9]{1,3}([^A-Za-z0-9\s.-])/.exec(text)?.[1];
  if (parts.length !== 1 || foreign === undefined) return parts;
  const message = `${segment.id}${pad(n)} separates its parts with a character other than the one declared in ISA16.`;
  // once per element is enough to know; a large file would otherwise repeat it per claim
  if (!warnings.some((w) => w.message === message)) {
    warnings.push(issueAt(segment, 'component-separator-mismatch', message));
  }
  return text.split(foreign);
}

const PRINCIPAL = new Set(['ABK', 'BK']);
const OTHER_DIAGNOSIS = new Set(['ABF', 'BF']);

/** HI: principal and other diagnoses; occurrence, value and condition codes are not kept. */
function readDiagnoses(
  segment: Segment,
  claim: ClaimBuilder,
  delimiters: Delimiters,
  warnings: X12Issue[],
): void {
  for (let n = 1; n < segment.elements.length; n += 1) {
    const [qualifier = '', code = ''] = compositeParts(segment, n, delimiters, warnings);
    const principal = PRINCIPAL.has(qualifier);
    if (!principal && !OTHER_DIAGNOSIS.has(qualifier)) continue;
    if (code === '') {
      claim.claim.errors.push(
        issueAt(segment, 'missing-element', `Diagnosis ${qualifier} in HI${pad(n)} has no code.`),
      );
      continue;
    }
    if (principal) {
      if (claim.principal) {
        claim.claim.errors.push(
          issueAt(
            segment,
            'unexpected-segment',
            'The claim has more than one principal diagnosis.',
          ),
        );
        continue;
      }
      claim.principal = true;
      claim.claim.diagnosisCodes.unshift(code);
    } else claim.claim.diagnosisCodes.push(code);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function readUnits(segment: Segment, n: number, errors: X12Issue[]): number {
  const text = element(segment, n);
  const value = text === '' ? null : parseQuantity(text);
  if (value === null || value <= 0) {
    errors.push(
      issueAt(
        segment,
        'bad-quantity',
        `${segment.id}${pad(n)} must be a number of units greater than zero.`,
      ),
    );
    return 0;
  }
  return value;
}

function lineCharge(segment: Segment, n: number, errors: X12Issue[]): Cents {
  const charge = requiredAmount(segment, n, errors);
  if (charge !== null && charge < 0) {
    errors.push(
      issueAt(segment, 'bad-amount', `The line charge (${segment.id}${pad(n)}) is negative.`),
    );
  }
  return charge ?? cents(0);
}

function procedureOf(
  segment: Segment,
  n: number,
  delimiters: Delimiters,
  errors: X12Issue[],
  warnings: X12Issue[],
): Procedure837 | null {
  const p = procedureCode(segment, n, delimiters.component, errors, warnings);
  return p ? { qualifier: p.qualifier, code: p.code, modifiers: p.modifiers } : null;
}

/** SV1: procedure, charge, unit basis, units, place of service. */
function readProfessional(
  segment: Segment,
  line: ServiceLine837,
  delimiters: Delimiters,
  claim: Claim837,
  warnings: X12Issue[],
): void {
  line.procedure = procedureOf(segment, 1, delimiters, claim.errors, warnings);
  line.charge = lineCharge(segment, 2, claim.errors);
  line.unitBasis = requiredText(segment, 3, claim.errors);
  line.units = readUnits(segment, 4, claim.errors);
  line.placeOfService = optional(segment, 5);
}

/** SV2: revenue code, optional procedure, charge, unit basis, units. */
function readInstitutional(
  segment: Segment,
  line: ServiceLine837,
  delimiters: Delimiters,
  claim: Claim837,
  warnings: X12Issue[],
): void {
  line.revenueCode = requiredText(segment, 1, claim.errors) || null;
  line.procedure =
    element(segment, 2) === '' ? null : procedureOf(segment, 2, delimiters, claim.errors, warnings);
  line.charge = lineCharge(segment, 3, claim.errors);
  line.unitBasis = requiredText(segment, 4, claim.errors);
  line.units = readUnits(segment, 5, claim.errors);
}

function readLineDate(segment: Segment, line: ServiceLine837, errors: X12Issue[]): void {
  if (element(segment, 1) !== '472') return;
  const period = readPeriod(segment, errors);
  line.serviceDate = period?.from ?? null;
  line.serviceDateTo = period && period.to !== period.from ? period.to : null;
}

/** DTP with `D8` (one day) or `RD8` (`CCYYMMDD-CCYYMMDD`). */
function readPeriod(segment: Segment, errors: X12Issue[]): { from: IsoDate; to: IsoDate } | null {
  const format = element(segment, 2);
  const value = element(segment, 3);
  const [fromText = '', toText = fromText] = format === 'RD8' ? value.split('-') : [value];
  const from = parseDate8(fromText);
  const to = parseDate8(toText);
  if (!from || !to || (format !== 'D8' && format !== 'RD8') || to < from) {
    errors.push(
      issueAt(
        segment,
        'bad-date',
        `DTP03 is not a date or date range (DTP*${element(segment, 1)}).`,
      ),
    );
    return null;
  }
  return { from, to };
}

function finishLine(line: LineBuilder, errors: X12Issue[]): void {
  if (!line.service) {
    errors.push(
      issueAt(line.lx, 'missing-element', 'This service line has no SV1 or SV2 segment.'),
    );
  }
}

/** The checks that need the whole claim: it has lines, they add up, each has a date. */
function finishClaim(b: ClaimBuilder): void {
  const claim = b.claim;
  const last = b.lines[b.lines.length - 1];
  if (last) finishLine(last, claim.errors);
  if (b.lines.length === 0) {
    claim.errors.push(
      issueAt(b.clm, 'missing-element', 'The claim has no service lines (LX with SV1 or SV2).'),
    );
  }
  if (!b.principal) {
    claim.errors.push(
      issueAt(b.clm, 'missing-element', 'The claim has no principal diagnosis (HI*ABK).'),
    );
  }
  const numbers = new Set<number>();
  for (const l of b.lines) {
    if (numbers.has(l.line.lineNumber)) {
      claim.errors.push(
        issueAt(l.lx, 'unexpected-segment', `Line number ${l.line.lineNumber} appears twice.`),
      );
    }
    numbers.add(l.line.lineNumber);
    if (l.line.serviceDate === null && claim.statementFrom === null) {
      claim.errors.push(
        issueAt(
          l.lx,
          'missing-element',
          'This service line has no date of service (DTP*472) and the claim no statement period.',
        ),
      );
    }
  }
  const amountProblem = claim.errors.some(
    (e) => e.code === 'bad-amount' || e.code === 'missing-amount',
  );
  const total = sumCents(claim.lines.map((l) => l.charge));
  if (!amountProblem && b.lines.length > 0 && total !== claim.totalCharge) {
    claim.errors.push(
      issueAt(
        b.clm,
        'claim-unbalanced',
        `The service lines add up to ${displayCents(total)}, but the claim total (CLM02) is ${displayCents(claim.totalCharge)}.`,
      ),
    );
  }
}
