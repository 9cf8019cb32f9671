import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import {
  CITIES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  STREET_DIRECTIONS,
  STREET_NAMES,
  STREET_SUFFIXES,
  type City,
} from './catalog';
import type { Rng } from './random';

export interface AddressPlan {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
  effectiveDate: IsoDate;
  reason: string | null;
}

export interface PersonPlan {
  lastName: string;
  firstName: string;
  middleName: string | null;
  dateOfBirth: IsoDate;
  sex: 'F' | 'M';
  phone: string | null;
  phoneDigits: string | null;
  returnedMail: boolean;
  deceasedDate: IsoDate | null;
  /** oldest first; the last one is the current address */
  addresses: AddressPlan[];
  /** the day the person was first registered */
  registeredOn: IsoDate;
}

const MOVE_REASONS = [
  'Patient moved; updated at registration',
  'Guarantor called with new address',
  'USPS change of address (NCOA) update',
  'New address from skip trace after returned mail',
  'Address corrected from insurance card copy',
] as const;

function pickCity(rng: Rng): City {
  return rng.weighted(CITIES.map((c) => [c, c.weight] as const));
}

export function makeAddress(
  rng: Rng,
  effectiveDate: IsoDate,
  reason: string | null,
  near?: City,
): Omit<AddressPlan, never> {
  const city = near && rng.chance(0.7) ? near : pickCity(rng);
  const street = rng.pick(STREET_NAMES);
  const suffix = rng.pick(STREET_SUFFIXES);
  // Chicago addresses carry a direction prefix; suburbs mostly do not
  const direction =
    city.city === 'Chicago' || rng.chance(0.2) ? `${rng.pick(STREET_DIRECTIONS)} ` : '';
  const number = city.city === 'Chicago' ? rng.int(100, 7999) : rng.int(10, 2999);
  const line2 = rng.chance(0.22)
    ? rng.pick([
        `Apt ${rng.int(1, 4)}${rng.pick(['A', 'B', 'C', 'D', 'F', 'R'])}`,
        `Unit ${rng.int(101, 1805)}`,
        `Apt ${rng.int(1, 36)}`,
      ])
    : null;
  return {
    line1: `${number} ${direction}${street} ${suffix}`,
    line2,
    city: city.city,
    state: city.state,
    zip: rng.pick(city.zips),
    effectiveDate,
    reason,
  };
}

export function cityOf(address: AddressPlan): City {
  return CITIES.find((c) => c.city === address.city) ?? (CITIES[0] as City);
}

export function makePhone(rng: Rng, city: City): { phone: string; digits: string } {
  const area = rng.pick(city.areaCodes);
  const line = rng.digits(4);
  return { phone: `(${area}) 555-${line}`, digits: `${area}555${line}` };
}

/** Age in whole years on a date, from the calendar, not from 365-day years. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function birthDateForAge(rng: Rng, age: number, today: IsoDate): IsoDate {
  return addDays(today, -(age * 365 + Math.floor(age / 4) + rng.int(0, 364)));
}

export function pickPatientAge(rng: Rng): number {
  const band = rng.weighted([
    [[0, 17], 15],
    [[18, 44], 28],
    [[45, 64], 27],
    [[65, 84], 25],
    [[85, 99], 5],
  ] as const);
  return rng.int(band[0], band[1]);
}

export function makePerson(
  rng: Rng,
  today: IsoDate,
  opts: {
    age: number;
    dateOfBirth?: IsoDate;
    sex?: 'F' | 'M';
    lastName?: string;
    /** shares the household's address and phone */
    household?: PersonPlan;
    registeredOn: IsoDate;
  },
): PersonPlan {
  const sex = opts.sex ?? (rng.chance(0.52) ? 'F' : 'M');
  const firstName = rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const middleName = rng.chance(0.55)
    ? rng.chance(0.5)
      ? rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)
      : String.fromCharCode(65 + rng.int(0, 25))
    : null;
  const dateOfBirth = opts.dateOfBirth ?? birthDateForAge(rng, opts.age, today);
  const registeredOn = opts.registeredOn < dateOfBirth ? dateOfBirth : opts.registeredOn;

  let addresses: AddressPlan[];
  if (opts.household) {
    addresses = opts.household.addresses.map((a) => ({ ...a }));
  } else {
    const first = makeAddress(rng, registeredOn, null);
    addresses = [first];
    const span = daysBetween(registeredOn, today);
    const moves =
      span > 60
        ? rng.weighted([
            [0, 85],
            [1, 12],
            [2, 3],
          ] as const)
        : 0;
    let from = registeredOn;
    for (let i = 0; i < moves; i++) {
      const left = daysBetween(from, today);
      if (left < 20) break;
      from = addDays(from, rng.int(10, Math.max(10, Math.floor(left / (moves - i)))));
      addresses.push(makeAddress(rng, from, rng.pick(MOVE_REASONS), cityOf(first)));
    }
  }
  const current = addresses[addresses.length - 1] as AddressPlan;
  let phone: string | null = null;
  let phoneDigits: string | null = null;
  if (opts.household?.phone && rng.chance(0.8)) {
    phone = opts.household.phone;
    phoneDigits = opts.household.phoneDigits;
  } else if (rng.chance(0.95)) {
    ({ phone, digits: phoneDigits } = makePhone(rng, cityOf(current)));
  }
  return {
    lastName: opts.lastName ?? rng.pick(LAST_NAMES),
    firstName,
    middleName,
    dateOfBirth,
    sex,
    phone,
    phoneDigits,
    returnedMail: false,
    deceasedDate: null,
    addresses,
    registeredOn,
  };
}
