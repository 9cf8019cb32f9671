import { tokenize } from '../importers/x12/tokenizer';
import { timedRuns, type Timing } from './measure';

/**
 * What an X12 import is compared with, in seconds: tokenising the file alone (10 runs)
 * and reading it with every check (5 runs). Both must find every claim of the file.
 */
export function timeReading(
  text: string,
  claims: number,
  readClaims: (text: string) => number,
): { tokens: Timing; reads: Timing } {
  let segments = 0;
  const tokens = timedRuns(10, () => {
    segments = tokenize(text).segments.length;
  });
  let read = 0;
  const reads = timedRuns(5, () => {
    read = readClaims(text);
  });
  if (segments === 0 || read !== claims) {
    throw new Error(`bench: reading the file found ${read} of its ${claims} claims`);
  }
  return { tokens, reads };
}

/** Seconds as whole milliseconds, for the notes. */
export const asMs = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
