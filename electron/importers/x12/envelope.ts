import type { IsoDate } from '../../../shared/dates/iso-date';
import { parseDate8 } from './amounts';
import { issueAt, type SegmentPosition, type X12Issue } from './issues';
import { element, optional, type Segment } from './tokenizer';

/** ISA: who sent the interchange to whom. Dates and times are kept as sent. */
export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 as sent, `YYMMDD`. */
  date: string;
  /** ISA10 as sent, `HHMM`. */
  time: string;
  /** ISA12, e.g. `00501`. */
  version: string;
  /** ISA13, matched against IEA02. */
  controlNumber: string;
  acknowledgmentRequested: string;
  /** ISA15: `P` production, `T` test. */
  usage: string;
  groups: GroupHeader[];
}

/** GS: a functional group (`HP` remittances, `HN` claim status). */
export interface GroupHeader {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: IsoDate | null;
  time: string;
  /** GS06, matched against GE02. */
  controlNumber: string;
  agency: string;
  /** GS08, e.g. `005010X221A1`. */
  version: string;
}

/** One ST…SE transaction set, still as segments. */
export interface RawTransaction {
  setId: string;
  controlNumber: string;
  implementationReference: string | null;
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
  st: Segment;
  /** The segments between ST and SE. */
  body: Segment[];
}

export interface EnvelopeResult {
  interchanges: InterchangeHeader[];
  transactions: RawTransaction[];
  errors: X12Issue[];
  warnings: X12Issue[];
  /**
   * Trailer counts and control numbers that disagree with what the file holds. Files
   * from the wild often carry them from hand edits or a sender's counting mistake; the
   * reader decides whether they reject the file (see `readFile`).
   */
  mismatches: X12Issue[];
}

interface OpenGroup {
  header: GroupHeader;
  gs: Segment;
  transactionCount: number;
}

interface OpenInterchange {
  header: InterchangeHeader;
  isa: Segment;
}

/**
 * Groups segments into interchanges, functional groups and transaction sets and checks
 * every control number and count. Any failure here means segments may be lost or
 * mixed up, so the whole file must not be trusted.
 */
export function readEnvelopes(
  segments: readonly Segment[],
  end: SegmentPosition,
  expectedSetId: string,
): EnvelopeResult {
  const reader = new EnvelopeReader(end, expectedSetId);
  for (const segment of segments) reader.read(segment);
  return reader.finish();
}

/** The envelopes open at the segment being read, and what was found so far. */
class EnvelopeReader {
  private readonly errors: X12Issue[] = [];
  private readonly warnings: X12Issue[] = [];
  private readonly mismatches: X12Issue[] = [];
  private readonly interchanges: InterchangeHeader[] = [];
  private readonly transactions: RawTransaction[] = [];
  private interchange: OpenInterchange | null = null;
  private group: OpenGroup | null = null;
  private transaction: RawTransaction | null = null;
  private warnedBare = false;
  private readonly end: SegmentPosition;
  private readonly expectedSetId: string;

  constructor(end: SegmentPosition, expectedSetId: string) {
    this.end = end;
    this.expectedSetId = expectedSetId;
  }

  read(segment: Segment): void {
    switch (segment.id) {
      case 'ISA':
        return this.openInterchange(segment);
      case 'GS':
        return this.openGroup(segment);
      case 'ST':
        return this.openTransaction(segment);
      case 'SE':
        return this.closeTransaction(segment);
      case 'GE':
        return this.closeGroup(segment);
      case 'IEA':
        return this.closeInterchange(segment);
      default:
        if (this.transaction) this.transaction.body.push(segment);
        else {
          this.errors.push(
            issueAt(
              segment,
              'segment-outside-envelope',
              `A ${segment.id} segment appears outside any transaction.`,
            ),
          );
        }
    }
  }

  finish(): EnvelopeResult {
    this.abandonTransaction(null);
    this.abandonGroup(null);
    this.abandonInterchange(null);
    const { interchanges, transactions, errors, warnings, mismatches } = this;
    return { interchanges, transactions, errors, warnings, mismatches };
  }

  private openInterchange(segment: Segment): void {
    this.abandonTransaction(segment);
    this.abandonGroup(segment);
    this.abandonInterchange(segment);
    if (segment.elements.length < 17) {
      this.errors.push(issueAt(segment, 'bad-isa', 'The ISA segment has fewer than 16 elements.'));
    }
    const header = interchangeHeader(segment);
    this.interchanges.push(header);
    this.interchange = { header, isa: segment };
  }

  private openGroup(segment: Segment): void {
    this.abandonTransaction(segment);
    this.abandonGroup(segment);
    if (!this.interchange) {
      this.errors.push(
        issueAt(
          segment,
          'segment-outside-envelope',
          'A GS segment appears outside an interchange.',
        ),
      );
    }
    const header = groupHeader(segment);
    this.interchange?.header.groups.push(header);
    this.group = { header, gs: segment, transactionCount: 0 };
  }

  private openTransaction(segment: Segment): void {
    this.abandonTransaction(segment);
    const { group, interchange } = this;
    if (!group && (interchange || this.interchanges.length > 0)) {
      this.errors.push(
        issueAt(
          segment,
          'segment-outside-envelope',
          'An ST segment appears outside a functional group.',
        ),
      );
    } else if (!group && !this.warnedBare) {
      this.warnedBare = true;
      this.warnings.push(
        issueAt(
          segment,
          'no-interchange',
          'The file holds a transaction without ISA/GS envelopes; only its ST/SE control numbers can be checked.',
        ),
      );
    }
    const setId = element(segment, 1);
    if (setId !== this.expectedSetId) {
      this.errors.push(
        issueAt(
          segment,
          'wrong-transaction-type',
          `This is a ${setId || 'unnamed'} transaction; a ${this.expectedSetId} was expected.`,
        ),
      );
    }
    if (group) group.transactionCount += 1;
    this.transaction = {
      setId,
      controlNumber: element(segment, 2),
      implementationReference: optional(segment, 3),
      interchangeControlNumber: interchange?.header.controlNumber ?? null,
      groupControlNumber: group?.header.controlNumber ?? null,
      st: segment,
      body: [],
    };
  }

  private closeTransaction(segment: Segment): void {
    const transaction = this.transaction;
    if (!transaction) {
      this.errors.push(
        issueAt(segment, 'unexpected-trailer', 'An SE segment appears without an ST.'),
      );
      return;
    }
    const found = this.mismatches;
    checkControl(found, segment, 'SE02', element(segment, 2), 'ST02', transaction.controlNumber);
    checkCount(
      found,
      segment,
      'SE01',
      element(segment, 1),
      transaction.body.length + 2,
      'segments',
    );
    this.transactions.push(transaction);
    this.transaction = null;
  }

  private closeGroup(segment: Segment): void {
    this.abandonTransaction(segment);
    const group = this.group;
    if (!group) {
      this.errors.push(
        issueAt(segment, 'unexpected-trailer', 'A GE segment appears without a GS.'),
      );
      return;
    }
    const found = this.mismatches;
    checkControl(found, segment, 'GE02', element(segment, 2), 'GS06', group.header.controlNumber);
    checkCount(found, segment, 'GE01', element(segment, 1), group.transactionCount, 'transactions');
    this.group = null;
  }

  private closeInterchange(segment: Segment): void {
    this.abandonTransaction(segment);
    this.abandonGroup(segment);
    const interchange = this.interchange;
    if (!interchange) {
      this.errors.push(
        issueAt(segment, 'unexpected-trailer', 'An IEA segment appears without an ISA.'),
      );
      return;
    }
    const header = interchange.header;
    const found = this.mismatches;
    checkControl(found, segment, 'IEA02', element(segment, 2), 'ISA13', header.controlNumber);
    checkCount(
      found,
      segment,
      'IEA01',
      element(segment, 1),
      header.groups.length,
      'functional groups',
    );
    this.interchange = null;
  }

  private abandonTransaction(at: Segment | null): void {
    const transaction = this.transaction;
    if (!transaction) return;
    this.errors.push(
      issueAt(
        at ?? this.end,
        'missing-se',
        at
          ? `Transaction ${transaction.controlNumber} has no SE segment before this ${at.id} segment.`
          : `The file ends inside transaction ${transaction.controlNumber}; it may have been cut off.`,
      ),
    );
    this.transactions.push(transaction);
    this.transaction = null;
  }

  private abandonGroup(at: Segment | null): void {
    const group = this.group;
    if (!group) return;
    this.errors.push(
      issueAt(
        at ?? this.end,
        'missing-ge',
        at
          ? `Functional group ${group.header.controlNumber} has no GE segment before this ${at.id} segment.`
          : `The file ends inside functional group ${group.header.controlNumber}; it may have been cut off.`,
      ),
    );
    this.group = null;
  }

  private abandonInterchange(at: Segment | null): void {
    const interchange = this.interchange;
    if (!interchange) return;
    this.errors.push(
      issueAt(
        at ?? this.end,
        'missing-iea',
        at
          ? `Interchange ${interchange.header.controlNumber} has no IEA segment before this ISA segment.`
          : `The file ends inside interchange ${interchange.header.controlNumber}; it may have been cut off.`,
      ),
    );
    this.interchange = null;
  }
}

function checkControl(
  found: X12Issue[],
  at: Segment,
  trailerName: string,
  trailerValue: string,
  headerName: string,
  headerValue: string,
): void {
  // padding around a value is layout, not a different control number
  if (trailerValue.trim() !== headerValue.trim()) {
    found.push(
      issueAt(
        at,
        'control-number-mismatch',
        `Control number ${trailerName} (${trailerValue || 'empty'}) does not match ${headerName} (${headerValue || 'empty'}).`,
      ),
    );
  }
}

function checkCount(
  found: X12Issue[],
  at: Segment,
  name: string,
  declared: string,
  actual: number,
  what: string,
): void {
  if (!/^\d+$/.test(declared.trim()) || Number(declared) !== actual) {
    found.push(
      issueAt(
        at,
        'count-mismatch',
        `${name} says ${declared || 'nothing'} ${what}, but there are ${actual}.`,
      ),
    );
  }
}

function interchangeHeader(isa: Segment): InterchangeHeader {
  // ISA elements are fixed-width and space-padded; the padding is not part of the value.
  const at = (n: number): string => element(isa, n).trim();
  return {
    senderQualifier: at(5),
    senderId: at(6),
    receiverQualifier: at(7),
    receiverId: at(8),
    date: at(9),
    time: at(10),
    version: at(12),
    controlNumber: at(13),
    acknowledgmentRequested: at(14),
    usage: at(15),
    groups: [],
  };
}

function groupHeader(gs: Segment): GroupHeader {
  return {
    functionalId: element(gs, 1),
    senderCode: element(gs, 2),
    receiverCode: element(gs, 3),
    date: parseDate8(element(gs, 4)),
    time: element(gs, 5),
    controlNumber: element(gs, 6),
    agency: element(gs, 7),
    version: element(gs, 8),
  };
}
