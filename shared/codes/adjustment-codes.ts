/**
 * Claim adjustment group codes, claim adjustment reason codes (CARC) and remittance
 * advice remark codes (RARC) with their published wording, so every code on a claim
 * can be explained in words. The list holds the codes seen in denials and routine
 * adjudication; unknown codes still display, marked as not in the table.
 */
export const GROUP_CODES: Record<string, string> = {
  CO: 'Contractual obligation (provider write-off, not billable to the patient)',
  PR: 'Patient responsibility',
  OA: 'Other adjustment',
  PI: 'Payer-initiated reduction',
  CR: 'Correction or reversal',
};

export const REASON_CODES: Record<string, string> = {
  '1': 'Deductible amount.',
  '2': 'Coinsurance amount.',
  '3': 'Co-payment amount.',
  '4': 'The procedure code is inconsistent with the modifier used, or a required modifier is missing.',
  '5': 'The procedure code or type of bill is inconsistent with the place of service.',
  '6': "The procedure or revenue code is inconsistent with the patient's age.",
  '9': "The diagnosis is inconsistent with the patient's age.",
  '11': 'The diagnosis is inconsistent with the procedure.',
  '15': 'The authorization number is missing, invalid, or does not apply to the billed services or provider.',
  '16': 'Claim or service lacks information or has submission or billing errors.',
  '18': 'Exact duplicate claim or service.',
  '22': 'This care may be covered by another payer per coordination of benefits.',
  '23': 'The impact of prior payer adjudication, including payments and adjustments.',
  '24': 'Charges are covered under a capitation agreement or managed care plan.',
  '26': 'Expenses incurred prior to coverage.',
  '27': 'Expenses incurred after coverage terminated.',
  '29': 'The time limit for filing has expired.',
  '31': 'Patient cannot be identified as our insured.',
  '45': 'Charge exceeds fee schedule, maximum allowable, or contracted or legislated fee arrangement.',
  '50': "These are non-covered services because this is not deemed a 'medical necessity' by the payer.",
  '59': 'Processed based on multiple or concurrent procedure rules.',
  '94': 'Processed in excess of charges.',
  '96': 'Non-covered charges.',
  '97': 'The benefit for this service is included in the payment or allowance for another service or procedure that has already been adjudicated.',
  '109':
    'Claim or service not covered by this payer or contractor; send it to the correct payer or contractor.',
  '119': 'Benefit maximum for this time period or occurrence has been reached.',
  '140': 'Patient or insured health identification number and name do not match.',
  '151':
    'The payer deems the information submitted does not support this many or this frequency of services.',
  '167': 'This diagnosis is not covered.',
  '170': 'Payment is denied when performed or billed by this type of provider.',
  '181': 'Procedure code was invalid on the date of service.',
  '197': 'Precertification, authorization, notification or pre-treatment absent.',
  '204': "This service, equipment or drug is not covered under the patient's current benefit plan.",
  '234': 'This procedure is not paid separately.',
  '236':
    'This procedure or procedure and modifier combination is not compatible with another procedure provided on the same day.',
  '242': 'Services not provided by network or primary care providers.',
  '251': 'The attachment or other documentation that was received was incomplete or deficient.',
  '252': 'An attachment or other documentation is required to adjudicate this claim or service.',
  '253': 'Sequestration: reduction in federal payment.',
  A1: 'Claim or service denied.',
  A2: 'Contractual adjustment.',
  B7: 'This provider was not certified or eligible to be paid for this procedure or service on this date of service.',
  B9: 'Patient is enrolled in a hospice.',
  B13: 'Previously paid: payment for this claim or service may have been provided in a previous payment.',
  B15: 'This service or procedure requires that a qualifying service or procedure be received and covered.',
};

export const REMARK_CODES: Record<string, string> = {
  M15: 'Separately billed services or tests have been bundled as components of the same procedure; separate payment is not allowed.',
  M51: 'Missing, incomplete or invalid procedure code(s).',
  M76: 'Missing, incomplete or invalid diagnosis or condition.',
  M80: 'Not covered when performed during the same session or date as a previously processed service for the patient.',
  M86: 'Service denied because payment was already made for the same or a similar procedure within the set time frame.',
  M127: 'Missing patient medical record for this service.',
  MA01: 'If you do not agree with what we approved for these services, you may appeal our decision.',
  MA04: 'Secondary payment cannot be considered without the identity of or payment information from the primary payer.',
  MA18: "The claim information is also being forwarded to the patient's supplemental insurer.",
  MA130:
    'The claim contains incomplete or invalid information and no appeal rights are afforded because it is unprocessable; submit a new claim with the complete and correct information.',
  N4: 'Missing, incomplete or invalid prior insurance carrier EOB.',
  N20: 'Service not payable with other service rendered on the same date.',
  N30: 'Patient ineligible for this service.',
  N54: 'Claim information is inconsistent with pre-certified or authorized services.',
  N95: 'This provider type or provider specialty may not bill this service.',
  N115: 'This decision was based on a Local Coverage Determination (LCD).',
  N130: 'Consult plan benefit documents or guidelines for information about restrictions for this service.',
  N211: 'You may not appeal this decision.',
  N290: 'Missing, incomplete or invalid rendering provider primary identifier.',
  N386: 'This decision was based on a National Coverage Determination (NCD).',
  N479: 'Missing Explanation of Benefits (coordination of benefits or Medicare secondary payer).',
  N657: 'This should be billed with the appropriate code for these services.',
};

export function describeReason(code: string): string {
  return REASON_CODES[code] ?? `Reason code ${code} (not in ClaimDesk's code table).`;
}

export function describeRemark(code: string): string {
  return REMARK_CODES[code] ?? `Remark code ${code} (not in ClaimDesk's code table).`;
}

export function describeGroup(code: string): string {
  return GROUP_CODES[code] ?? `Group code ${code}`;
}
