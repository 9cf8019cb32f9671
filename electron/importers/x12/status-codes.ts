/**
 * Claim status category codes (the first component of STC01), grouped by what they
 * mean for the person working the account. The wording follows the published code list
 * for the codes we are sure of; others are described by their group.
 */
export type StatusMeaning =
  | 'acknowledged'
  | 'pending'
  | 'finalized'
  | 'request-for-information'
  | 'error'
  | 'not-found'
  | 'unknown';

const CATEGORY_WORDING: Record<string, string> = {
  A0: 'Acknowledgement: forwarded to another entity',
  A1: 'Acknowledgement: receipt',
  A2: 'Acknowledgement: accepted into the adjudication system',
  A3: 'Acknowledgement: returned as unprocessable claim',
  A4: 'Acknowledgement: not found',
  A5: 'Acknowledgement: split claim',
  A6: 'Acknowledgement: rejected for missing information',
  A7: 'Acknowledgement: rejected for invalid information',
  A8: 'Acknowledgement: rejected for relational field in error',
  P0: 'Pending: adjudication/details',
  P1: 'Pending: in process',
  P2: 'Pending: payer review',
  P3: 'Pending: provider requested information',
  P4: 'Pending: patient requested information',
  P5: 'Pending: payer administrative or system hold',
  F0: 'Finalized',
  F1: 'Finalized: payment; the claim or line has been paid',
  F2: 'Finalized: denial; the claim or line has been denied',
  F3: 'Finalized: revised; adjudication information has been changed',
  F3F: 'Finalized: forwarded',
  F3N: 'Finalized: not forwarded',
  F4: 'Finalized: adjudication complete, no payment forthcoming',
  R0: 'Request for additional information: general requests',
  R1: 'Request for additional information: entity requests',
  R3: 'Request for additional information: claim or line',
  R4: 'Request for additional information: documentation',
  E0: 'Response not possible: error on submitted request data',
  E1: 'Response not possible: system status',
  E2: 'Information holder is not responding; resubmit later',
  E3: 'Correction required: relational fields in error',
  E4: 'Trading partner agreement specific requirement not met: data correction required',
  D0: 'Data search unsuccessful',
};

export function statusMeaning(category: string): StatusMeaning {
  switch (category.charAt(0)) {
    case 'A':
      return 'acknowledged';
    case 'P':
      return 'pending';
    case 'F':
      return 'finalized';
    case 'R':
      return 'request-for-information';
    case 'E':
      return 'error';
    case 'D':
      return 'not-found';
    default:
      return 'unknown';
  }
}

const MEANING_WORDING: Record<StatusMeaning, string> = {
  acknowledged: 'Acknowledgement',
  pending: 'Pending',
  finalized: 'Finalized',
  'request-for-information': 'Request for additional information',
  error: 'Response not possible',
  'not-found': 'Data search unsuccessful',
  unknown: 'Unknown status category',
};

export function describeStatusCategory(category: string): string {
  return CATEGORY_WORDING[category] ?? `${MEANING_WORDING[statusMeaning(category)]} (${category})`;
}
