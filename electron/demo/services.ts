import type { Rng } from './random';

/**
 * Hospital services as they appear on a UB-04: revenue code, CPT/HCPCS code, modifiers,
 * units and a charge-master price. Prices are list charges, well above what payers allow,
 * which is why every paid claim carries a CO-45 contractual adjustment.
 */
export interface PlannedLine {
  revenueCode: string;
  procedureCode: string | null;
  modifiers: string | null;
  units: number;
  /** cents */
  charge: number;
  /** days after the service date (inpatient stays spread lines over the stay) */
  dayOffset: number;
}

export type EncounterKind =
  'emergency' | 'lab' | 'imaging' | 'clinic' | 'therapy' | 'observation' | 'inpatient' | 'surgery';

interface Item {
  rev: string;
  cpt: string | null;
  /** list price per unit, in dollars */
  price: number;
}

const ED_LEVELS: readonly Item[] = [
  { rev: '0450', cpt: '99282', price: 612 },
  { rev: '0450', cpt: '99283', price: 1180 },
  { rev: '0450', cpt: '99284', price: 2240 },
  { rev: '0450', cpt: '99285', price: 3890 },
];
const LABS: readonly Item[] = [
  { rev: '0300', cpt: '80053', price: 182 },
  { rev: '0300', cpt: '85025', price: 96 },
  { rev: '0300', cpt: '80048', price: 141 },
  { rev: '0300', cpt: '84484', price: 164 },
  { rev: '0300', cpt: '83036', price: 88 },
  { rev: '0300', cpt: '80061', price: 112 },
  { rev: '0300', cpt: '84443', price: 131 },
  { rev: '0301', cpt: '81001', price: 47 },
  { rev: '0306', cpt: '87635', price: 204 },
  { rev: '0305', cpt: '85610', price: 58 },
];
const VENIPUNCTURE: Item = { rev: '0300', cpt: '36415', price: 26 };
const XRAYS: readonly Item[] = [
  { rev: '0320', cpt: '71046', price: 384 },
  { rev: '0320', cpt: '73030', price: 312 },
  { rev: '0320', cpt: '73610', price: 296 },
  { rev: '0320', cpt: '72100', price: 341 },
  { rev: '0320', cpt: '73560', price: 305 },
];
const ADVANCED_IMAGING: readonly Item[] = [
  { rev: '0350', cpt: '70450', price: 2130 },
  { rev: '0350', cpt: '74177', price: 4210 },
  { rev: '0350', cpt: '71275', price: 3960 },
  { rev: '0610', cpt: '70553', price: 4820 },
  { rev: '0610', cpt: '73721', price: 3140 },
  { rev: '0610', cpt: '72148', price: 3380 },
  { rev: '0402', cpt: '76700', price: 912 },
  { rev: '0402', cpt: '93306', price: 2460 },
];
const DRUGS: readonly Item[] = [
  { rev: '0636', cpt: 'J1885', price: 46 },
  { rev: '0636', cpt: 'J2405', price: 39 },
  { rev: '0636', cpt: 'J0696', price: 67 },
  { rev: '0636', cpt: 'J1100', price: 31 },
  { rev: '0636', cpt: 'J2270', price: 58 },
  { rev: '0258', cpt: 'J7030', price: 122 },
];
const IV_THERAPY: readonly Item[] = [
  { rev: '0260', cpt: '96374', price: 384 },
  { rev: '0260', cpt: '96360', price: 426 },
];
const EKG: Item = { rev: '0730', cpt: '93005', price: 214 };
const CLINIC: readonly Item[] = [
  { rev: '0510', cpt: '99213', price: 212 },
  { rev: '0510', cpt: '99214', price: 318 },
  { rev: '0510', cpt: '99203', price: 264 },
  { rev: '0510', cpt: '99204', price: 402 },
];
const THERAPY: readonly Item[] = [
  { rev: '0420', cpt: '97110', price: 96 },
  { rev: '0420', cpt: '97140', price: 91 },
  { rev: '0420', cpt: '97112', price: 98 },
  { rev: '0424', cpt: '97161', price: 284 },
];

function line(
  rng: Rng,
  item: Item,
  units = 1,
  dayOffset = 0,
  modifiers: string | null = null,
): PlannedLine {
  // a few percent either way: charge masters are revised yearly
  const unitCents = Math.round(item.price * 100 * (0.97 + rng.next() * 0.06));
  return {
    revenueCode: item.rev,
    procedureCode: item.cpt,
    modifiers,
    units,
    charge: unitCents * units,
    dayOffset,
  };
}

function pharmacy(rng: Rng, dayOffset = 0): PlannedLine {
  return line(rng, { rev: '0250', cpt: null, price: rng.int(18, 420) }, 1, dayOffset);
}

function labs(rng: Rng, count: number, dayOffset = 0): PlannedLine[] {
  const chosen = new Set<Item>();
  while (chosen.size < count) chosen.add(rng.pick(LABS));
  return [
    line(rng, VENIPUNCTURE, 1, dayOffset),
    ...[...chosen].map((i) => line(rng, i, 1, dayOffset)),
  ];
}

function side(rng: Rng): string | null {
  return rng.chance(0.5) ? 'RT' : 'LT';
}

export function pickEncounterKind(rng: Rng, age: number): EncounterKind {
  return rng.weighted<EncounterKind>([
    ['emergency', 30],
    ['lab', 14],
    ['imaging', 12],
    ['clinic', 15],
    ['therapy', age < 12 ? 2 : 8],
    ['observation', 5],
    ['inpatient', age >= 65 ? 14 : 7],
    ['surgery', 5],
  ]);
}

/** Length of stay in days for the kinds that have one; zero for same-day services. */
export function lengthOfStay(rng: Rng, kind: EncounterKind): number {
  if (kind === 'inpatient')
    return rng.weighted([
      [2, 30],
      [3, 25],
      [4, 15],
      [5, 10],
      [6, 8],
      [8, 7],
      [12, 5],
    ]);
  if (kind === 'observation') return rng.chance(0.6) ? 1 : 0;
  return 0;
}

export function encounterLines(rng: Rng, kind: EncounterKind, stay: number): PlannedLine[] {
  switch (kind) {
    case 'emergency': {
      const lines: PlannedLine[] = [];
      const level = rng.weighted([
        [0, 10],
        [1, 30],
        [2, 40],
        [3, 20],
      ] as const);
      const withProcedures = rng.chance(0.45);
      lines.push(line(rng, ED_LEVELS[level] as Item, 1, 0, withProcedures ? '25' : null));
      if (rng.chance(0.7)) lines.push(...labs(rng, rng.int(1, 4)));
      if (rng.chance(0.45)) lines.push(line(rng, rng.pick(XRAYS)));
      if (rng.chance(0.18)) lines.push(line(rng, rng.pick(ADVANCED_IMAGING)));
      if (rng.chance(0.3)) lines.push(line(rng, EKG));
      if (withProcedures) {
        lines.push(line(rng, rng.pick(IV_THERAPY), 1, 0, rng.chance(0.2) ? '59' : null));
        lines.push(line(rng, rng.pick(DRUGS), rng.int(1, 2)));
      }
      if (rng.chance(0.4)) lines.push(pharmacy(rng));
      return lines;
    }
    case 'lab':
      return labs(rng, rng.int(1, 4));
    case 'imaging': {
      const item = rng.chance(0.55) ? rng.pick(ADVANCED_IMAGING) : rng.pick(XRAYS);
      const lines = [
        line(rng, item, 1, 0, item.rev === '0320' && rng.chance(0.4) ? side(rng) : null),
      ];
      if (item.rev === '0350' && rng.chance(0.5))
        lines.push(line(rng, { rev: '0636', cpt: 'Q9967', price: 148 }, 1));
      return lines;
    }
    case 'clinic': {
      const lines = [line(rng, rng.pick(CLINIC))];
      if (rng.chance(0.35)) lines.push(...labs(rng, rng.int(1, 2)));
      return lines;
    }
    case 'therapy': {
      const lines: PlannedLine[] = [];
      if (rng.chance(0.3)) lines.push(line(rng, THERAPY[3] as Item));
      lines.push(line(rng, THERAPY[0] as Item, rng.int(2, 4), 0, rng.chance(0.15) ? 'GP' : null));
      if (rng.chance(0.6))
        lines.push(line(rng, THERAPY[1] as Item, rng.int(1, 2), 0, rng.chance(0.3) ? '59' : null));
      if (rng.chance(0.3)) lines.push(line(rng, THERAPY[2] as Item, rng.int(1, 2)));
      return lines;
    }
    case 'observation': {
      const hours = rng.int(10, 36);
      return [
        line(rng, ED_LEVELS[rng.int(2, 3)] as Item, 1, 0, '25'),
        line(rng, { rev: '0762', cpt: 'G0378', price: 96 }, hours, 0),
        ...labs(rng, rng.int(2, 4)),
        line(rng, EKG),
        line(rng, rng.pick(DRUGS), rng.int(1, 3), stay > 0 ? 1 : 0),
        pharmacy(rng, stay > 0 ? 1 : 0),
      ];
    }
    case 'inpatient': {
      const icuDays = rng.chance(0.2) ? Math.min(stay - 1, rng.int(1, 3)) : 0;
      const lines: PlannedLine[] = [
        line(rng, { rev: '0120', cpt: null, price: 2460 }, stay - icuDays, 0),
      ];
      if (icuDays > 0) lines.push(line(rng, { rev: '0200', cpt: null, price: 6540 }, icuDays, 0));
      lines.push(pharmacy(rng), pharmacy(rng, 1));
      lines.push(...labs(rng, rng.int(2, 5)));
      lines.push(line(rng, rng.pick(XRAYS), 1, 0));
      if (rng.chance(0.5)) lines.push(line(rng, rng.pick(ADVANCED_IMAGING), 1, 1));
      lines.push(line(rng, { rev: '0270', cpt: null, price: rng.int(240, 1800) }, 1, 0));
      if (rng.chance(0.35)) {
        lines.push(line(rng, { rev: '0360', cpt: null, price: rng.int(6800, 18400) }, 1, 1));
        lines.push(line(rng, { rev: '0370', cpt: null, price: rng.int(1900, 4200) }, 1, 1));
        lines.push(line(rng, { rev: '0710', cpt: null, price: rng.int(1200, 2600) }, 1, 1));
        if (rng.chance(0.5))
          lines.push(line(rng, { rev: '0278', cpt: null, price: rng.int(4200, 16800) }, 1, 1));
      }
      if (rng.chance(0.5))
        lines.push(line(rng, { rev: '0420', cpt: '97161', price: 284 }, 1, Math.max(0, stay - 1)));
      return lines;
    }
    case 'surgery': {
      const procedure = rng.pick([
        { cpt: '29881', price: 14600 },
        { cpt: '47562', price: 21800 },
        { cpt: '49505', price: 13200 },
        { cpt: '66984', price: 9600 },
        { cpt: '45380', price: 6200 },
        { cpt: '64721', price: 8400 },
      ] as const);
      const lines = [
        line(
          rng,
          { rev: '0360', cpt: procedure.cpt, price: procedure.price },
          1,
          0,
          procedure.cpt === '66984' || procedure.cpt === '29881' ? side(rng) : null,
        ),
        line(rng, { rev: '0370', cpt: null, price: rng.int(1400, 3600) }),
        line(rng, { rev: '0710', cpt: null, price: rng.int(900, 2200) }),
        line(rng, { rev: '0272', cpt: null, price: rng.int(180, 950) }),
        pharmacy(rng),
      ];
      if (rng.chance(0.4)) lines.push(...labs(rng, 1));
      return lines;
    }
  }
}
