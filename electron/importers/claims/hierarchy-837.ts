import { optionalDate, requiredText } from '../x12/fields';
import { issueAt, type X12Issue } from '../x12/issues';
import { element, optional, type Segment } from '../x12/tokenizer';
import type { ClaimBuilder, LineBuilder } from './claim-837';
import { readProvider } from './claim-providers-837';
import type {
  BillingProvider,
  ClaimTransaction,
  Organization,
  Patient837,
  Payer837,
  PersonName,
  PostalAddress,
  Subscriber,
} from './claim-types';

/*
 * The 837 hierarchy (HL): billing provider, subscriber and patient levels, and the
 * parties (NM1 with its N3, N4, DMG and REF) each level holds.
 */

/** HL03 level codes of the 837 hierarchy. */
type LevelCode = '20' | '22' | '23';

export interface Level {
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
export type Party =
  | 'submitter'
  | 'receiver'
  | 'provider'
  | 'subscriber'
  | 'payer'
  | 'patient'
  /** a party this model does not keep: pay-to address, 2310 providers, 2330 other payers, 2420 */
  | 'other'
  | null;

const PARENT_OF: Record<LevelCode, LevelCode | null> = {
  '20': null,
  '22': '20',
  '23': '22',
};

/** Places an HL in the tree: billing provider (20) → subscriber (22) → patient (23). */
export function openLevel(
  hl: Segment,
  levels: Map<string, Level>,
  errors: X12Issue[],
): Level | null {
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
export function readName(
  segment: Segment,
  tx: ClaimTransaction,
  level: Level | null,
  claim: ClaimBuilder | null,
  line: LineBuilder | null,
  errors: X12Issue[],
): Party {
  const entity = element(segment, 1);
  // the other payer's loops (2330) name providers for that payer, not for this claim
  if (claim && !claim.otherSubscriber) readProvider(segment, line ? line.line : claim.claim);
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

export function addressHolder(
  party: Party,
  level: Level | null,
): { address: PostalAddress | null } | null {
  if (!level) return null;
  if (party === 'provider') return level.provider;
  if (party === 'subscriber') return level.subscriber;
  if (party === 'patient') return level.patient;
  return null;
}

export function readAddress(
  segment: Segment,
  party: Party,
  level: Level | null,
  errors: X12Issue[],
) {
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

export function readDemographics(
  segment: Segment,
  party: 'subscriber' | 'patient',
  level: Level | null,
) {
  const who = party === 'subscriber' ? level?.subscriber : level?.patient;
  if (!who || !level) return;
  if (element(segment, 1) !== 'D8' && element(segment, 2) !== '') {
    level.errors.push(
      issueAt(segment, 'bad-date', 'DMG01 must be D8 for a date of birth as CCYYMMDD.'),
    );
  }
  who.dateOfBirth = isUnknownBirthDate(element(segment, 2))
    ? null
    : optionalDate(segment, 2, level.errors);
  who.sex = optional(segment, 3);
}

/**
 * Senders write a date of birth they do not know as a date before 1900, `18000101` most
 * often. It is a real calendar date and no error, but not a birthday to match people by.
 */
function isUnknownBirthDate(text: string): boolean {
  const m = /^(1[0-8]\d\d)(\d\d)(\d\d)$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function readReference(
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
