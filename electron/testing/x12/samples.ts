import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { Claim, Remittance } from '../../importers/x12/remittance-types';
import type { InterchangeHeader } from '../../importers/x12/envelope';
import type { Remittance835Document, X12Document } from './write-835';

/*
 * Helpers for the X12 reader and import tests. The public sample files live in the shared
 * fixtures folder beside the repository and are read in place, never copied.
 */

const fixtureRoot = new URL('../../../../shared/fixtures/x12/', import.meta.url);

export function fixtureNames(kind: '835' | '277'): string[] {
  return readdirSync(fileURLToPath(new URL(`${kind}/`, fixtureRoot)))
    .filter((name) => name.endsWith(`.${kind}`))
    .sort();
}

export function fixtureText(kind: '835' | '277', name: string): string {
  return readFileSync(fileURLToPath(new URL(`${kind}/${name}`, fixtureRoot)), 'utf8');
}

/** Reads a CSV without quoted fields (the expected-output files have none) into records. */
export function readCsv(kind: '835', name: string): Record<string, string>[] {
  const [head = '', ...rows] = fixtureText(kind, name)
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const columns = head.split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** Drops reader-only data (positions, errors) so models can be compared with what was written. */
export function withoutPositions<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v)),
  ) as T;
}

const day = (n: number): IsoDate => {
  const d = new Date(Date.UTC(2025, 0, 1 + (n % 300)));
  return d.toISOString().slice(0, 10) as IsoDate;
};

/** A balanced claim with two service lines, varied by `n`. */
export function sampleClaim(n: number, headerNumber: string | null): Claim {
  const lineCharge = cents(10_000 + (n % 97) * 101);
  const contractual = cents(1_000 + (n % 13) * 7);
  const deductible = cents(n % 5 === 0 ? 2_500 : 0);
  const linePaid = cents(lineCharge - contractual - deductible);
  const secondCharge = cents(4_321 + (n % 7));
  const lines = [
    {
      procedure: {
        qualifier: 'HC',
        code: '99213',
        modifiers: n % 3 === 0 ? ['25'] : [],
        description: null,
      },
      chargeAmount: lineCharge,
      paidAmount: linePaid,
      revenueCode: null,
      units: 1,
      originalProcedure: null,
      originalUnits: null,
      dates: [{ qualifier: '472', date: day(n) }],
      adjustments: [
        { group: 'CO', reason: '45', amount: contractual, quantity: null },
        ...(deductible > 0
          ? [{ group: 'PR', reason: '1', amount: deductible, quantity: null }]
          : []),
      ],
      references: [{ qualifier: '6R', value: `L${n}-1` }],
      amounts: [{ qualifier: 'B6', amount: linePaid }],
      quantities: [],
      remarks: n % 4 === 0 ? [{ qualifier: 'HE', code: 'N130' }] : [],
    },
    {
      procedure: { qualifier: 'HC', code: '36415', modifiers: [], description: null },
      chargeAmount: secondCharge,
      paidAmount: cents(0),
      revenueCode: '0300',
      units: 2,
      originalProcedure: null,
      originalUnits: null,
      dates: [
        { qualifier: '150', date: day(n) },
        { qualifier: '151', date: day(n + 1) },
      ],
      adjustments: [{ group: 'CO', reason: '97', amount: secondCharge, quantity: null }],
      references: [],
      amounts: [],
      quantities: [],
      remarks: [],
    },
  ] satisfies Claim['serviceLines'];
  return {
    headerNumber,
    patientControlNumber: `PCN${String(n).padStart(7, '0')}`,
    statusCode: '1',
    chargeAmount: cents(lineCharge + secondCharge),
    paidAmount: linePaid,
    patientResponsibility: deductible,
    filingIndicator: '12',
    payerClaimNumber: `PAYER${n}`,
    facilityType: '11',
    frequency: '1',
    adjustments: [],
    people: [
      {
        entityCode: 'QC',
        entityType: '1',
        lastOrOrganizationName: `LAST${n}`,
        firstName: 'FIRST',
        middleName: null,
        suffix: null,
        idQualifier: 'MI',
        id: `M${n}`,
      },
    ],
    inpatient: null,
    outpatient:
      n % 6 === 0 ? { reimbursementRate: null, remarkCodes: ['MA01'], amounts: {} } : null,
    references: [],
    dates: [{ qualifier: '050', date: day(n + 2) }],
    contacts: [],
    amounts: [],
    quantities: [],
    serviceLines: lines,
    errors: [],
  };
}

/** A one-interchange, one-group, one-transaction document with `claimCount` balanced claims. */
export function sampleDocument(claimCount: number): Remittance835Document {
  const claims = Array.from({ length: claimCount }, (_, i) => sampleClaim(i + 1, '1'));
  const paid = claims.reduce((sum, c) => sum + c.paidAmount, 0);
  const withheld = cents(1_234);
  const remittance: Remittance = {
    controlNumber: '0001',
    implementationReference: '005010X221A1',
    interchangeControlNumber: '000000042',
    groupControlNumber: '42',
    payment: {
      handlingCode: 'I',
      amount: cents(paid - withheld),
      creditDebit: 'C',
      method: 'ACH',
      format: 'CCP',
      date: '2025-03-04' as IsoDate,
    },
    trace: {
      typeCode: '1',
      traceNumber: 'EFT123',
      payerId: '1999999999',
      originatingSupplementalId: null,
    },
    references: [{ qualifier: 'EV', value: 'RECEIVER' }],
    dates: [{ qualifier: '405', date: '2025-03-03' as IsoDate }],
    payer: {
      entityCode: 'PR',
      name: 'SAMPLE HEALTH PLAN',
      idQualifier: null,
      id: null,
      address: {
        lines: ['PO BOX 1'],
        city: 'SPRINGFIELD',
        state: 'IL',
        postalCode: '62701',
        country: null,
      },
      references: [{ qualifier: '2U', value: '999' }],
      contacts: [
        {
          functionCode: 'BL',
          name: 'EDI',
          communications: [{ qualifier: 'TE', number: '8005550100' }],
        },
      ],
    },
    payee: {
      entityCode: 'PE',
      name: 'SAMPLE HOSPITAL',
      idQualifier: 'XX',
      id: '1234567893',
      address: null,
      references: [{ qualifier: 'TJ', value: '123456789' }],
      contacts: [],
    },
    headers: [{ number: '1', providerSummary: null, institutionalSummary: null }],
    claims,
    providerAdjustments: [
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2025-12-31' as IsoDate,
        items: [
          { reasonCode: 'WO', referenceId: 'PAYER1', amount: cents(1_000) },
          { reasonCode: 'L6', referenceId: null, amount: cents(234) },
        ],
      },
    ],
    errors: [],
  };
  return {
    interchanges: [
      {
        header: {
          senderQualifier: 'ZZ',
          senderId: 'PAYER',
          receiverQualifier: 'ZZ',
          receiverId: 'HOSPITAL',
          date: '250304',
          time: '1200',
          version: '00501',
          controlNumber: '000000042',
          acknowledgmentRequested: '0',
          usage: 'T',
        },
        groups: [
          {
            header: {
              functionalId: 'HP',
              senderCode: 'PAYER',
              receiverCode: 'HOSPITAL',
              date: '2025-03-04' as IsoDate,
              time: '1200',
              controlNumber: '42',
              agency: 'X',
              version: '005010X221A1',
            },
            transactions: [remittance],
          },
        ],
      },
    ],
  };
}

/**
 * The document a read result came from, for files the writer made: transactions in
 * order, each in the group its GS control number names. Lets a round trip compare
 * read(write(x)) with x for any transaction type.
 */
export function documentOf<T extends { groupControlNumber: string | null }>(result: {
  interchanges: readonly InterchangeHeader[];
  transactions: readonly T[];
}): X12Document<T> {
  let next = 0;
  return {
    interchanges: result.interchanges.map(({ groups, ...header }) => ({
      header,
      groups: groups.map((group) => {
        const transactions: T[] = [];
        while (result.transactions[next]?.groupControlNumber === group.controlNumber) {
          const t = result.transactions[next];
          if (t) transactions.push(t);
          next += 1;
        }
        return { header: group, transactions };
      }),
    })),
  };
}
