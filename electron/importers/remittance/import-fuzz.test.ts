import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../api/dispatch';
import { addAccount, addBilledClaim, addPayer } from '../../testing/builders';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import { balanceDrift, createTestCtx, tableCounts } from '../../testing/test-db';
import { damage } from '../../testing/x12/damage';

/** Ways a file gets damaged in transit or by hand. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    char: fc.string({ minLength: 1, maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), segment: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), segment: fc.nat() }),
  fc.record({
    kind: fc.constant('amount' as const),
    at: fc.nat(),
    value: fc.integer({ min: -99_999, max: 99_999 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  if (m.kind !== 'amount') return damage(text, m);
  let seen = 0;
  return text.replace(/\*\d+(\.\d+)?(?=[*~])/g, (found) =>
    seen++ === m.at % 40 ? `*${(m.value / 100).toFixed(2)}` : found,
  );
}

describe('importing damaged remittances', () => {
  it('never crashes, and either posts the file whole or rejects it with a reason', () => {
    const ctx = createTestCtx();
    try {
      const payerId = addPayer(ctx);
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { accountId } = addAccount(ctx, { payerId });
        const { claimId } = addBilledClaim(ctx, accountId, payerId, [20_000]);
        numbers.push(
          (
            ctx.db.prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`).get(claimId) as {
              n: string;
            }
          ).n,
        );
      }
      const claims = numbers.map((n, i) =>
        remitClaim({
          patientControlNumber: n,
          charge: 20_000,
          paid: 12_000 + i,
          adjustments: [
            { group: 'CO', reason: '45', amount: 6_000 - i },
            { group: 'PR', reason: '1', amount: 2_000 },
          ],
        }),
      );
      let run = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
          const text = ms.reduce(mutate, remittanceFile(claims, { trace: `FUZZ${run++}` }));
          const before = tableCounts(ctx);
          const result = dispatch(ctx, 'importFile', { fileName: 'damaged.835', text });
          if (!result.ok) {
            // refused at the door (e.g. an empty file): nothing written, a reason given
            expect(result.error.message.length).toBeGreaterThan(5);
            expect(tableCounts(ctx)).toEqual(before);
            return;
          }
          const report = result.value as { status: string; rejected: { message: string }[] };
          if (report.status === 'rejected') {
            expect(report.rejected.length).toBeGreaterThan(0);
            for (const r of report.rejected) expect(r.message.length).toBeGreaterThan(5);
            const after = tableCounts(ctx);
            expect(after.ledger_entries).toBe(before.ledger_entries);
            expect(after.receipts).toBe(before.receipts);
          }
          // whatever posted, the books still balance to the ledger
          expect(balanceDrift(ctx)).toBe(0);
        }),
        { numRuns: 400 },
      );
    } finally {
      ctx.close();
    }
  });
});
