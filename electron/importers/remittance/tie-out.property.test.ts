import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/iso-date';
import { call } from '../../testing/call';
import { addAccount, addBilledClaim, addPayer } from '../../testing/builders';
import { remitClaim } from '../../testing/remittance';
import { era, type Plb } from '../../testing/remittance-era';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../../testing/test-db';

let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
});
afterAll(() => ctx.close());

/** What the payer says about one claim: paid, a reversal of an earlier payment, or a stranger's. */
const claimArb = fc.record({
  kind: fc.constantFrom('pay', 'reverse', 'unmatched'),
  charge: fc.integer({ min: 1, max: 500_000 }),
  paidPart: fc.integer({ min: 0, max: 100 }),
});

const plbArb = fc.record({
  code: fc.constantFrom('L6', 'WO', 'FB', 'LE', 'CV', 'ZZ'),
  amount: fc.integer({ min: -100_000, max: 100_000 }),
  namesClaim: fc.boolean(),
});

let run = 0;

describe('the tie-out equation', () => {
  it('holds exactly in cents for any remittance: paid − reversed ± PLB + exceptions = BPR02', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { minLength: 1, maxLength: 6 }),
        fc.array(plbArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 30 }),
        (claims, plbs, daysAgo) => {
          run += 1;
          const payerId = addPayer(ctx);
          const date = addDays(TEST_TODAY, -daysAgo);
          const ours: string[] = [];
          const earlier = [];
          const later = [];
          let paid = 0;
          let reversed = 0;
          let waiting = 0;
          for (const [i, c] of claims.entries()) {
            const amount = Math.floor((c.charge * c.paidPart) / 100);
            const adjustments =
              amount < c.charge ? [{ group: 'CO', reason: '45', amount: c.charge - amount }] : [];
            if (c.kind === 'unmatched') {
              later.push(
                remitClaim({
                  patientControlNumber: `STRANGER-${run}-${i}`,
                  charge: c.charge,
                  paid: amount,
                  adjustments,
                }),
              );
              waiting += amount;
              continue;
            }
            const { accountId } = addAccount(ctx, { payerId });
            const { claimId } = addBilledClaim(ctx, accountId, payerId, [c.charge]);
            const { n } = ctx.db
              .prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`)
              .get(claimId) as { n: string };
            ours.push(n);
            const payment = remitClaim({
              patientControlNumber: n,
              charge: c.charge,
              paid: amount,
              adjustments,
            });
            if (c.kind === 'pay') {
              later.push(payment);
              paid += amount;
            } else {
              earlier.push(payment);
              later.push(
                remitClaim({
                  patientControlNumber: n,
                  charge: -amount,
                  paid: -amount,
                  status: '22',
                }),
              );
              reversed += amount;
            }
          }
          if (earlier.length > 0) {
            call(ctx, 'importFile', {
              fileName: `earlier-${run}.835`,
              text: era(earlier, { trace: `E-${run}`, date: addDays(date, -10) }),
            });
          }
          const plb: Plb[] = plbs.map((p, i) => ({
            code: p.code,
            amount: p.amount,
            ref: p.namesClaim ? (ours[i % Math.max(ours.length, 1)] ?? null) : `REF-${i}`,
          }));
          const report = call(ctx, 'importFile', {
            fileName: `era-${run}.835`,
            text: era(later, { trace: `P-${run}`, date, plb }),
          });
          const r = report.remittances[0];
          const withheld = plb.reduce((s, p) => s + p.amount, 0);
          expect(r?.tieOut).toMatchObject({
            payment: paid - reversed + waiting - withheld,
            claimsPaid: paid,
            reversals: reversed,
            providerAdjustments: 0 - withheld,
            exceptions: waiting,
            difference: 0,
          });
          expect(r?.tieOut?.line).toMatch(/: ties out\.$/);
          const day = call(ctx, 'getCashSummary', { date });
          const row = day.remittances.find((x) => x.traceNumber === `P-${run}`);
          expect(row?.tieOut).toEqual(r?.tieOut);
        },
      ),
      { numRuns: 40 },
    );
  });
});
