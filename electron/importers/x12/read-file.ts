import {
  readEnvelopes,
  type GroupHeader,
  type InterchangeHeader,
  type RawTransaction,
} from './envelope';
import { issueAt, MONEY_CHECKS, type SegmentPosition, type X12Issue } from './issues';
import { tokenize, type Delimiters } from './tokenizer';

/** What reading a file gives, whatever transaction it holds. */
export interface ReadFileResult<T> {
  delimiters: Delimiters | null;
  /**
   * Problems with the file as a whole: unreadable segments, missing or mismatched
   * envelopes and control numbers. When this is not empty nothing in the file may be
   * posted, because segments may have been lost or mixed up.
   */
  envelopeErrors: X12Issue[];
  /**
   * Observations that lose no data (skipped segments the model does not cover, guessed
   * delimiters), and trailer counts or control numbers that disagree in a file whose
   * transactions are all complete and whose money checks all pass.
   */
  warnings: X12Issue[];
  interchanges: InterchangeHeader[];
  transactions: T[];
}

/**
 * The frame every reader shares: tokenize, check the envelopes for the expected
 * transaction set, then read each transaction with `read`, which may add warnings.
 * `issuesOf` lists every problem found in one transaction and its claims. Never throws.
 */
export function readFile<T>(
  text: string,
  transactionSet: string,
  read: (raw: RawTransaction, delimiters: Delimiters, warnings: X12Issue[]) => T,
  issuesOf: (transaction: T) => readonly X12Issue[],
): ReadFileResult<T> {
  const tokens = tokenize(text);
  if (!tokens.delimiters) {
    return {
      delimiters: null,
      envelopeErrors: tokens.errors,
      warnings: tokens.warnings,
      interchanges: [],
      transactions: [],
    };
  }
  const delimiters = tokens.delimiters;
  const envelopes = readEnvelopes(tokens.segments, tokens.end, transactionSet);
  const warnings = [...tokens.warnings, ...envelopes.warnings];
  const transactions = envelopes.transactions.map((raw) => read(raw, delimiters, warnings));
  const envelopeErrors = [...tokens.errors, ...envelopes.errors];
  // A wrong count or control number alone loses nothing when every transaction ran from
  // ST to SE and its amounts balance: the balancing would catch a lost claim or line.
  // Anything else wrong with the file, and the mismatch may be the trace of lost data.
  const trusted =
    envelopeErrors.length === 0 &&
    transactions.every((t) => !issuesOf(t).some((i) => MONEY_CHECKS.has(i.code)));
  if (trusted) {
    warnings.push(
      ...envelopes.mismatches.map((m) => ({
        ...m,
        message: `${m.message} Every transaction is complete and its amounts balance, so the file was read.`,
      })),
    );
  } else envelopeErrors.push(...envelopes.mismatches);
  return {
    delimiters,
    envelopeErrors,
    warnings,
    interchanges: envelopes.interchanges,
    transactions,
  };
}

/** What every transaction model carries about its place in the file. */
export interface Enveloped {
  position?: SegmentPosition;
  controlNumber: string;
  implementationReference: string | null;
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
}

/** The functional group (GS) a transaction was read in, if it had one. */
export function groupOf(
  interchanges: readonly InterchangeHeader[],
  t: Enveloped,
): GroupHeader | null {
  if (t.groupControlNumber === null) return null;
  for (const i of interchanges) {
    if (i.controlNumber !== t.interchangeControlNumber) continue;
    const g = i.groups.find((x) => x.controlNumber === t.groupControlNumber);
    if (g) return g;
  }
  return null;
}

/**
 * The implementation guide a transaction says it follows: ST03, else GS08, else the
 * interchange's ISA12 (`00401` for version 4010). Null for a bare transaction.
 */
export function guideOf(interchanges: readonly InterchangeHeader[], t: Enveloped): string | null {
  const reference = t.implementationReference ?? groupOf(interchanges, t)?.version ?? null;
  if (reference !== null && reference !== '') return reference;
  const isa = interchanges.find((i) => i.controlNumber === t.interchangeControlNumber);
  return isa?.version ? isa.version : null;
}

/** `004010X091A1` → `4010`, `00401` → `4010`, `005010X221A1` → `5010`. */
export function versionOf(guide: string): string | null {
  const m = /^00(\d{3})(\d?)/.exec(guide);
  if (!m?.[1]) return null;
  return `${m[1]}${m[2] || '0'}`;
}

const FILE_START: SegmentPosition = { segmentIndex: 1, byteOffset: 0 };

/**
 * Refuses, as a whole file, any transaction that follows a guide other than the ones
 * read here: a 4010 file read by the 5010 rules would post its claims wrongly.
 */
export function checkGuides(
  result: ReadFileResult<Enveloped>,
  accepted: readonly string[],
  what: string,
): void {
  for (const t of result.transactions) {
    const guide = guideOf(result.interchanges, t);
    if (guide === null || accepted.some((prefix) => guide.startsWith(prefix))) continue;
    // an interchange version alone (`00501`) says nothing against a 5010 guide
    if (/^\d{5}$/.test(guide) && versionOf(guide) === '5010') continue;
    const message = `Transaction ${t.controlNumber} is version ${versionOf(guide) ?? 'unknown'} (${guide}); ClaimDesk reads ${what} of version 5010 (${accepted.join(', ')}).`;
    result.envelopeErrors.push({
      ...issueAt(t.position ?? FILE_START, 'unsupported-version', message),
      segmentId: 'ST',
    });
  }
}
