import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHILD, claimFileText, testClaim } from '../../testing/claims';
import { TEST_TODAY } from '../../testing/test-db';
import { generateClaims } from '../../testing/x12/generate-837';
import { fingerprintOf } from './claim-fingerprint';
import type { Claim837 } from './claim-types';
import { read837 } from './read-837';

/*
 * Fingerprints are stored with every imported claim, so the text they hash must stay
 * byte for byte what the first version wrote: sorted-keys JSON of the claim without its
 * position, errors, frequency code and payer claim number, and its lines without their
 * positions. That version is kept here as the reference.
 */
function referenceCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function referenceFingerprint(claim: Claim837): string {
  const {
    position: _position,
    errors: _errors,
    frequencyCode: _frequency,
    payerClaimNumber: _payerClaimNumber,
    lines,
    ...content
  } = claim;
  const body = { ...content, lines: lines.map(({ position: _p, ...l }) => l) };
  return createHash('sha256').update(referenceCanonical(body)).digest('hex');
}

/** Claims as an import sees them: written to a file and read back, positions and all. */
function readBack(claims: readonly Claim837[]): Claim837[] {
  return read837(claimFileText(claims, { controlNumber: 7 })).transactions.flatMap((t) => t.claims);
}

describe('fingerprintOf', () => {
  it('gives the fingerprints stored by earlier versions', () => {
    expect(fingerprintOf(testClaim('PIN-1', [12500, 3000]))).toBe(
      '1ce0213e5af46e0c509b72e7bfa16b979b04d3f90ecc4d9f3701a290f96bd5c0',
    );
    expect(
      fingerprintOf(
        testClaim('PIN-2', [9900], {
          type: 'professional',
          patient: CHILD,
          payerClaimNumber: 'P-77',
          frequencyCode: '7',
        }),
      ),
    ).toBe('36e117e7ad6c52c71b7c7b8d31c1f9b32e5fdbe80f114aeee60d32dd01f8f079');
  });

  it('hashes the same text as the first version for generated claims read from a file', () => {
    const claims = readBack([
      ...generateClaims({ count: 150, claimType: 'institutional', today: TEST_TODAY, seed: 11 }),
      ...generateClaims({
        count: 150,
        claimType: 'professional',
        today: TEST_TODAY,
        seed: 12,
        firstNumber: 500,
      }),
    ]);
    expect(claims).toHaveLength(300);
    for (const claim of claims) expect(fingerprintOf(claim)).toBe(referenceFingerprint(claim));
    // and they tell the claims apart
    expect(new Set(claims.map(fingerprintOf)).size).toBe(300);
  });

  it('hashes the same text for values a reader rarely gives: undefined, nulls, escapes, empty lists', () => {
    const base = testClaim('EDGE-1', [100, 200]);
    const odd = {
      ...base,
      diagnosisCodes: [],
      priorAuthorization: 'quote " back\\slash \u00e9 \u2028 \ud83d\ude00',
      referralNumber: undefined,
      lines: base.lines.map((l, i) => ({ ...l, units: i === 0 ? 1.5 : 0, placeOfService: null })),
      extra: { b: [null, undefined, 1, 'x'], a: {}, Z: -0, '10': 'ten', '9': 'nine' },
    } as unknown as Claim837;
    expect(fingerprintOf(odd)).toBe(referenceFingerprint(odd));
  });

  it('leaves out how the claim was sent: position, frequency code and payer claim number', () => {
    const [claim] = readBack([testClaim('SENT-1', [4200])]);
    if (!claim) throw new Error('the claim was not read back');
    const resent = {
      ...claim,
      frequencyCode: '7',
      payerClaimNumber: 'PAYER-9',
      position: { segmentIndex: 99 },
      lines: claim.lines.map((l) => ({ ...l, position: { segmentIndex: 120 } })),
    } as unknown as Claim837;
    expect(fingerprintOf(resent)).toBe(fingerprintOf(claim));
    expect(fingerprintOf({ ...claim, totalCharge: claim.totalCharge + 1 } as Claim837)).not.toBe(
      fingerprintOf(claim),
    );
  });

  it('gives a file naming claim-level providers the fingerprint it had before they were read', () => {
    const sent = testClaim('PROV-1', [4200], {
      providers: [
        {
          role: 'attending',
          name: { last: 'Okafor', first: 'Maria', middle: null, suffix: null },
          npi: '1234567893',
        },
      ],
    });
    const [claim] = readBack([sent]);
    if (!claim) throw new Error('the claim was not read back');
    expect(claim.providers).toHaveLength(1);
    const { providers: _providers, ...asBefore } = claim;
    expect(fingerprintOf(claim)).toBe(referenceFingerprint(asBefore));
  });
});
