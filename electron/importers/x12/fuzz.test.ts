import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { damage, type Damage } from '../../testing/x12/damage';
import type { X12Issue } from './issues';
import { read277 } from './read-277';
import { read835 } from './read-835';
import { fixtureNames, fixtureText } from '../../testing/x12/samples';

/*
 * Damaged files must never crash the reader, and every complaint must say what is wrong
 * and where. The mutations are the damage real files suffer: cut-off transfers, lost or
 * repeated segments, flipped bytes and hand-edited amounts.
 */

type Mutation = Damage | { kind: 'amount'; occurrence: number; value: string };

/** Positions are drawn as fractions so one mutation fits any file length. */
const fraction = fc.double({ min: 0, max: 0.999_999, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const),
    segment: fc.nat(200),
  }),
  fc.record({ kind: fc.constant('swap' as const), segment: fc.nat(200), other: fc.nat(200) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fraction,
    char: fc.oneof(
      fc.constantFrom('*', '~', ':', '^', '\n', '\r', '\u0000', 'é', '💥', '-', '.', '9'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
  }),
  fc.record({
    kind: fc.constant('amount' as const),
    occurrence: fc.nat(60),
    value: fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 100).toString()),
      fc.constantFrom('', '-', '.', '1.005', '12345678901234567', 'NaN', '1e5', '0'),
    ),
  }),
);

function apply(text: string, m: Mutation): string {
  if (m.kind !== 'amount') {
    const terminator = text.startsWith('ISA') && text.length > 105 ? text.charAt(105) : '~';
    return damage(text, m, terminator);
  }
  let seen = 0;
  return text.replace(/\d+\.\d+/g, (found) => (seen++ === m.occurrence ? m.value : found));
}

function expectWellFormed(issue: X12Issue, text: string): void {
  expect(issue.message.length).toBeGreaterThan(10);
  expect(Number.isInteger(issue.segmentIndex) && issue.segmentIndex >= 1).toBe(true);
  expect(Number.isInteger(issue.byteOffset) && issue.byteOffset >= 0).toBe(true);
  expect(issue.byteOffset).toBeLessThanOrEqual(new TextEncoder().encode(text).length);
}

function mutated(kind: '835' | '277'): fc.Arbitrary<string> {
  // The 280 KB multi-interchange sample would only slow the runs without adding shapes.
  const texts = fixtureNames(kind)
    .filter((name) => name !== 'tp-profee-multiple.835')
    .map((name) => fixtureText(kind, name));
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([text, mutations]) => mutations.reduce(apply, text));
}

describe('fuzzing the readers with damaged sample files', () => {
  it('read835 never throws and every complaint has a message and a position', () => {
    fc.assert(
      fc.property(mutated('835'), (text) => {
        const result = read835(text);
        const issues = [
          ...result.envelopeErrors,
          ...result.warnings,
          ...result.transactions.flatMap((t) => [
            ...t.errors,
            ...t.claims.flatMap((c) => c.errors),
          ]),
        ];
        for (const issue of issues) expectWellFormed(issue, text);
        for (const claim of result.transactions.flatMap((t) => t.claims)) {
          expect(Number.isSafeInteger(claim.chargeAmount)).toBe(true);
          expect(Number.isSafeInteger(claim.paidAmount)).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('read277 never throws and every complaint has a message and a position', () => {
    fc.assert(
      fc.property(mutated('277'), (text) => {
        const result = read277(text);
        const issues = [
          ...result.envelopeErrors,
          ...result.warnings,
          ...result.transactions.flatMap((t) => [
            ...t.errors,
            ...t.claims.flatMap((c) => c.errors),
          ]),
        ];
        for (const issue of issues) expectWellFormed(issue, text);
      }),
      { numRuns: 1_500 },
    );
  });

  it('a changed amount is caught by a check, never silently accepted', () => {
    const text = fixtureText('835', 'k-emedny_sample.835');
    fc.assert(
      fc.property(fc.nat(30), fc.integer({ min: 1, max: 99_999 }), (occurrence, delta) => {
        let seen = 0;
        let changed = false;
        const damaged = text.replace(/\*(\d+(?:\.\d+)?)(?=[*~])/g, (found, value: string) => {
          if (seen++ !== occurrence) return found;
          changed = true;
          return `*${(Number(value) * 100 + delta) / 100}`;
        });
        fc.pre(changed);
        const result = read835(damaged);
        const problems = [
          ...result.envelopeErrors,
          ...result.transactions.flatMap((t) => [
            ...t.errors,
            ...t.claims.flatMap((c) => c.errors),
          ]),
        ];
        // amounts outside the money (dates, ids, counts) may change unnoticed; money may not
        const clean = read835(text).transactions[0];
        const after = result.transactions[0];
        const sameMoney = JSON.stringify(moneyOf(clean)) === JSON.stringify(moneyOf(after));
        if (!sameMoney) expect(problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

function moneyOf(t: ReturnType<typeof read835>['transactions'][number] | undefined): unknown {
  return [
    t?.payment?.amount,
    t?.claims.map((c) => [
      c.chargeAmount,
      c.paidAmount,
      c.adjustments.map((a) => a.amount),
      c.serviceLines.map((l) => [l.chargeAmount, l.paidAmount, l.adjustments.map((a) => a.amount)]),
    ]),
  ];
}
