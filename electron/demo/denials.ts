import type { FinancialClass } from '../../shared/codes/enums';
import type { Rng } from './random';

/**
 * Denials the way payers send them: a CARC under group CO (the hospital may not bill the
 * patient) with the RARC remarks that usually travel with it, and what a representative
 * writes after reviewing one.
 */
export interface DenialScenario {
  reason: string;
  /** alternative remark sets; one is picked per claim */
  remarks: readonly (readonly string[])[];
  /** whole claim, or only some lines of an otherwise paid claim */
  scope: 'claim' | 'line';
  weight: number;
  /** payers that send this one (all when absent) */
  classes?: readonly FinancialClass[];
  /** the representative's review note */
  review: string;
  /** what happens when the denial is written off instead of appealed */
  writeOff: string;
  /** coverage problems end with the balance moved to the patient rather than written off */
  movesToPatient?: boolean;
}

const GOVERNMENT: readonly FinancialClass[] = ['medicare', 'medicaid'];
const PRIVATE: readonly FinancialClass[] = ['commercial', 'managed_care', 'workers_comp'];

export const CLAIM_DENIALS: readonly DenialScenario[] = [
  {
    reason: '50',
    remarks: [['N115'], ['N386']],
    scope: 'claim',
    weight: 12,
    review:
      'Denied as not medically necessary. Requested H&P, physician orders and imaging report from HIM; will appeal with a letter of medical necessity from the ordering physician.',
    writeOff:
      'Medical necessity appeal not supported by documentation; written off per supervisor.',
  },
  {
    reason: '197',
    remarks: [['N54']],
    scope: 'claim',
    weight: 15,
    classes: PRIVATE,
    review:
      'No authorization on file for this service. Asked utilization review to request retro-authorization; will appeal with the auth number once issued.',
    writeOff: 'Retro-authorization refused by payer; no-auth write-off approved.',
  },
  {
    reason: '29',
    remarks: [[]],
    scope: 'claim',
    weight: 6,
    review:
      'Denied for timely filing. Pulling clearinghouse acceptance report (999/277CA) as proof of timely original submission.',
    writeOff: 'No proof of timely filing found; timely filing write-off approved.',
  },
  {
    reason: '16',
    remarks: [['MA130'], ['MA130', 'M76']],
    scope: 'claim',
    weight: 12,
    review:
      'Unprocessable claim: missing or invalid information, no appeal rights. Correcting the claim data and submitting a new claim.',
    writeOff: 'Corrected claim past filing limit; administrative write-off.',
  },
  {
    reason: '18',
    remarks: [[]],
    scope: 'claim',
    weight: 7,
    review:
      'Denied as an exact duplicate of a claim already on file. Confirming the original is in process; no appeal needed.',
    writeOff: 'Duplicate submission; original claim adjudicated. Balance adjusted off.',
  },
  {
    reason: '22',
    remarks: [['MA04']],
    scope: 'claim',
    weight: 8,
    review:
      'Payer shows other coverage may be primary. Calling patient to verify other insurance and coordination of benefits.',
    writeOff:
      'Patient confirmed no other coverage but did not update COB with plan; balance moved to patient.',
    movesToPatient: true,
  },
  {
    reason: '96',
    remarks: [['N130']],
    scope: 'claim',
    weight: 7,
    review:
      'Non-covered service under the plan. Checking whether a signed waiver/ABN is on file before billing the patient.',
    writeOff: 'Non-covered; signed waiver on file, balance moved to patient.',
    movesToPatient: true,
  },
  {
    reason: '27',
    remarks: [[], ['N30']],
    scope: 'claim',
    weight: 7,
    review:
      'Coverage terminated before the date of service. Asking patient for current insurance information.',
    writeOff: 'No other coverage for the date of service; balance moved to patient.',
    movesToPatient: true,
  },
  {
    reason: '31',
    remarks: [[]],
    scope: 'claim',
    weight: 6,
    review:
      'Payer cannot identify patient as insured. Verifying member ID and date of birth against the card copy; will resubmit corrected.',
    writeOff: 'Patient not eligible on date of service; balance moved to patient.',
    movesToPatient: true,
  },
  {
    reason: '151',
    remarks: [[]],
    scope: 'claim',
    weight: 4,
    review:
      'Frequency denied as exceeding what the payer considers supported. Requesting records to support the number of services.',
    writeOff: 'Records do not support additional services; written off.',
  },
];

export const LINE_DENIALS: readonly DenialScenario[] = [
  {
    reason: '97',
    remarks: [['M15']],
    scope: 'line',
    weight: 10,
    review:
      'Line bundled into another service (NCCI edit). Reviewing with coding whether modifier 59 applies; corrected claim if so.',
    writeOff: 'Bundling correct per coding review; bundled line written off.',
  },
  {
    reason: '50',
    remarks: [['N115']],
    scope: 'line',
    weight: 5,
    classes: GOVERNMENT,
    review:
      'One line denied for medical necessity under the LCD. Checking the diagnosis codes on the order against the LCD list.',
    writeOff: 'Diagnosis not on LCD covered list; line written off.',
  },
  {
    reason: '151',
    remarks: [[]],
    scope: 'line',
    weight: 4,
    review: 'Units over the frequency limit. Requesting therapy notes to support the units billed.',
    writeOff: 'Therapy notes do not support the extra units; written off.',
  },
  {
    reason: '96',
    remarks: [['N130']],
    scope: 'line',
    weight: 4,
    review:
      'One line non-covered under plan benefits. Checking for a signed waiver before moving it to the patient.',
    writeOff: 'Non-covered line; written off (no waiver on file).',
  },
];

export function pickDenial(
  rng: Rng,
  list: readonly DenialScenario[],
  financialClass: FinancialClass,
): DenialScenario {
  const fits = list.filter((d) => !d.classes || d.classes.includes(financialClass));
  return rng.weighted(fits.map((d) => [d, d.weight] as const));
}
