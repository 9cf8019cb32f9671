import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/api/imports';
import { dispatch } from '../../api/dispatch';
import { balanceDrift, createTestCtx, tableCounts } from '../../testing/test-db';
import { damage, type Damage } from '../../testing/x12/damage';
import { read837 } from './read-837';
import {
  CHILD,
  claimFileText,
  resent,
  serviceLine,
  SUBSCRIBER,
  testClaim,
} from '../../testing/claims';

/*
 * Damaged claim files must never crash the reader or the import, a file either goes in
 * claim by claim or is refused with its reasons, and whatever went in, every claim's
 * standing charges are its total and every account's balance is its ledger's.
 */

type Mutation = Damage | { kind: 'amount'; occurrence: number; value: string };

/** Positions past the first hundredth, so damage mostly lands in claims, not the ISA. */
const fraction = fc.integer({ min: 1_000, max: 99_999 }).map((n) => n / 100_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fraction,
    char: fc.oneof(
      fc.constantFrom('*', '~', ':', '^', '\n', '\u0000', 'é', '7', '8', '-', '.'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
  }),
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const),
    segment: fc.nat(120),
  }),
  fc.record({
    kind: fc.constant('amount' as const),
    occurrence: fc.nat(20),
    value: fc.oneof(
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => (n / 100).toString()),
      fc.constantFrom('', '-', '.', '1.005', '1e5', '0'),
    ),
  }),
);

function apply(text: string, m: Mutation): string {
  if (m.kind !== 'amount') return damage(text, m);
  let seen = 0;
  // charges follow the procedure in SV2 and the claim number in CLM
  return text.replace(/(SV2\*\d+\*[^*]*\*|CLM\*[^*]+\*)([^*~]*)/g, (found, head: string) =>
    seen++ === m.occurrence % 12 ? `${head}${m.value}` : found,
  );
}

/** A claim, a dependent's claim, a replacement of the first and a claim with its void. */
function claimsFor(run: number) {
  const original = testClaim(`FZ${run}-1`, [10_000, 2_500]);
  const voided = testClaim(`FZ${run}-3`, [700]);
  return [
    original,
    testClaim(`FZ${run}-2`, [4_000], {
      patient: CHILD,
      subscriber: { ...SUBSCRIBER, relationship: null },
    }),
    resent(original, '7', {
      lines: [serviceLine(1, 9_000), serviceLine(2, 2_500), serviceLine(3, 600)],
    }),
    voided,
    resent(voided, '8'),
  ];
}

describe('importing damaged claim files', () => {
  it('never crashes: files go in claim by claim or are refused, and the books stay right', () => {
    const ctx = createTestCtx();
    try {
      let run = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 0, maxLength: 3 }), (ms) => {
          // every run brings new claims; every fifth sends the previous run's claims again
          const claims = claimsFor(run % 5 === 4 ? run - 1 : run);
          const text = ms.reduce(apply, claimFileText(claims, { controlNumber: 1 + run }));
          run += 1;
          const read = read837(text);
          for (const issue of [
            ...read.envelopeErrors,
            ...read.warnings,
            ...read.transactions.flatMap((t) => [
              ...t.errors,
              ...t.claims.flatMap((c) => c.errors),
            ]),
          ]) {
            expect(issue.message.length).toBeGreaterThan(5);
            expect(issue.segmentIndex).toBeGreaterThan(0);
          }
          const before = tableCounts(ctx);
          const result = dispatch(ctx, 'importFile', { fileName: 'damaged.837', text });
          if (!result.ok) {
            // refused at the door (an empty file): nothing written, a reason given
            expect(result.error.code).toBe('invalid_input');
            expect(tableCounts(ctx)).toEqual(before);
            return;
          }
          const report = result.value as ImportReport;
          if (report.status === 'rejected') {
            expect(report.rejected.length).toBeGreaterThan(0);
            expect({ ...tableCounts(ctx), import_files: 0 }).toEqual({
              ...before,
              import_files: 0,
            });
          } else {
            const r = report.claimFile;
            expect(r).toBeTruthy();
            if (r) expect(r.added + r.updated + r.voided + r.skipped).toBe(r.claimsRead);
          }
          const wrongCharges = ctx.db
            .prepare(
              `SELECT count(*) AS n FROM claims c WHERE
                 (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
                  WHERE l.claim_id = c.id AND l.kind = 'charge')
                 <> CASE WHEN c.status = 'voided' THEN 0 ELSE c.total_charge END
                 OR c.total_charge <> (SELECT ifnull(sum(charge), 0) FROM claim_lines cl WHERE cl.claim_id = c.id)`,
            )
            .get() as { n: number };
          expect(wrongCharges.n).toBe(0);
          expect(balanceDrift(ctx)).toBe(0);
        }),
        { numRuns: 300 },
      );
    } finally {
      ctx.close();
    }
  });
});
