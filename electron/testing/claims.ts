import { isoDate, type IsoDate } from '../../shared/dates/iso-date';
import { cents, sumCents } from '../../shared/money/cents';
import { TEST_TODAY } from './test-db';
import type {
  Claim837,
  ClaimType,
  Patient837,
  ServiceLine837,
  Subscriber,
} from '../importers/claims/claim-types';
import { claimDocument, demoBillingProvider } from './x12/generate-837';
import { write837, type Write837Options } from './x12/write-837';

/*
 * Small, fully spelled-out claims for focused tests; `generateClaims` makes the realistic
 * ones. Amounts are cents.
 */

export const SERVICE_DAY: IsoDate = isoDate('2026-02-10');

export const ACME = { name: 'Acme Health Plan', payerId: 'ACME01' } as const;

export function serviceLine(
  lineNumber: number,
  charge: number,
  over: Partial<ServiceLine837> = {},
): ServiceLine837 {
  return {
    lineNumber,
    revenueCode: '0450',
    procedure: { qualifier: 'HC', code: '99284', modifiers: [] },
    charge: cents(charge),
    unitBasis: 'UN',
    units: 1,
    placeOfService: null,
    serviceDate: SERVICE_DAY,
    serviceDateTo: null,
    ...over,
  };
}

export const SUBSCRIBER: Subscriber = {
  payerResponsibility: 'P',
  relationship: '18',
  groupNumber: 'G-1001',
  groupName: null,
  filingIndicator: 'CI',
  name: { last: 'Rivera', first: 'Ana', middle: 'M', suffix: null },
  memberId: 'ACM123456789',
  address: { line1: '100 Main St', line2: 'Apt 2', city: 'Chicago', state: 'IL', zip: '606143318' },
  dateOfBirth: isoDate('1980-04-12'),
  sex: 'F',
};

export const CHILD: Patient837 = {
  relationship: '19',
  name: { last: 'Rivera', first: 'Leo', middle: null, suffix: null },
  address: { line1: '100 Main St', line2: 'Apt 2', city: 'Chicago', state: 'IL', zip: '606143318' },
  dateOfBirth: isoDate('2015-09-30'),
  sex: 'M',
};

/** A claim to Acme for the subscriber herself, its total the sum of the line charges. */
export function testClaim(
  pcn: string,
  charges: readonly number[],
  over: Partial<Claim837> & { type?: ClaimType } = {},
): Claim837 {
  const { type = 'institutional', ...rest } = over;
  const lines = charges.map((c, i) =>
    serviceLine(i + 1, c, type === 'professional' ? { revenueCode: null } : {}),
  );
  return {
    claimType: type,
    billingProvider: demoBillingProvider(),
    subscriber: SUBSCRIBER,
    payer: ACME,
    patient: null,
    patientControlNumber: pcn,
    totalCharge: sumCents(lines.map((l) => l.charge)),
    facilityCode: type === 'institutional' ? '13' : '11',
    frequencyCode: '1',
    statementFrom: type === 'institutional' ? SERVICE_DAY : null,
    statementTo: type === 'institutional' ? SERVICE_DAY : null,
    diagnosisCodes: ['R0789', 'I10'],
    priorAuthorization: null,
    referralNumber: null,
    payerClaimNumber: null,
    lines,
    errors: [],
    ...rest,
  };
}

/** The claim sent again as a replacement (7) or void (8), with changes. */
export function resent(claim: Claim837, frequencyCode: '7' | '8', over: Partial<Claim837> = {}) {
  const next = { ...claim, frequencyCode, payerClaimNumber: 'PAYER-CLAIM-1', ...over };
  return { ...next, totalCharge: sumCents(next.lines.map((l) => l.charge)) };
}

/** An 837 file (text) holding the claims, one group per claim type. */
export function claimFileText(
  claims: readonly Claim837[],
  opts: { controlNumber?: number; today?: IsoDate } & Write837Options = {},
): string {
  const { controlNumber, today = TEST_TODAY, ...write } = opts;
  return write837(claimDocument(claims, { today, controlNumber }), write);
}
