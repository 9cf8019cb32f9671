import { describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../testing/test-db';
import { documentOf, withoutPositions } from '../../testing/x12/samples';
import { claimDocument, generateClaims } from '../../testing/x12/generate-837';
import { read837 } from './read-837';
import { claimFileText, testClaim } from '../../testing/claims';
import { write837 } from '../../testing/x12/write-837';
import { claimsOf, codes } from '../../testing/read-837';

describe('write837 and read837 together', () => {
  const claims = [
    ...generateClaims({ count: 40, claimType: 'institutional', today: TEST_TODAY, seed: 7 }),
    ...generateClaims({
      count: 40,
      claimType: 'professional',
      today: TEST_TODAY,
      seed: 8,
      firstNumber: 500,
    }),
  ];

  it('round-trips generated claims of both kinds: read(write(x)) equals x', () => {
    const document = claimDocument(claims, { today: TEST_TODAY, controlNumber: 7 });
    const result = read837(write837(document));
    expect(result.envelopeErrors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(claimsOf(result).flatMap((c) => c.errors)).toEqual([]);
    expect(withoutPositions(documentOf(result))).toEqual(withoutPositions(document));
    // the generated files exercise every level of the tree
    expect(claims.some((c) => c.patient?.relationship === '19')).toBe(true);
    expect(claims.some((c) => c.patient === null)).toBe(true);
    expect(claims.some((c) => c.lines.length > 3)).toBe(true);
  });

  it('reads the same claims whatever the layout and separators', () => {
    const document = claimDocument(claims.slice(0, 10), { today: TEST_TODAY });
    const plain = withoutPositions(claimsOf(read837(write837(document))));
    for (const options of [
      { lineBreak: '' },
      { lineBreak: '\r\n' },
      {
        delimiters: { element: '|', repetition: '!', component: '>', segment: '\n' },
        lineBreak: '',
      },
    ]) {
      const again = read837(write837(document, options));
      expect(again.envelopeErrors).toEqual([]);
      expect(withoutPositions(claimsOf(again))).toEqual(plain);
    }
  });

  it('keeps money exact to the cent, large and small', () => {
    const amounts = [1, 10, 99, 100_000_000_001, 123_456_789, 5_000_000_000_000];
    const claim = testClaim('MONEY-1', amounts);
    const text = claimFileText([claim]);
    expect(text).toContain('SV2*0450*HC:99284*0.01*UN*1~');
    expect(text).toContain('SV2*0450*HC:99284*1000000000.01*UN*1~');
    const [read] = claimsOf(read837(text));
    expect(read?.errors).toEqual([]);
    expect(read?.lines.map((l) => l.charge)).toEqual(amounts);
    expect(read?.totalCharge).toBe(amounts.reduce((s, a) => s + a, 0));
    // written in other ways the same amounts still read to the cent; a fraction of a cent is refused
    const variants: [string, number | null][] = [
      ['.5', 50],
      ['0.50', 50],
      ['12.3', 1_230],
      ['12.30', 1_230],
      ['007', 700],
      ['12.345', null],
      ['1e3', null],
    ];
    for (const [written, expected] of variants) {
      const one = claimFileText([testClaim('MONEY-2', [100])])
        .replace('SV2*0450*HC:99284*1*', `SV2*0450*HC:99284*${written}*`)
        .replace('CLM*MONEY-2*1*', `CLM*MONEY-2*${written}*`);
      const [c] = claimsOf(read837(one));
      if (expected === null) expect(codes(c?.errors ?? [])).toContain('bad-amount SV2');
      else {
        expect(c?.errors, written).toEqual([]);
        expect(c?.lines[0]?.charge).toBe(expected);
      }
    }
  });
});
