import type { Segment } from './tokenizer';

/**
 * Every problem the readers find is plain data. Messages are written for a billing
 * person and never quote segment text: a segment can carry a patient's name, and these
 * messages end up in logs and on screen. The segment id and position are enough to find
 * the spot in the file.
 */
export interface X12Issue {
  code: IssueCode;
  message: string;
  /** Id of the segment the problem is in (`CLP`, `SE`); null when it is about the end of the file or an unreadable segment. */
  segmentId: string | null;
  /** 1-based position of the segment in the file; one past the last segment for the end of the file. */
  segmentIndex: number;
  /** UTF-8 byte offset of the segment's first character; the file's length for the end of the file. */
  byteOffset: number;
}

export type IssueCode =
  // the file itself
  | 'not-x12'
  | 'bad-isa'
  | 'bad-segment-id'
  | 'missing-final-terminator'
  | 'delimiters-guessed'
  | 'component-separator-mismatch'
  // envelopes
  | 'no-interchange'
  | 'segment-outside-envelope'
  | 'missing-iea'
  | 'missing-ge'
  | 'missing-se'
  | 'unexpected-trailer'
  | 'control-number-mismatch'
  | 'count-mismatch'
  | 'wrong-transaction-type'
  | 'unsupported-version'
  // content
  | 'missing-element'
  | 'missing-amount'
  | 'bad-amount'
  | 'bad-quantity'
  | 'bad-date'
  | 'unexpected-segment'
  | 'skipped-segment'
  | 'bad-hierarchy'
  // money checks
  | 'claim-unbalanced'
  | 'line-unbalanced'
  | 'payment-unbalanced';

/** Where a piece of the model came from in the file. */
export interface SegmentPosition {
  segmentIndex: number;
  byteOffset: number;
}

/** A segment, or a bare position such as the end of the file. */
export type Where = Segment | SegmentPosition;

/**
 * A value from a file may carry a stray line break or tab; in a message it would split
 * the sentence (and a log line), so every run of white space becomes one space.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Issue codes of the money checks: while any of them stands, the amounts are not trusted. */
export const MONEY_CHECKS: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'missing-amount',
  'bad-amount',
  'claim-unbalanced',
  'line-unbalanced',
  'payment-unbalanced',
]);

export function issueAt(where: Where, code: IssueCode, text: string): X12Issue {
  const message = oneLine(text);
  if ('id' in where) {
    return {
      code,
      message,
      segmentId: where.id === '' ? null : where.id,
      segmentIndex: where.index,
      byteOffset: where.byteOffset,
    };
  }
  return { code, message, segmentId: null, ...where };
}

export function positionOf(segment: Segment): SegmentPosition {
  return { segmentIndex: segment.index, byteOffset: segment.byteOffset };
}

/** A segment where the transaction's structure does not allow it ("here" by default). */
export function outOfOrder(segment: Segment, where = 'here'): X12Issue {
  return issueAt(
    segment,
    'unexpected-segment',
    `A ${segment.id} segment is not expected ${where}.`,
  );
}

/** One warning per kind of segment a reader does not read, at its first place. */
export function skippedWarnings(skipped: ReadonlyMap<string, Segment>): X12Issue[] {
  return [...skipped].map(([what, segment]) =>
    issueAt(
      segment,
      'skipped-segment',
      `${what} segments are not read by ClaimDesk and were skipped.`,
    ),
  );
}
