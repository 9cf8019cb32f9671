import { cents, sumCents } from '../../../shared/money/cents';
import { displayCents } from '../x12/amounts';
import { components, requiredAmount, requiredText } from '../x12/fields';
import { issueAt, positionOf, type X12Issue } from '../x12/issues';
import { element, type Delimiters, type Segment } from '../x12/tokenizer';
import type { Claim837, ClaimType, PersonName, ServiceLine837 } from './claim-types';
import type { Level } from './hierarchy-837';
import { pad } from './service-line-837';

/*
 * One 837 claim (CLM and its loop) as it is read: started from the levels above it,
 * filled with diagnoses and lines, then checked as a whole once its last segment is read.
 */

export interface LineBuilder {
  lx: Segment;
  line: ServiceLine837;
  service: Segment | null;
}

export interface ClaimBuilder {
  clm: Segment;
  claim: Claim837;
  /** Set once an SBR opens the 2320 loop: the other payers' segments that follow are not kept. */
  otherSubscriber: boolean;
  principal: boolean;
  lines: LineBuilder[];
}

const EMPTY_NAME: PersonName = { last: '', first: null, middle: null, suffix: null };

/** A level that should have been filled and was not: the claims under it cannot be imported. */
export function missing(level: Level, what: string): X12Issue {
  return issueAt(level.hl, 'missing-element', `This level has no ${what}.`);
}

export function startClaim(
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
export function readDiagnoses(
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

export function finishLine(line: LineBuilder, errors: X12Issue[]): void {
  if (!line.service) {
    errors.push(
      issueAt(line.lx, 'missing-element', 'This service line has no SV1 or SV2 segment.'),
    );
  }
}

/** The checks that need the whole claim: it has lines, they add up, each has a date. */
export function finishClaim(b: ClaimBuilder): void {
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
