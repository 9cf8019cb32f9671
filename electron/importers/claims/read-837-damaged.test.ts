import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import { read837 } from './read-837';
import { CHILD, claimFileText, serviceLine, SUBSCRIBER, testClaim } from '../../testing/claims';
import { claimsOf, codes, file } from '../../testing/read-837';

/** Sets each SE01 to the segments its transaction now has, after a test removed some. */
function recount(text: string): string {
  const segments = text.split('~');
  let start = -1;
  return segments
    .map((s, i) => {
      const id = s.trim().split('*')[0];
      if (id === 'ST') start = i;
      if (id !== 'SE' || start < 0) return s;
      return s.replace(/SE\*\d+\*/, `SE*${i - start + 1}*`);
    })
    .join('~');
}

describe('read837 on damaged or wrong files', () => {
  // two claims of the subscriber herself (one subscriber level) and one for her child
  const good = () =>
    claimFileText([
      testClaim('GOOD-1', [10_000, 2_500]),
      testClaim('GOOD-3', [3_000]),
      testClaim('GOOD-2', [5_000], {
        patient: CHILD,
        subscriber: { ...SUBSCRIBER, relationship: null },
      }),
    ]);

  it('reports a file cut off midway as an envelope error at the end of the file', () => {
    const text = good();
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const result = read837(cut);
    expect(codes(result.envelopeErrors)).toEqual(['missing-se -', 'missing-ge -', 'missing-iea -']);
    expect(result.envelopeErrors[0]?.message).toBe(
      'The file ends inside transaction 0010; it may have been cut off.',
    );
    expect(result.envelopeErrors[0]?.byteOffset).toBe(cut.length);
  });

  it('refuses garbage without throwing, and finds garbage bytes inside a file', () => {
    for (const text of ['\u0000\u0001\u0002garbage', 'PK\u0003\u0004binary', '{"claims":[]}', '']) {
      const result = read837(text);
      expect(codes(result.envelopeErrors)).toEqual(['not-x12 -']);
      expect(result.transactions).toEqual([]);
    }
    const damaged = good().replace('\nLX*2~', '\n\u0000\u00ff\u0013~\nLX*2~');
    const result = read837(damaged);
    expect(codes(result.envelopeErrors)).toEqual(['bad-segment-id -']);
    expect(result.envelopeErrors[0]?.segmentIndex).toBe(
      damaged.split('~').findIndex((s) => s.includes('\u0000')) + 1,
    );
  });

  it('says an 835 is not a claim file, whether its ST says 835 or was changed to 837', () => {
    const remittance = remittanceFile([
      remitClaim({ patientControlNumber: 'GOOD-1', charge: 10_000, paid: 8_000 }),
    ]);
    const asIs = read837(remittance);
    expect(asIs.envelopeErrors.map((e) => e.message)).toContain(
      'This is a 835 transaction; a 837 was expected.',
    );
    const relabelled = read837(remittance.replace('ST*835', 'ST*837'));
    expect(relabelled.envelopeErrors.map((e) => e.message)).toEqual([
      'This is not an 837 claim file: transaction 0001 is marked 837, but its functional group (GS01) is HP (remittance advice), not HC (health care claims).',
      'Transaction 0001 follows implementation guide 005010X221A1, an 835 remittance advice guide; ClaimDesk reads 837 claim files of version 5010, institutional (005010X223A2) and professional (005010X222A1).',
    ]);
    expect(relabelled.envelopeErrors[0]?.segmentId).toBe('ST');
  });

  it('refuses 837s of another version or for encounters only', () => {
    const old = read837(good().replaceAll('005010X223A2', '004010X096A1'));
    expect(old.envelopeErrors.map((e) => e.message)).toEqual([
      'Transaction 0010 follows implementation guide 004010X096A1, a version 4010 guide; ClaimDesk reads 837 claim files of version 5010, institutional (005010X223A2) and professional (005010X222A1).',
    ]);
    const encounters = read837(good().replace('*CH~', '*RP~'));
    expect(encounters.envelopeErrors.map((e) => [e.code, e.segmentId, e.message])).toEqual([
      [
        'wrong-transaction-type',
        'ST',
        'Transaction 0010 reports encounters (BHT06 RP), not claims for payment; ClaimDesk imports claims.',
      ],
    ]);
  });

  it('checks each claim on its own and says where the problem is', () => {
    const cases: [string, (text: string) => string, string[]][] = [
      [
        'lines that do not add up',
        (t) => t.replace('CLM*GOOD-1*125*', 'CLM*GOOD-1*125.01*'),
        ['claim-unbalanced CLM'],
      ],
      [
        'a negative line charge',
        (t) => t.replace('*25*UN*1~', '*-25*UN*1~').replace('CLM*GOOD-1*125*', 'CLM*GOOD-1*75*'),
        ['bad-amount SV2'],
      ],
      ['no units', (t) => t.replace('*25*UN*1~', '*25*UN*0~'), ['bad-quantity SV2']],
      // problems at the subscriber level belong to every claim under that subscriber
      [
        'no member id',
        (t) => t.replace('*MI*ACM123456789~', '~'),
        ['missing-element NM1', 'missing-element NM1'],
      ],
      [
        'an address without its city',
        (t) => t.replace('N4*Chicago*IL*606143318~\nDMG', 'DMG'),
        ['missing-element N3', 'missing-element N3'],
      ],
      [
        'an unreadable date of birth',
        (t) => t.replace('DMG*D8*19800412', 'DMG*D8*19801312'),
        ['bad-date DMG', 'bad-date DMG'],
      ],
      [
        'no principal diagnosis',
        (t) => t.replaceAll('HI*ABK:R0789~', 'HI*ABF:R0789~'),
        ['missing-element CLM', 'missing-element CLM', 'missing-element CLM'],
      ],
      [
        'a professional line in an institutional claim',
        (t) => t.replace('SV2*0450*HC:99284*25*', 'SV1*HC:99284*25*'),
        ['unexpected-segment SV1'],
      ],
      [
        'a line without a date in a claim without a statement period',
        (t) =>
          t
            .replace(/DTP\*434\*RD8\*\d+-\d+~\n/, '')
            .replace(
              'LX*2~\nSV2*0450*HC:99284*25*UN*1~\nDTP*472*D8*20260210~',
              'LX*2~\nSV2*0450*HC:99284*25*UN*1~',
            ),
        ['missing-element LX'],
      ],
      [
        'a missing frequency code',
        (t) => t.replace('CLM*GOOD-1*125***13:A:1', 'CLM*GOOD-1*125***13:A'),
        ['missing-element CLM'],
      ],
    ];
    for (const [what, change, expected] of cases) {
      const text = recount(change(good()));
      expect(text, what).not.toBe(good());
      const result = read837(text);
      expect(result.envelopeErrors, what).toEqual([]);
      const claims = claimsOf(result);
      expect(claims.map((c) => c.patientControlNumber)).toEqual(['GOOD-1', 'GOOD-3', 'GOOD-2']);
      expect(codes(claims.flatMap((c) => c.errors)), what).toEqual(expected);
    }
  });

  it('refuses an HL tree that does not hold together', () => {
    const orphan = read837(good().replace('HL*2*1*22*', 'HL*2*9*22*'));
    expect(codes(orphan.transactions[0]?.errors ?? [])).toContain('bad-hierarchy HL');
    const claimUnderProvider = file('005010X223A2', [
      'BHT*0019*00*1*20260301*0930*CH',
      'HL*1**20*1',
      'NM1*85*2*SOME HOSPITAL*****XX*1234567893',
      'CLM*X1*10***13:A:1**A*Y*Y',
    ]);
    expect(codes(read837(claimUnderProvider).transactions[0]?.errors ?? [])).toEqual([
      'bad-hierarchy CLM',
    ]);
  });

  it('accepts a line without its own date when the claim has a statement period', () => {
    const claim = testClaim('DATES-1', [1_000, 2_000], {
      lines: [serviceLine(1, 1_000, { serviceDate: null }), serviceLine(2, 2_000)],
      statementFrom: isoDate('2026-02-01'),
      statementTo: isoDate('2026-02-03'),
    });
    const [read] = claimsOf(read837(claimFileText([claim])));
    expect(read?.errors).toEqual([]);
    expect(read?.lines.map((l) => l.serviceDate)).toEqual([null, '2026-02-10']);
    expect(read?.totalCharge).toBe(cents(3_000));
  });
});
