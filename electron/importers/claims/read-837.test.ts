import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { remitClaim, remittanceFile } from '../../testing/remittance';
import { TEST_TODAY } from '../../testing/test-db';
import { documentOf, withoutPositions } from '../../testing/x12/samples';
import type { Claim837, Read837Result } from './claim-types';
import { claimDocument, generateClaims } from '../../testing/x12/generate-837';
import { read837 } from './read-837';
import { CHILD, claimFileText, serviceLine, SUBSCRIBER, testClaim } from '../../testing/claims';
import { write837 } from '../../testing/x12/write-837';

const ISA =
  'ISA*00*          *00*          *ZZ*NORTHSIDE      *ZZ*CLEARHOUSE     *260301*0930*^*00501*000000311*1*P*:';

/** A one-transaction file around `body`, with its counts right. */
function file(guide: string, body: readonly string[]): string {
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

const claimsOf = (r: Read837Result): Claim837[] => r.transactions.flatMap((t) => t.claims);
const codes = (issues: readonly { code: string; segmentId: string | null }[]): string[] =>
  issues.map((i) => `${i.code} ${i.segmentId ?? '-'}`);

/** A physician practice's file: a child billed under a parent, with a second payer on file. */
const PROFESSIONAL = file('005010X222A1', [
  'BHT*0019*00*B311*20260301*0930*CH',
  'NM1*41*2*NORTHSIDE BILLING*****46*NSB01',
  'PER*IC*CLAIMS DESK*TE*3125550142',
  'NM1*40*2*CLEARHOUSE*****46*CH01',
  'HL*1**20*1',
  'PRV*BI*PXC*207Q00000X',
  'NM1*85*2*NORTHSIDE FAMILY MEDICINE*****XX*1093817465',
  'N3*4410 N BROADWAY*SUITE 200',
  'N4*CHICAGO*IL*606401234',
  'REF*EI*362223344',
  'NM1*87*2',
  'N3*PO BOX 8812',
  'N4*CHICAGO*IL*60680',
  'HL*2*1*22*1',
  'SBR*P**GRP7788******CI',
  'NM1*IL*1*OKONKWO*GRACE*A***MI*MMH556677001',
  'N3*2231 W CULLOM AVE',
  'N4*CHICAGO*IL*60618',
  'DMG*D8*19820614*F',
  'NM1*PR*2*MERIDIAN MUTUAL HEALTH*****PI*MMH',
  'N3*PO BOX 4400',
  'N4*DES PLAINES*IL*60016',
  'HL*3*2*23*0',
  'PAT*19',
  'NM1*QC*1*OKONKWO*DAVID',
  'N3*2231 W CULLOM AVE',
  'N4*CHICAGO*IL*60618',
  'DMG*D8*20140203*M',
  'CLM*NFM2026-0042*312.5***11:B:1*Y*A*Y*I',
  'REF*9F*RF5512',
  'REF*G1*PA99887766',
  'HI*ABK:J069*ABF:R509',
  'NM1*82*1*HALVORSEN*INGRID****XX*1558273640',
  'PRV*PE*PXC*207Q00000X',
  'NM1*77*2*NORTHSIDE FAMILY MEDICINE*****XX*1093817465',
  'N3*4410 N BROADWAY',
  'N4*CHICAGO*IL*60640',
  'SBR*S*01*******CI',
  'OI***Y*P**Y',
  'NM1*IL*1*OKONKWO*SAMUEL****MI*CYG11223344',
  'N3*2231 W CULLOM AVE',
  'N4*CHICAGO*IL*60618',
  'NM1*PR*2*CYGNET HEALTH*****PI*CYG',
  'LX*1',
  'SV1*HC:99214:25*245*UN*1***1:2',
  'DTP*472*D8*20260223',
  'REF*6R*L1',
  'LX*2',
  'SV1*HC:87880*42.5*UN*1***1',
  'DTP*472*D8*20260223',
  'LX*3',
  'SV1*HC:J1100*25*UN*2.5***1',
  'DTP*472*RD8*20260223-20260224',
  'NTE*ADD*TWO DOSES',
]);

/** A hospital's replacement claim whose sender builds composites with `>` instead of ISA16. */
const INSTITUTIONAL = file('005010X223A2', [
  'BHT*0019*00*0007*20260305*1415*CH',
  'NM1*41*2*LAKESHORE REGIONAL*****46*LRMC',
  'PER*IC*PFS*TE*3125550100',
  'NM1*40*2*UNITEDCARE*****46*UCHP',
  'HL*1**20*1',
  'PRV*BI*PXC*282N00000X',
  'NM1*85*2*LAKESHORE REGIONAL MEDICAL CENTER*****XX*1847392655',
  'N3*2400 NORTH LAKEVIEW PARKWAY',
  'N4*CHICAGO*IL*606143318',
  'REF*EI*364718293',
  'HL*2*1*22*0',
  'SBR*P*18*UC0042******HM',
  'NM1*IL*1*BAPTISTE*MARIE*L***MI*U4455667701',
  'N3*718 E 47TH ST',
  'N4*CHICAGO*IL*60653',
  'DMG*D8*19560721*F',
  'NM1*PR*2*UNITEDCARE HEALTH PLANS*****PI*UCHP',
  'CLM*V000777001*10456.25***11>A>7**A*Y*Y',
  'DTP*434*RD8*20260301-20260304',
  'DTP*435*DT*202603010830',
  'CL1*1*7*01',
  'REF*F8*UC26060123456',
  'REF*G1*AUTH-2026-0031',
  'HI*ABK>J189',
  'HI*ABF>I10*ABF>E119',
  'HI*BH>11>D8>20260301',
  'HI*BG>39',
  'NM1*71*1*PATEL*ANIL****XX*1234567893',
  'LX*1',
  'SV2*0120**7380*DA*3',
  'LX*2',
  'SV2*0250**412.75*UN*1',
  'DTP*472*D8*20260302',
  'LX*3',
  'SV2*0300*HC>80053*182.5*UN*1',
  'DTP*472*D8*20260301',
  'LX*4',
  'SV2*0360*HC>47562>LT*2481*UN*1',
  'DTP*472*D8*20260302',
]);

describe('read837 on files as senders write them', () => {
  it('reads a professional claim for a dependent with its rendering provider, leaving the service facility and other payers aside', () => {
    const result = read837(PROFESSIONAL);
    expect(result.envelopeErrors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const [t] = result.transactions;
    expect(t).toMatchObject({
      claimType: 'professional',
      referenceId: 'B311',
      createdOn: '2026-03-01',
      claimOrEncounter: 'CH',
      submitter: { name: 'NORTHSIDE BILLING', id: 'NSB01' },
      errors: [],
    });
    const [claim] = claimsOf(result);
    expect(claim?.errors).toEqual([]);
    expect(withoutPositions(claim)).toEqual({
      claimType: 'professional',
      billingProvider: {
        name: 'NORTHSIDE FAMILY MEDICINE',
        npi: '1093817465',
        taxId: '362223344',
        address: {
          line1: '4410 N BROADWAY',
          line2: 'SUITE 200',
          city: 'CHICAGO',
          state: 'IL',
          zip: '606401234',
        },
      },
      subscriber: {
        payerResponsibility: 'P',
        relationship: null,
        groupNumber: 'GRP7788',
        groupName: null,
        filingIndicator: 'CI',
        name: { last: 'OKONKWO', first: 'GRACE', middle: 'A', suffix: null },
        memberId: 'MMH556677001',
        address: {
          line1: '2231 W CULLOM AVE',
          line2: null,
          city: 'CHICAGO',
          state: 'IL',
          zip: '60618',
        },
        dateOfBirth: '1982-06-14',
        sex: 'F',
      },
      payer: { name: 'MERIDIAN MUTUAL HEALTH', payerId: 'MMH' },
      patient: {
        relationship: '19',
        name: { last: 'OKONKWO', first: 'DAVID', middle: null, suffix: null },
        address: {
          line1: '2231 W CULLOM AVE',
          line2: null,
          city: 'CHICAGO',
          state: 'IL',
          zip: '60618',
        },
        dateOfBirth: '2014-02-03',
        sex: 'M',
      },
      patientControlNumber: 'NFM2026-0042',
      totalCharge: 31_250,
      facilityCode: '11',
      frequencyCode: '1',
      statementFrom: null,
      statementTo: null,
      diagnosisCodes: ['J069', 'R509'],
      priorAuthorization: 'PA99887766',
      referralNumber: 'RF5512',
      providers: [
        {
          role: 'rendering',
          name: { last: 'HALVORSEN', first: 'INGRID', middle: null, suffix: null },
          npi: '1558273640',
        },
      ],
      payerClaimNumber: null,
      lines: [
        {
          lineNumber: 1,
          revenueCode: null,
          procedure: { qualifier: 'HC', code: '99214', modifiers: ['25'] },
          charge: 24_500,
          unitBasis: 'UN',
          units: 1,
          placeOfService: null,
          serviceDate: '2026-02-23',
          serviceDateTo: null,
        },
        {
          lineNumber: 2,
          revenueCode: null,
          procedure: { qualifier: 'HC', code: '87880', modifiers: [] },
          charge: 4_250,
          unitBasis: 'UN',
          units: 1,
          placeOfService: null,
          serviceDate: '2026-02-23',
          serviceDateTo: null,
        },
        {
          lineNumber: 3,
          revenueCode: null,
          procedure: { qualifier: 'HC', code: 'J1100', modifiers: [] },
          charge: 2_500,
          unitBasis: 'UN',
          units: 2.5,
          placeOfService: null,
          serviceDate: '2026-02-23',
          serviceDateTo: '2026-02-24',
        },
      ],
      errors: [],
    });
    expect(claim?.position).toEqual({
      segmentIndex: PROFESSIONAL.split('~').findIndex((s) => s.trim().startsWith('CLM*')) + 1,
      byteOffset: PROFESSIONAL.indexOf('CLM*'),
    });
  });

  it('reads an institutional replacement whose composites use a separator other than ISA16', () => {
    const result = read837(INSTITUTIONAL);
    expect(result.envelopeErrors).toEqual([]);
    expect(new Set(result.warnings.map((w) => w.code))).toEqual(
      new Set(['component-separator-mismatch']),
    );
    const [claim] = claimsOf(result);
    expect(claim?.errors).toEqual([]);
    expect(claim).toMatchObject({
      claimType: 'institutional',
      patient: null,
      subscriber: { relationship: '18', memberId: 'U4455667701', filingIndicator: 'HM' },
      payer: { name: 'UNITEDCARE HEALTH PLANS', payerId: 'UCHP' },
      patientControlNumber: 'V000777001',
      totalCharge: 1_045_625,
      facilityCode: '11',
      frequencyCode: '7',
      statementFrom: '2026-03-01',
      statementTo: '2026-03-04',
      // occurrence (BH) and condition (BG) codes are not diagnoses
      diagnosisCodes: ['J189', 'I10', 'E119'],
      priorAuthorization: 'AUTH-2026-0031',
      payerClaimNumber: 'UC26060123456',
      providers: [
        {
          role: 'attending',
          name: { last: 'PATEL', first: 'ANIL', middle: null, suffix: null },
          npi: '1234567893',
        },
      ],
    });
    expect(
      claim?.lines.map((l) => [
        l.revenueCode,
        l.procedure?.code ?? null,
        l.procedure?.modifiers ?? [],
        l.charge,
        l.unitBasis,
        l.units,
        l.serviceDate,
      ]),
    ).toEqual([
      ['0120', null, [], 738_000, 'DA', 3, null],
      ['0250', null, [], 41_275, 'UN', 1, '2026-03-02'],
      ['0300', '80053', [], 18_250, 'UN', 1, '2026-03-01'],
      ['0360', '47562', ['LT'], 248_100, 'UN', 1, '2026-03-02'],
    ]);
  });
});

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
