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

/**
 * Categories that send the claim back to the provider: the clearinghouse or payer did not
 * take it into adjudication, so nothing happens until it is corrected and sent again.
 */
const REJECTIONS: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8', 'E3', 'E4']);

export function isRejection(category: string): boolean {
  return REJECTIONS.has(category);
}

/**
 * Claim status codes (STC01-2), the ones seen most on acknowledgments and status
 * responses, worded as the published list words them. A code outside this list is
 * still shown, with its number, and marked as not in the list.
 */
const STATUS_WORDING: Record<string, string> = {
  '0': 'Cannot provide further status electronically',
  '1': 'For more detailed information, see remittance advice',
  '2': 'More detailed information in letter',
  '3': 'Claim has been adjudicated and is awaiting payment cycle',
  '6': 'Balance due from the subscriber',
  '12': 'One or more originally submitted procedure codes have been combined',
  '15': 'One or more originally submitted procedure codes have been modified',
  '16': 'Claim/encounter has been forwarded to entity',
  '17': 'Claim/encounter has been forwarded by third party entity to entity',
  '18': 'Entity received claim/encounter, but returned invalid status',
  '19': 'Entity acknowledges receipt of claim/encounter',
  '20': 'Accepted for processing',
  '21': 'Missing or invalid information',
  '23': 'Returned to entity',
  '24': 'Entity not approved as an electronic submitter',
  '25': 'Entity not approved',
  '26': 'Entity not found',
  '27': 'Policy canceled',
  '29': 'Subscriber and policy number/contract number mismatched',
  '30': 'Subscriber and subscriber id mismatched',
  '31': 'Subscriber and policyholder name mismatched',
  '32': 'Subscriber and policy number/contract number not found',
  '33': 'Subscriber and subscriber id not found',
  '34': 'Subscriber and policyholder name not found',
  '35': 'Claim/encounter not found',
  '37': 'Predetermination is on file, awaiting completion of services',
  '38': 'Awaiting next periodic adjudication cycle',
  '40': 'Waiting for final approval',
  '41': 'Special handling required at payer site',
  '42': 'Awaiting related charges',
  '44': 'Charges pending provider audit',
  '45': 'Awaiting benefit determination',
  '46': 'Internal review/audit',
  '47': 'Internal review/audit - partial payment made',
  '50': 'Claim waiting for internal provider verification',
  '51': 'Investigating occupational illness/accident',
  '52': 'Investigating existence of other insurance coverage',
  '53': 'Claim being researched for insured ID/group policy number error',
  '54': 'Duplicate of a previously processed claim/line',
  '55': 'Claim assigned to an approver/analyst',
  '56': 'Awaiting eligibility determination',
  '65': 'Claim/line has been paid',
  '88': 'Entity not eligible for benefits for submitted dates of service',
  '97': 'Patient eligibility not found with entity',
  '116': 'Claim submitted to incorrect payer',
  '187': 'Date(s) of service',
  '454': 'Procedure code for services rendered',
  '562': "Entity's National Provider Identifier (NPI)",
};

/** Entity identifier codes (STC01-3): whose data the status is about. */
const ENTITY_WORDING: Record<string, string> = {
  '03': 'dependent',
  '1P': 'provider',
  '40': 'receiver',
  '41': 'submitter',
  '71': 'attending physician',
  '72': 'operating physician',
  '77': 'service location',
  '82': 'rendering provider',
  '85': 'billing provider',
  '87': 'pay-to provider',
  AY: 'clearinghouse',
  DK: 'ordering physician',
  DN: 'referring provider',
  FA: 'facility',
  GB: 'other insured',
  HK: 'subscriber',
  IL: 'insured or subscriber',
  PR: 'payer',
  QC: 'patient',
  TU: 'third party repricing organization',
};

/** One STC composite as STC01 carries it: category, status code, entity. */
export interface StatusCodeParts {
  category: string;
  status: string | null;
  entity: string | null;
}

/**
 * One STC composite in words, e.g. "A7:21:85 (Acknowledgement: rejected for invalid
 * information; Missing or invalid information; about the billing provider)".
 */
export function explainStatusCode(code: StatusCodeParts): string {
  const parts = [describeStatusCategory(code.category)];
  if (code.status) {
    parts.push(
      STATUS_WORDING[code.status] ?? `status code ${code.status}, not in ClaimDesk's list`,
    );
  }
  if (code.entity) {
    parts.push(`about the ${ENTITY_WORDING[code.entity] ?? `entity coded ${code.entity}`}`);
  }
  const sent = [code.category, code.status ?? '', code.entity ?? ''].join(':').replace(/:+$/, '');
  return `${sent} (${parts.join('; ')})`;
}
