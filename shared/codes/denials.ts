/**
 * Denials: the category a denial falls in (which decides the appeal letter), whether it
 * is appealed or fixed and resubmitted, and the states a denial moves through. The
 * category comes from the payer's reason (CARC) and remark (RARC) codes.
 */
import { labelled } from './enums';
import { isDenyingAdjustment, reasonRule } from './reason-rules';

export const DENIAL_CATEGORY = labelled([
  ['medical_necessity', 'Medical necessity'],
  ['prior_authorization', 'Prior authorization'],
  ['timely_filing', 'Timely filing'],
  ['coding_bundling', 'Coding or bundling'],
  ['coordination_of_benefits', 'Coordination of benefits'],
  ['eligibility', 'Eligibility'],
  ['non_covered', 'Non-covered or out of network'],
  ['duplicate', 'Duplicate'],
  ['missing_information', 'Missing information'],
  ['other', 'Other'],
] as const);
export type DenialCategory = (typeof DENIAL_CATEGORY.keys)[number];

export const DENIAL_ACTION = labelled([
  ['appeal', 'Appeal'],
  ['correct_and_resubmit', 'Correct and resubmit (no appeal rights)'],
] as const);
export type DenialAction = (typeof DENIAL_ACTION.keys)[number];

export const DENIAL_STATE = labelled([
  ['new', 'New'],
  ['in_review', 'In review'],
  ['appeal_drafted', 'Appeal drafted'],
  ['appeal_sent', 'Appeal sent'],
  ['awaiting_payer', 'Awaiting payer'],
  ['corrected_claim_sent', 'Corrected claim sent'],
  ['resolved', 'Resolved'],
] as const);
export type DenialState = (typeof DENIAL_STATE.keys)[number];

export const DENIAL_RESOLUTION = labelled([
  ['paid', 'Paid'],
  ['partly_paid', 'Partly paid'],
  ['upheld', 'Upheld'],
  ['written_off', 'Written off'],
] as const);
export type DenialResolution = (typeof DENIAL_RESOLUTION.keys)[number];

export const APPEAL_LEVEL = labelled([
  ['first', 'First level'],
  ['second', 'Second level / reconsideration'],
  ['external', 'External review'],
] as const);
export type AppealLevel = (typeof APPEAL_LEVEL.keys)[number];

/** What the payer answered to an appeal: it received it, or it kept the denial. */
export const APPEAL_RESPONSE = labelled([
  ['acknowledged', 'Acknowledged receipt'],
  ['upheld', 'Upheld the denial'],
] as const);
export type AppealResponse = (typeof APPEAL_RESPONSE.keys)[number];

/** Remark codes (RARC) that settle the category when the reason code alone does not. */
const REMARK_CATEGORY: Record<string, DenialCategory> = {
  N115: 'medical_necessity',
  N386: 'medical_necessity',
  N54: 'prior_authorization',
  M15: 'coding_bundling',
  M80: 'coding_bundling',
  N20: 'coding_bundling',
  N657: 'coding_bundling',
  MA04: 'coordination_of_benefits',
  N4: 'coordination_of_benefits',
  N479: 'coordination_of_benefits',
  N30: 'eligibility',
  N95: 'non_covered',
  M86: 'duplicate',
  M51: 'missing_information',
  M76: 'missing_information',
  M127: 'missing_information',
  N290: 'missing_information',
  MA130: 'missing_information',
};

/** Remarks that mean the claim was unprocessable: fix it and send a new claim. */
const RESUBMIT_REMARKS = new Set(['MA130', 'M51', 'M76', 'N290']);

export interface DenialClassification {
  category: DenialCategory;
  action: DenialAction;
}

/**
 * Category from the codes: the first denial reason code that names one wins (payers put
 * the deciding code first), then the remarks. CO-16 with an "unprocessable" remark such
 * as MA130 is not appealed but corrected and resubmitted.
 */
export function classifyDenial(
  reasons: readonly { group: string; reason: string }[],
  remarks: readonly string[],
  /** The published wording of a reason code, for codes the rule table names by wording only. */
  describe?: (reason: string) => string | undefined,
): DenialClassification {
  const denial = reasons.filter((r) => isDenyingAdjustment(r.group, r.reason));
  let category: DenialCategory = 'other';
  const byReason = denial
    .map((r) => reasonRule(r.reason, describe?.(r.reason)))
    .find((rule) => !rule.routine && rule.category !== 'other')?.category;
  const byRemark = remarks.map((r) => REMARK_CATEGORY[r]).find((c) => c !== undefined);
  category = byReason ?? byRemark ?? category;
  // CO-16 only says "information missing"; a more specific remark says what kind
  if (byReason === 'missing_information' && byRemark && byRemark !== 'missing_information') {
    category = byRemark;
  }
  const unprocessable =
    remarks.some((r) => RESUBMIT_REMARKS.has(r)) && denial.some((r) => r.reason === '16');
  return {
    category,
    action: unprocessable || remarks.includes('MA130') ? 'correct_and_resubmit' : 'appeal',
  };
}

/**
 * A denial's codes as stored on it ('CO-50 N115'): reason codes with their group, then
 * remark codes.
 */
export type DenialCode =
  { kind: 'reason'; group: string; reason: string } | { kind: 'remark'; code: string };

export function parseDenialCodes(codes: string): DenialCode[] {
  return codes
    .split(' ')
    .filter(Boolean)
    .map((code): DenialCode => {
      const m = /^([A-Z]{2})-(.+)$/.exec(code);
      return m && m[1] && m[2]
        ? { kind: 'reason', group: m[1], reason: m[2] }
        : { kind: 'remark', code };
    });
}
