import { issueAt, type SegmentPosition, type X12Issue } from './issues';

/** The four separators of an interchange, all read from its ISA segment. */
export interface Delimiters {
  element: string;
  /** ISA11 in version 5010; null for older files where ISA11 is the standards id `U`. */
  repetition: string | null;
  component: string;
  segment: string;
}

export interface Segment {
  id: string;
  /** `elements[0]` is the segment id, so `elements[n]` is element n as the guides number it. */
  elements: readonly string[];
  /** 1-based position of the segment in the file. */
  index: number;
  /** UTF-8 byte offset of the segment's first character. */
  byteOffset: number;
}

export interface TokenizeResult {
  /** Null when the text is not X12 at all; `segments` is then empty. */
  delimiters: Delimiters | null;
  segments: Segment[];
  /** Problems that make the file untrustworthy (lost or unreadable segments). */
  errors: X12Issue[];
  /** Things worth knowing that lose no data. */
  warnings: X12Issue[];
  /** Just past the last segment, for problems found at the end of the file. */
  end: SegmentPosition;
}

const FILE_START: SegmentPosition = { segmentIndex: 1, byteOffset: 0 };

const segmentIdPattern = /^[A-Z][A-Z0-9]{1,2}$/;
const ISA_ELEMENT_COUNT = 16;

/**
 * Splits X12 text into segments and elements. Line breaks after a terminator are
 * dropped, so one segment per line, all on one line and CRLF files give the same
 * segments; a file whose terminator is itself a newline works the same way.
 * Never throws: anything unreadable comes back in `errors`.
 */
export function tokenize(text: string): TokenizeResult {
  const errors: X12Issue[] = [];
  const warnings: X12Issue[] = [];
  const start = skipLeadingNoise(text);
  const found = findDelimiters(text, start, warnings);
  if ('problem' in found) {
    errors.push(issueAt(FILE_START, found.code, found.problem));
    return { delimiters: null, segments: [], errors, warnings, end: FILE_START };
  }
  const delimiters = found;
  const { segments, end } = split(text, start, delimiters, errors, warnings);
  return { delimiters, segments, errors, warnings, end };
}

/** A byte-order mark or blank lines before the first segment are not content. */
function skipLeadingNoise(text: string): number {
  let i = 0;
  while (i < text.length && /[\uFEFF\s]/.test(text.charAt(i))) i += 1;
  return i;
}

type DelimiterSearch = Delimiters | { problem: string; code: 'not-x12' | 'bad-isa' };

function findDelimiters(text: string, start: number, warnings: X12Issue[]): DelimiterSearch {
  if (text.startsWith('ISA', start)) return delimitersFromIsa(text, start);
  // Some payers send a bare transaction (ST…SE) without the interchange around it.
  // Its separators can still be seen: the element separator follows the segment id.
  const bare = /^[A-Z][A-Z0-9]{1,2}([^A-Za-z0-9\s])/.exec(text.slice(start, start + 4));
  if (bare?.[1] && text.startsWith('ST', start)) {
    const segment = text.includes('~') ? '~' : '\n';
    warnings.push(
      issueAt(
        FILE_START,
        'delimiters-guessed',
        'The file has no ISA segment, so its separators were inferred from the first segment.',
      ),
    );
    return { element: bare[1], repetition: '^', component: ':', segment };
  }
  return {
    code: 'not-x12',
    problem: 'The file has no ISA header (its first segment is not ISA), so it is not an X12 file.',
  };
}

function delimitersFromIsa(text: string, start: number): DelimiterSearch {
  const element = text.charAt(start + 3);
  if (element === '' || /[A-Za-z0-9\s]/.test(element)) {
    return { code: 'bad-isa', problem: 'The ISA segment has no valid element separator.' };
  }
  // Walk the sixteen separators rather than trusting the fixed 106-character layout:
  // files with padding mistakes in ISA are common and still readable.
  const separators: number[] = [start + 3];
  let at = start + 3;
  while (separators.length < ISA_ELEMENT_COUNT) {
    at = text.indexOf(element, at + 1);
    if (at < 0) {
      return { code: 'bad-isa', problem: 'The ISA segment is cut short; it needs 16 elements.' };
    }
    separators.push(at);
  }
  const component = text.charAt(at + 1);
  const segment = text.charAt(at + 2);
  if (component === '' || segment === '') {
    return { code: 'bad-isa', problem: 'The ISA segment ends before its segment terminator.' };
  }
  if (component === element || segment === element || segment === component) {
    return {
      code: 'bad-isa',
      problem: 'The ISA segment uses the same character twice as a separator.',
    };
  }
  const isa11Start = (separators[10] ?? 0) + 1;
  const isa11 = text.slice(isa11Start, separators[11] ?? isa11Start);
  const repetition =
    isa11.length === 1 && !/[A-Za-z0-9\s]/.test(isa11) && isa11 !== segment ? isa11 : null;
  return { element, repetition, component, segment };
}

function split(
  text: string,
  start: number,
  delimiters: Delimiters,
  errors: X12Issue[],
  warnings: X12Issue[],
): { segments: Segment[]; end: SegmentPosition } {
  const segments: Segment[] = [];
  const ascii = !/[\u0080-\uffff]/.test(text);
  const terminator = delimiters.segment;
  let i = start;
  let index = 0;
  let bytesBefore = start;
  let charsCounted = 0;
  const byteOffsetOf = (char: number): number => {
    if (ascii) return char;
    bytesBefore += utf8Length(text, charsCounted, char);
    charsCounted = char;
    return bytesBefore;
  };
  if (!ascii) bytesBefore = 0;
  while (i < text.length) {
    while (i < text.length && isLineBreakOrSpace(text.charCodeAt(i))) i += 1;
    if (i >= text.length) break;
    let end = text.indexOf(terminator, i);
    const terminated = end >= 0;
    if (!terminated) end = text.length;
    let raw = text.slice(i, end);
    if (terminator === '\n' && raw.endsWith('\r')) raw = raw.slice(0, -1);
    // X12 data never holds a line break: one inside a segment is a file wrapped at a
    // fixed width, and kept it would end up inside a value (a count, a name)
    else if (terminator !== '\n' && terminator !== '\r') raw = raw.replace(/[\r\n]/g, '');
    index += 1;
    const byteOffset = byteOffsetOf(i);
    const elements = raw.split(delimiters.element);
    const id = elements[0] ?? '';
    const segment: Segment = { id, elements, index, byteOffset };
    if (!segmentIdPattern.test(id)) {
      errors.push(
        issueAt(
          { ...segment, id: '' },
          'bad-segment-id',
          `Segment ${index} does not start with a segment identifier; the file may be damaged.`,
        ),
      );
    } else {
      segments.push(segment);
      if (!terminated && terminator !== '\n') {
        warnings.push(
          issueAt(segment, 'missing-final-terminator', 'The last segment has no terminator.'),
        );
      }
    }
    i = end + terminator.length;
  }
  return { segments, end: { segmentIndex: index + 1, byteOffset: byteOffsetOf(text.length) } };
}

/** Line breaks between segments are layout, not data; so are stray spaces there. */
function isLineBreakOrSpace(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Element n of a segment, or the empty string when the segment is shorter. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** Element n, or null when it is empty or missing. */
export function optional(segment: Segment, n: number): string | null {
  const value = segment.elements[n];
  return value === undefined || value === '' ? null : value;
}
