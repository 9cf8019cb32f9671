import { describe, expect, it } from 'vitest';
import { withoutPositions } from '../../testing/x12/samples';
import { read837 } from './read-837';
import { claimsOf, file } from '../../testing/read-837';

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
