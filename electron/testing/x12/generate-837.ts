import { addDays, type IsoDate } from '../../../shared/dates/iso-date';
import { cents, sumCents } from '../../../shared/money/cents';
import { DEMO_PAYERS, FACILITY, type DemoPayer, type PayerCode } from '../../demo/catalog';
import { groupNumber, memberId } from '../../demo/numbers';
import { makePerson, pickPatientAge, type PersonPlan } from '../../demo/people';
import { Rng } from '../../demo/random';
import {
  encounterLines,
  lengthOfStay,
  pickEncounterKind,
  type EncounterKind,
} from '../../demo/services';
import type {
  BillingProvider,
  Claim837,
  ClaimType,
  Patient837,
  Payer837,
  PostalAddress,
  ServiceLine837,
  Subscriber,
} from '../../importers/claims/claim-types';
import type { ClaimFileDocument } from './write-837';

/*
 * 837 claim files shaped like the demo hospital: its facility as billing provider, its
 * payers (by their payer codes), people, addresses, member and group numbers made the
 * way the demo makes them, and encounters priced from its charge master. For tests and
 * the benchmark; deterministic for a seed.
 */

export const DEFAULT_CLAIM_SEED = 837_2026;

export interface GenerateClaimsOptions {
  count: number;
  claimType: ClaimType;
  /** Service dates fall in the two months before this day. */
  today: IsoDate;
  seed?: number;
  /** Patient control numbers are `V` and nine digits, counting up from this. */
  firstNumber?: number;
}

/** ICD-10-CM codes as an 837 carries them (no decimal point), by kind of visit. */
const DIAGNOSES: Record<EncounterKind, readonly string[]> = {
  emergency: ['R0789', 'R1084', 'J069', 'N390', 'R55', 'S52501A', 'S0990XA'],
  lab: ['E119', 'E785', 'I10', 'D649', 'Z0000'],
  imaging: ['M25561', 'R0602', 'G4489', 'M5450', 'R1030'],
  clinic: ['I10', 'E119', 'J449', 'Z23', 'F419'],
  therapy: ['M6281', 'M25511', 'M1711', 'M5416'],
  observation: ['R0789', 'R55', 'R42', 'I4891'],
  inpatient: ['J189', 'I5023', 'N179', 'A419', 'J441'],
  surgery: ['K8020', 'K4090', 'H2511', 'K635', 'G5600'],
};
const SECONDARY_DIAGNOSES = ['I10', 'E119', 'E785', 'Z87891', 'Z7901', 'E669'] as const;

/** SBR09 claim filing indicator for each demo payer. */
const FILING: Record<PayerCode, { institutional: string; professional: string }> = {
  MCR: { institutional: 'MA', professional: 'MB' },
  MCD: { institutional: 'MC', professional: 'MC' },
  BCBS: { institutional: 'BL', professional: 'BL' },
  MMH: { institutional: 'CI', professional: 'CI' },
  UCHP: { institutional: 'HM', professional: 'HM' },
  CYG: { institutional: 'CI', professional: 'CI' },
  LHP: { institutional: 'HM', professional: 'HM' },
  MEC: { institutional: 'WC', professional: 'WC' },
};

/** The demo hospital as the billing provider. */
export function demoBillingProvider(): BillingProvider {
  return {
    name: FACILITY.name,
    npi: FACILITY.npi,
    taxId: FACILITY.tax_id.replace('-', ''),
    address: {
      line1: FACILITY.line1,
      line2: FACILITY.line2,
      city: FACILITY.city,
      state: FACILITY.state,
      zip: FACILITY.zip.replace('-', ''),
    },
  };
}

function postal(person: PersonPlan): PostalAddress | null {
  const a = person.addresses[person.addresses.length - 1];
  if (!a) return null;
  return {
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    state: a.state,
    zip: a.zip.replace('-', ''),
  };
}

function nameOf(p: PersonPlan) {
  return { last: p.lastName, first: p.firstName, middle: p.middleName, suffix: null };
}

function pickPayer(rng: Rng, age: number): DemoPayer {
  const code = rng.weighted<PayerCode>(
    age >= 65
      ? [
          ['MCR', 85],
          ['UCHP', 10],
          ['BCBS', 5],
        ]
      : [
          ['BCBS', 24],
          ['MMH', 14],
          ['UCHP', 12],
          ['CYG', 10],
          ['LHP', 8],
          ['MCD', 28],
          ['MEC', 4],
        ],
  );
  return DEMO_PAYERS.find((p) => p.code === code) as DemoPayer;
}

interface Household {
  subscriber: Subscriber;
  payer: Payer837;
  /** null: the subscriber is the patient */
  patients: (Patient837 | null)[];
  ages: number[];
}

/** A subscriber with the patients who are billed under them: themselves, a spouse, children. */
function household(rng: Rng, today: IsoDate, type: ClaimType): Household {
  const age = pickPatientAge(rng);
  const payer = pickPayer(rng, age);
  const government = payer.code === 'MCR' || payer.code === 'MCD';
  const patient = makePerson(rng, today, { age, registeredOn: today });
  let holder = patient;
  const patients: (Patient837 | null)[] = [];
  const ages: number[] = [];
  const dependent = (p: PersonPlan, relationship: string): Patient837 => ({
    relationship,
    name: nameOf(p),
    address: postal(p),
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
  });
  if (!government && age < 18) {
    holder = makePerson(rng, today, {
      age: Math.min(80, age + rng.int(19, 42)),
      lastName: rng.chance(0.8) ? patient.lastName : undefined,
      household: patient,
      registeredOn: today,
    });
    patients.push(dependent(patient, '19'));
    ages.push(age);
    if (rng.chance(0.3)) {
      const siblingAge = rng.int(0, 17);
      const sibling = makePerson(rng, today, {
        age: siblingAge,
        lastName: patient.lastName,
        household: patient,
        registeredOn: today,
      });
      patients.push(dependent(sibling, '19'));
      ages.push(siblingAge);
    }
  } else if (!government && rng.chance(0.15)) {
    holder = makePerson(rng, today, {
      age: Math.max(18, age + rng.int(-6, 6)),
      sex: patient.sex === 'F' ? 'M' : 'F',
      lastName: rng.chance(0.6) ? patient.lastName : undefined,
      household: patient,
      registeredOn: today,
    });
    patients.push(dependent(patient, '01'));
    ages.push(age);
  } else {
    patients.push(null);
    ages.push(age);
  }
  return {
    subscriber: {
      payerResponsibility: 'P',
      relationship: holder === patient ? '18' : null,
      groupNumber: groupNumber(rng, payer.code),
      groupName: null,
      filingIndicator: FILING[payer.code][type],
      name: nameOf(holder),
      memberId: memberId(rng, payer.code, Number(today.slice(0, 4))),
      address: postal(holder),
      dateOfBirth: holder.dateOfBirth,
      sex: holder.sex,
    },
    payer: { name: payer.name, payerId: payer.code },
    patients,
    ages,
  };
}

/** Hospital outpatient (13) or inpatient (11) bill type; office, ER, outpatient, inpatient place of service. */
function facilityCode(type: ClaimType, kind: EncounterKind): string {
  if (type === 'institutional') return kind === 'inpatient' ? '11' : '13';
  if (kind === 'clinic' || kind === 'therapy') return '11';
  if (kind === 'emergency') return '23';
  if (kind === 'inpatient') return '21';
  return '22';
}

function encounterClaim(
  rng: Rng,
  type: ClaimType,
  today: IsoDate,
  age: number,
  pcn: string,
): Omit<Claim837, 'billingProvider' | 'subscriber' | 'payer' | 'patient'> {
  const kind = pickEncounterKind(rng, age);
  const stay = lengthOfStay(rng, kind);
  const start = addDays(today, -rng.int(3 + stay, 60));
  const planned = encounterLines(rng, kind, stay).filter(
    (l) => type === 'institutional' || l.procedureCode !== null,
  );
  const lines: ServiceLine837[] = planned.map((l, i) => ({
    lineNumber: i + 1,
    revenueCode: type === 'institutional' ? l.revenueCode : null,
    procedure: l.procedureCode
      ? { qualifier: 'HC', code: l.procedureCode, modifiers: l.modifiers ? [l.modifiers] : [] }
      : null,
    charge: cents(l.charge),
    unitBasis: l.revenueCode === '0120' || l.revenueCode === '0200' ? 'DA' : 'UN',
    units: l.units,
    placeOfService: null,
    serviceDate: addDays(start, Math.min(l.dayOffset, stay)),
    serviceDateTo: null,
  }));
  if (lines.length === 0) {
    // an inpatient stay billed by a physician: the daily visits
    lines.push({
      lineNumber: 1,
      revenueCode: null,
      procedure: { qualifier: 'HC', code: '99232', modifiers: [] },
      charge: cents(18_400 * Math.max(1, stay)),
      unitBasis: 'UN',
      units: Math.max(1, stay),
      placeOfService: null,
      serviceDate: start,
      serviceDateTo: stay > 0 ? addDays(start, stay) : null,
    });
  }
  const diagnoses = [rng.pick(DIAGNOSES[kind])];
  for (let i = rng.int(0, 3); i > 0; i--) {
    const code = rng.pick(SECONDARY_DIAGNOSES);
    if (!diagnoses.includes(code)) diagnoses.push(code);
  }
  const needsAuthorization = kind === 'inpatient' || kind === 'surgery';
  return {
    claimType: type,
    patientControlNumber: pcn,
    totalCharge: sumCents(lines.map((l) => l.charge)),
    facilityCode: facilityCode(type, kind),
    frequencyCode: '1',
    statementFrom: type === 'institutional' ? start : null,
    statementTo: type === 'institutional' ? addDays(start, stay) : null,
    diagnosisCodes: diagnoses,
    priorAuthorization: needsAuthorization && rng.chance(0.7) ? `PA${rng.digits(8)}` : null,
    referralNumber: type === 'professional' && rng.chance(0.2) ? `RF${rng.digits(7)}` : null,
    payerClaimNumber: null,
    lines,
    errors: [],
  };
}

/**
 * Claims of one type for households of the demo's kind: subscribers billed for
 * themselves, for a spouse or for one or two children, now and then two visits for the
 * same patient, so files exercise every level of the HL tree and repeat people.
 */
export function generateClaims(o: GenerateClaimsOptions): Claim837[] {
  const rng = new Rng(o.seed ?? DEFAULT_CLAIM_SEED);
  const provider = demoBillingProvider();
  const claims: Claim837[] = [];
  let next = o.firstNumber ?? 1;
  while (claims.length < o.count) {
    const h = household(rng, o.today, o.claimType);
    h.patients.forEach((patient, i) => {
      const visits = rng.chance(0.15) ? 2 : 1;
      for (let v = 0; v < visits && claims.length < o.count; v++) {
        const pcn = `V${String(next++).padStart(9, '0')}`;
        claims.push({
          ...encounterClaim(rng, o.claimType, o.today, h.ages[i] ?? 40, pcn),
          billingProvider: provider,
          subscriber: h.subscriber,
          payer: h.payer,
          patient,
        });
      }
    });
  }
  return claims;
}

export const GUIDE_OF: Record<ClaimType, string> = {
  institutional: '005010X223A2',
  professional: '005010X222A1',
};

/**
 * One interchange with one functional group per claim type present, one transaction per
 * group; control numbers from `controlNumber`.
 */
export function claimDocument(
  claims: readonly Claim837[],
  opts: { today: IsoDate; controlNumber?: number },
): ClaimFileDocument {
  const control = opts.controlNumber ?? 1;
  const types = (['institutional', 'professional'] as const).filter((t) =>
    claims.some((c) => c.claimType === t),
  );
  const yymmdd = opts.today.slice(2).replaceAll('-', '');
  return {
    interchanges: [
      {
        header: {
          senderQualifier: 'ZZ',
          senderId: 'LAKESHORE',
          receiverQualifier: 'ZZ',
          receiverId: 'CLEARINGHOUSE',
          date: yymmdd,
          time: '1200',
          version: '00501',
          controlNumber: String(control).padStart(9, '0'),
          acknowledgmentRequested: '0',
          usage: 'T',
        },
        groups: types.map((type, g) => ({
          header: {
            functionalId: 'HC',
            senderCode: 'LAKESHORE',
            receiverCode: 'CLEARINGHOUSE',
            date: opts.today,
            time: '1200',
            controlNumber: String(control * 10 + g),
            agency: 'X',
            version: GUIDE_OF[type],
          },
          transactions: [
            {
              controlNumber: String(control * 10 + g).padStart(4, '0'),
              implementationReference: GUIDE_OF[type],
              interchangeControlNumber: String(control).padStart(9, '0'),
              groupControlNumber: String(control * 10 + g),
              claimType: type,
              purpose: '00',
              referenceId: `BATCH${control}`,
              createdOn: opts.today,
              claimOrEncounter: 'CH',
              submitter: { name: FACILITY.name, id: 'LAKESHORE' },
              receiver: { name: 'Lakeshore Claims Clearinghouse', id: 'CLEARINGHOUSE' },
              claims: claims.filter((c) => c.claimType === type),
              errors: [],
            },
          ],
        })),
      },
    ],
  };
}
