/**
 * The rule table that puts every claim adjustment reason code (CARC) either among the
 * routine adjustments of adjudication or in a denial category. The codes are named here
 * by their identifiers only (the published wording is X12's; see SOURCES.md): what a code
 * is decides the category, and for a code a supervisor loads that this table does not
 * name, its published wording does, by the keyword rules below. What neither settles is
 * "other", and the code list preview names those codes so a person can see them.
 */
import type { DenialCategory } from './denials';

/**
 * Adjustments that are adjudication, not a refusal to pay: the patient's cost share, the
 * contractual allowance and other agreed reductions, taxes and withholdings, sequestration,
 * the prior payer's share, multiple-procedure pricing.
 */
export const ROUTINE_REASON_CODES: ReadonlySet<string> = new Set([
  '1', // deductible
  '2', // coinsurance
  '3', // co-payment
  '23', // what the prior payer paid and adjusted
  '24', // capitation
  '42', // over the fee schedule (stopped; older remittances)
  '44', // prompt-pay discount
  '45', // over the fee schedule or contracted rate
  '59', // multiple or concurrent procedure pricing
  '66', // blood deductible
  '85', // patient interest adjustment (stopped)
  '90', // ingredient cost adjustment
  '91', // dispensing fee adjustment
  '94', // processed in excess of charges
  '100', // paid to the patient or insured instead
  '101', // predetermination: paid on completion
  '102', // major medical adjustment
  '104', // managed care withholding
  '105', // tax withholding
  '118', // ESRD network support
  '122', // psychiatric reduction
  '131', // claim-specific negotiated discount
  '132', // prearranged demonstration project
  '137', // regulatory surcharges and assessments
  '144', // incentive adjustment
  '161', // provider performance bonus
  '187', // consumer spending account payments
  '232', // institutional transfer amount
  '235', // sales tax
  '237', // legislated or regulatory penalty
  '253', // sequestration
  'A2', // contractual adjustment
]);

/**
 * Denying codes whose category is deliberately "other": they say only that the claim was
 * denied, so the remark codes beside them decide (classifyDenial looks at remarks next).
 */
export const OTHER_BY_INTENT: ReadonlySet<string> = new Set(['A1']);

/** Reason codes by the denial category they put a claim in. */
export const REASON_CATEGORY: Readonly<Record<string, DenialCategory>> = {
  '50': 'medical_necessity',
  '55': 'medical_necessity',
  '56': 'medical_necessity',
  '57': 'medical_necessity',
  '150': 'medical_necessity',
  '151': 'medical_necessity',
  '152': 'medical_necessity',
  '167': 'medical_necessity',
  '15': 'prior_authorization',
  '39': 'prior_authorization',
  '62': 'prior_authorization',
  '197': 'prior_authorization',
  '198': 'prior_authorization',
  '243': 'prior_authorization',
  '29': 'timely_filing',
  '4': 'coding_bundling',
  '5': 'coding_bundling',
  '6': 'coding_bundling',
  '7': 'coding_bundling',
  '8': 'coding_bundling',
  '9': 'coding_bundling',
  '10': 'coding_bundling',
  '11': 'coding_bundling',
  '12': 'coding_bundling',
  '97': 'coding_bundling',
  '146': 'coding_bundling',
  '181': 'coding_bundling',
  '182': 'coding_bundling',
  '199': 'coding_bundling',
  '231': 'coding_bundling',
  '234': 'coding_bundling',
  '236': 'coding_bundling',
  B15: 'coding_bundling',
  '19': 'coordination_of_benefits',
  '20': 'coordination_of_benefits',
  '21': 'coordination_of_benefits',
  '22': 'coordination_of_benefits',
  '26': 'eligibility',
  '27': 'eligibility',
  '31': 'eligibility',
  '32': 'eligibility',
  '33': 'eligibility',
  '34': 'eligibility',
  '140': 'eligibility',
  '177': 'eligibility',
  '200': 'eligibility',
  B9: 'eligibility',
  '35': 'non_covered',
  '49': 'non_covered',
  '58': 'non_covered',
  '96': 'non_covered',
  '109': 'non_covered',
  '119': 'non_covered',
  '149': 'non_covered',
  '170': 'non_covered',
  '171': 'non_covered',
  '204': 'non_covered',
  '242': 'non_covered',
  B1: 'non_covered',
  B5: 'non_covered',
  B7: 'non_covered',
  '18': 'duplicate',
  B13: 'duplicate',
  '16': 'missing_information',
  '17': 'missing_information',
  '125': 'missing_information',
  '206': 'missing_information',
  '207': 'missing_information',
  '208': 'missing_information',
  '226': 'missing_information',
  '227': 'missing_information',
  '251': 'missing_information',
  '252': 'missing_information',
};

/**
 * For codes the table above does not name: the category the published wording points to,
 * first match wins (a duplicate "previously paid" is a duplicate before it is anything else).
 */
const WORDING_RULES: readonly [RegExp, DenialCategory][] = [
  [/duplicate|previously paid|already (been )?(paid|adjudicated)/, 'duplicate'],
  [/time limit for filing|timely filing|filing limit/, 'timely_filing'],
  [/authori[sz](ation|ed)|pre-?certification|referral|pre-?treatment/, 'prior_authorization'],
  [/medical(ly)? necess|experimental|investigational|level of (care|service)/, 'medical_necessity'],
  [
    /coordination of benefits|another payer|other payer|prior payer|liability (carrier|insurer)|workers'? comp|no-fault|subrogation/,
    'coordination_of_benefits',
  ],
  [
    /eligib|coverage terminated|prior to coverage|lapse in coverage|not (our )?insured|cannot be identified|enrolled in/,
    'eligibility',
  ],
  [
    /missing|incomplete|lacks information|not provided|attachment|documentation/,
    'missing_information',
  ],
  [
    /procedure code|modifier|diagnosis|revenue code|bundl|mutually exclusive|inconsistent|included in the (payment|allowance)|not paid separately/,
    'coding_bundling',
  ],
  [
    /not covered|non-covered|benefit maximum|maximum benefit|out of network|network provider/,
    'non_covered',
  ],
];

export interface ReasonRule {
  /** Routine adjudication (cost share, contractual allowance…): never a denial reason. */
  routine: boolean;
  category: DenialCategory;
  /** What decided it: the code itself, its published wording, or nothing ("other"). */
  by: 'code' | 'wording' | 'intent' | 'none';
}

/** Where a reason code stands: routine, or the denial category it puts a claim in. */
export function reasonRule(code: string, description?: string): ReasonRule {
  if (ROUTINE_REASON_CODES.has(code)) return { routine: true, category: 'other', by: 'code' };
  const named = REASON_CATEGORY[code];
  if (named) return { routine: false, category: named, by: 'code' };
  if (OTHER_BY_INTENT.has(code)) return { routine: false, category: 'other', by: 'intent' };
  const text = description?.toLowerCase() ?? '';
  const worded = WORDING_RULES.find(([pattern]) => pattern.test(text));
  return worded
    ? { routine: false, category: worded[1], by: 'wording' }
    : { routine: false, category: 'other', by: 'none' };
}

/**
 * Whether an adjustment (CAS group and reason code) is a denying one: the payer refused
 * to pay that amount, so it is a denial reason a person works (appeal, correct, write off).
 * Not denying: everything in the patient responsibility group (PR: deductible, coinsurance,
 * co-payment and the rest are billed to the patient, not appealed), corrections and
 * reversals (CR), and the routine codes above in any group (CO-45 contractual, CO-253
 * sequestration, OA-23 prior payer).
 */
export function isDenyingAdjustment(group: string, code: string): boolean {
  if (group === 'PR' || group === 'CR') return false;
  return !ROUTINE_REASON_CODES.has(code);
}
