import { readEnvelopes, type InterchangeHeader, type RawTransaction } from './envelope';
import type { X12Issue } from './issues';
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
  /** Observations that lose no data (skipped segments the model does not cover, guessed delimiters). */
  warnings: X12Issue[];
  interchanges: InterchangeHeader[];
  transactions: T[];
}

/**
 * The frame every reader shares: tokenize, check the envelopes for the expected
 * transaction set, then read each transaction with `read`, which may add warnings.
 * Never throws.
 */
export function readFile<T>(
  text: string,
  transactionSet: string,
  read: (raw: RawTransaction, delimiters: Delimiters, warnings: X12Issue[]) => T,
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
  return {
    delimiters,
    envelopeErrors: [...tokens.errors, ...envelopes.errors],
    warnings,
    interchanges: envelopes.interchanges,
    transactions,
  };
}
