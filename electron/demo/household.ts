import type { UserId } from '../../shared/ids';
import type { FinancialClass } from '../../shared/codes/enums';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { planAccount } from './account';
import type { DemoUser, PayerCode } from './catalog';
import { groupNumber, memberId } from './numbers';
import { ageOn, birthDateForAge, makePerson, pickPatientAge, type PersonPlan } from './people';
import type { AccountPlan, CoverageInfo, PayerInfo, Sequences } from './plan';
import type { Rng } from './random';
import { lengthOfStay, pickEncounterKind, type EncounterKind } from './services';

/**
 * A patient, the person who pays their bills, the insurance they carry and their visits
 * to the hospital over the last two years.
 */
export interface StaffMember extends DemoUser {
  id: UserId;
}

export interface HospitalSetting {
  today: IsoDate;
  now: string;
  payers: ReadonlyMap<PayerCode, PayerInfo>;
  staff: readonly StaffMember[];
  sequences: Sequences;
}

export interface PlannedAccount {
  accountNumber: string;
  serviceDate: IsoDate;
  dischargeDate: IsoDate | null;
  financialClass: FinancialClass;
  coverages: CoverageInfo[];
  /** who posted and wrote on the account */
  workerId: UserId;
  plan: AccountPlan;
}

export interface HouseholdPlan {
  patient: PersonPlan;
  /** null when patients are their own guarantors */
  guarantor: PersonPlan | null;
  relationship: 'self' | 'parent' | 'spouse';
  accounts: PlannedAccount[];
}

/** Accounts go back two years, more of them recent: older ones have mostly been settled. */
const HISTORY_DAYS = 720;

type Team = DemoUser['team'];

function teamFor(financialClass: FinancialClass): Team {
  if (financialClass === 'medicare' || financialClass === 'medicaid') return 'government';
  if (financialClass === 'self_pay') return 'self_pay';
  return 'commercial';
}

function primaryPayer(rng: Rng, age: number): PayerCode | null {
  if (age >= 65)
    return rng.weighted<PayerCode>([
      ['MCR', 85],
      ['UCHP', 10],
      ['BCBS', 5],
    ]);
  if (age < 18) {
    return rng.weighted<PayerCode | null>([
      ['MCD', 45],
      ['BCBS', 18],
      ['MMH', 10],
      ['UCHP', 10],
      ['CYG', 7],
      ['LHP', 5],
      [null, 5],
    ]);
  }
  return rng.weighted<PayerCode | null>([
    ['BCBS', 20],
    ['MMH', 11],
    ['UCHP', 10],
    ['CYG', 8],
    ['LHP', 6],
    ['MCD', 20],
    ['MCR', 3],
    [null, 22],
  ]);
}

function secondaryPayer(rng: Rng, primary: PayerCode): PayerCode | null {
  if (primary === 'MCR') {
    return rng.chance(0.45)
      ? rng.weighted<PayerCode>([
          ['MCD', 25],
          ['BCBS', 45],
          ['CYG', 30],
        ])
      : null;
  }
  if (primary === 'MCD' || primary === 'MEC') return null;
  if (!rng.chance(0.05)) return null;
  return rng.pick((['BCBS', 'MMH', 'CYG', 'UCHP'] as const).filter((c) => c !== primary));
}

function coverage(
  rng: Rng,
  h: HospitalSetting,
  code: PayerCode,
  priority: 1 | 2,
  subscriber: 'patient' | 'guarantor',
): CoverageInfo {
  const payer = h.payers.get(code);
  if (!payer) throw new Error(`demo: payer ${code} missing`);
  return {
    payer,
    priority,
    memberId: memberId(rng, code, Number(h.today.slice(0, 4))),
    groupNumber: groupNumber(rng, code),
    subscriber,
  };
}

function pickOwner(
  rng: Rng,
  staff: readonly StaffMember[],
  team: Team,
): { ownerId: UserId | null; workerId: UserId } {
  const members = staff.filter((u) => u.team === team);
  const pool = members.length ? members : staff;
  const worker = rng.pick(pool);
  return { ownerId: rng.chance(0.08) ? null : worker.id, workerId: worker.id };
}

export function planHousehold(rng: Rng, h: HospitalSetting, accountCount: number): HouseholdPlan {
  const { today } = h;
  const age = pickPatientAge(rng);
  const dateOfBirth = birthDateForAge(rng, age, today);
  const sinceBirth = daysBetween(dateOfBirth, today);

  const visits: { serviceDate: IsoDate; stay: number; encounter: EncounterKind }[] = [];
  for (let i = 0; i < accountCount; i++) {
    let encounter = pickEncounterKind(rng, age);
    let stay = lengthOfStay(rng, encounter);
    if (sinceBirth < 14 + stay) {
      encounter = 'clinic';
      stay = 0;
    }
    const span = Math.min(HISTORY_DAYS, sinceBirth - stay);
    const back = stay + Math.floor(span * Math.pow(rng.next(), 1.35));
    visits.push({ serviceDate: addDays(today, -back), stay, encounter });
  }
  visits.sort((x, y) =>
    x.serviceDate < y.serviceDate ? -1 : x.serviceDate > y.serviceDate ? 1 : 0,
  );
  const first = visits[0]?.serviceDate ?? today;
  const registeredOn = addDays(first, -rng.int(0, 2));
  const patient = makePerson(rng, today, {
    age,
    dateOfBirth,
    registeredOn: registeredOn < dateOfBirth ? dateOfBirth : registeredOn,
  });

  const ageAtFirst = ageOn(patient.dateOfBirth, first);
  let guarantor: PersonPlan | null = null;
  let relationship: HouseholdPlan['relationship'] = 'self';
  if (ageAtFirst < 18) {
    relationship = 'parent';
    guarantor = makePerson(rng, today, {
      age: Math.min(80, age + rng.int(19, 42)),
      lastName: rng.chance(0.8) ? patient.lastName : undefined,
      household: patient,
      registeredOn: patient.registeredOn,
    });
  } else if (rng.chance(0.06)) {
    relationship = 'spouse';
    guarantor = makePerson(rng, today, {
      age: Math.max(18, age + rng.int(-6, 6)),
      sex: patient.sex === 'F' ? 'M' : 'F',
      lastName: rng.chance(0.6) ? patient.lastName : undefined,
      household: patient,
      registeredOn: patient.registeredOn,
    });
  }
  const payingPerson = guarantor ?? patient;

  const last = visits[visits.length - 1];
  if (age >= 70 && last && rng.chance(0.04)) {
    const lastDay = addDays(last.serviceDate, last.stay);
    const died = addDays(lastDay, rng.int(0, 90));
    patient.deceasedDate = died > today ? today : died;
  }
  if (rng.chance(0.03)) payingPerson.returnedMail = true;

  const primary = primaryPayer(rng, age);
  const commercialSubscriber =
    guarantor && (relationship === 'parent' || rng.chance(0.5)) ? 'guarantor' : 'patient';
  const subscriberFor = (code: PayerCode) =>
    code === 'MCR' || code === 'MCD' ? 'patient' : commercialSubscriber;
  const profile: CoverageInfo[] = [];
  if (primary) {
    profile.push(coverage(rng, h, primary, 1, subscriberFor(primary)));
    const second = secondaryPayer(rng, primary);
    if (second) profile.push(coverage(rng, h, second, 2, subscriberFor(second)));
  }

  const accounts: PlannedAccount[] = visits.map((v) => {
    const ageThen = ageOn(patient.dateOfBirth, v.serviceDate);
    const injuredAtWork =
      ageThen >= 18 &&
      ageThen < 65 &&
      (v.encounter === 'emergency' || v.encounter === 'imaging' || v.encounter === 'therapy') &&
      rng.chance(0.05);
    const coverages = injuredAtWork ? [coverage(rng, h, 'MEC', 1, 'patient')] : profile;
    const financialClass: FinancialClass = coverages[0]?.payer.financialClass ?? 'self_pay';
    const { ownerId, workerId } = pickOwner(rng, h.staff, teamFor(financialClass));
    const supervisor = h.staff.find((u) => u.role === 'supervisor') ?? h.staff[0];
    if (!supervisor) throw new Error('demo: no staff');
    const sameDay =
      v.encounter === 'lab' ||
      v.encounter === 'imaging' ||
      v.encounter === 'clinic' ||
      v.encounter === 'therapy';
    const dischargeDate = sameDay ? null : addDays(v.serviceDate, v.stay);
    const plan = planAccount(
      {
        rng,
        today,
        now: h.now,
        serviceDate: v.serviceDate,
        dischargeDate,
        financialClass,
        encounter: v.encounter,
        coverages,
        ownerId,
        workerId,
        supervisorId: supervisor.id,
        guarantorIsPatient: guarantor === null,
        patientDeceased: patient.deceasedDate,
        returnedMail: payingPerson.returnedMail,
        hasPhone: payingPerson.phone !== null,
        sequences: h.sequences,
      },
      v.stay,
    );
    return {
      accountNumber: h.sequences.nextAccountNumber(),
      serviceDate: v.serviceDate,
      dischargeDate,
      financialClass,
      coverages,
      workerId: ownerId ?? workerId,
      plan,
    };
  });
  return { patient, guarantor, relationship, accounts };
}
