import type { Claim837, Read837Result } from '../importers/claims/claim-types';

/** Hand-written 837 files for the reader's tests, and the parts of a reading they compare. */

const ISA =
  'ISA*00*          *00*          *ZZ*NORTHSIDE      *ZZ*CLEARHOUSE     *260301*0930*^*00501*000000311*1*P*:';

/** A one-transaction file around `body`, with its counts right. */
export function file(guide: string, body: readonly string[]): string {
  const st = [`ST*837*0001*${guide}`, ...body];
  return [
    ISA,
    `GS*HC*NORTHSIDE*CLEARHOUSE*20260301*0930*311*X*${guide}`,
    ...st,
    `SE*${st.length + 1}*0001`,
    'GE*1*311',
    'IEA*1*000000311',
  ]
    .map((s) => `${s}~`)
    .join('\n');
}

export const claimsOf = (r: Read837Result): Claim837[] => r.transactions.flatMap((t) => t.claims);
export const codes = (issues: readonly { code: string; segmentId: string | null }[]): string[] =>
  issues.map((i) => `${i.code} ${i.segmentId ?? '-'}`);
