import type { Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { SegmentPosition, X12Issue } from '../x12/issues';
import type { ReadFileResult } from '../x12/read-file';

/*
 * The typed shape of an X12 837 claim file, institutional (005010X223A2) or professional
 * (005010X222A1). The HL tree (billing provider → subscriber → patient) is kept flat:
 * every claim carries the provider, subscriber, payer and patient it sits under.
 * `position` fields are filled by the reader and ignored by the writer. Elements this
 * model does not name are not kept; the model is what round-trips.
 */

export type Read837Result = ReadFileResult<ClaimTransaction>;

export type ClaimType = 'institutional' | 'professional';

/** One ST…SE 837 transaction: claims from one submitter to one receiver. */
export interface ClaimTransaction {
  position?: SegmentPosition;
  /** ST02 */
  controlNumber: string;
  /** ST03, e.g. `005010X223A2`; null when absent. */
  implementationReference: string | null;
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
  /** From ST03 (or GS08 when ST03 is absent); null when neither names an 837 guide. */
  claimType: ClaimType | null;
  /** BHT02: `00` original, `18` reissue. */
  purpose: string;
  /** BHT03: the submitter's batch reference. */
  referenceId: string;
  /** BHT04: when the submitter created the claims. */
  createdOn: IsoDate | null;
  /** BHT06: `CH` claims for payment, `RP` encounter reporting, `31` subrogation demand. */
  claimOrEncounter: string;
  /** 1000A NM1*41 */
  submitter: Organization | null;
  /** 1000B NM1*40 */
  receiver: Organization | null;
  claims: Claim837[];
  /**
   * Problems that make the whole transaction untrustworthy (a broken HL tree, the wrong
   * implementation guide). Claims with their own problems carry them on the claim.
   */
  errors: X12Issue[];
}

/** An NM1 organisation: name (NM103) and identifier (NM109). */
export interface Organization {
  name: string;
  id: string | null;
}

export interface PersonName {
  /** NM103: last name, or an organisation's name when NM102 is `2`. */
  last: string;
  first: string | null;
  middle: string | null;
  suffix: string | null;
}

/** N3 and N4. `zip` is as sent: five or nine digits, no hyphen. */
export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

/** 2010AA */
export interface BillingProvider {
  name: string;
  /** NM109 with NM108 `XX` */
  npi: string | null;
  /** REF*EI */
  taxId: string | null;
  address: PostalAddress | null;
}

/** 2000B SBR with 2010BA */
export interface Subscriber {
  /** SBR01: `P` primary, `S` secondary, `T` tertiary, `A`…`H` payers four to eleven, `U` unknown. */
  payerResponsibility: string;
  /** SBR02: `18` when the subscriber is the patient; null when the patient is a dependent. */
  relationship: string | null;
  /** SBR03 */
  groupNumber: string | null;
  /** SBR04 */
  groupName: string | null;
  /** SBR09: `MA`/`MB` Medicare, `MC` Medicaid, `CI` commercial, `BL` Blue Cross, `HM` HMO, `WC`… */
  filingIndicator: string | null;
  name: PersonName;
  /** NM109 with NM108 `MI` */
  memberId: string | null;
  address: PostalAddress | null;
  /** DMG02 */
  dateOfBirth: IsoDate | null;
  /** DMG03: `F`, `M`, `U`. */
  sex: string | null;
}

/** 2010BB: the payer the claim is sent to. */
export interface Payer837 {
  name: string;
  /** NM109: the payer id the clearinghouse routes by. */
  payerId: string | null;
}

/** 2000C PAT with 2010CA, present only when the patient is not the subscriber. */
export interface Patient837 {
  /** PAT01: `01` spouse, `19` child, `20` employee, `21` unknown, `53` life partner, `G8` other. */
  relationship: string;
  name: PersonName;
  address: PostalAddress | null;
  dateOfBirth: IsoDate | null;
  sex: string | null;
}

/** `HC` CPT/HCPCS (also `ER`, `IV`, `WK` on professional lines) with up to four modifiers. */
export interface Procedure837 {
  qualifier: string;
  code: string;
  modifiers: string[];
}

/** 2300 CLM and the claim-level segments this model reads. */
export interface Claim837 {
  position?: SegmentPosition;
  claimType: ClaimType;
  billingProvider: BillingProvider;
  subscriber: Subscriber;
  payer: Payer837;
  /** Null when the subscriber is the patient. */
  patient: Patient837 | null;
  /** CLM01 */
  patientControlNumber: string;
  /** CLM02; 0 when unreadable, and then the claim carries an error. */
  totalCharge: Cents;
  /** CLM05-1: facility type code (institutional) or place of service (professional). */
  facilityCode: string;
  /** CLM05-3: `1` original, `7` replacement, `8` void; institutional also `0`, `2`–`5`. */
  frequencyCode: string;
  /** DTP*434 statement period (institutional). */
  statementFrom: IsoDate | null;
  statementTo: IsoDate | null;
  /** HI: principal diagnosis first (ABK/BK), then the other diagnoses (ABF/BF) in order. */
  diagnosisCodes: string[];
  /** REF*G1 */
  priorAuthorization: string | null;
  /** REF*9F */
  referralNumber: string | null;
  /** REF*F8: the payer's claim number of the claim a replacement or void refers to. */
  payerClaimNumber: string | null;
  lines: ServiceLine837[];
  /** 2310 loops; absent on claims built without them. Not part of the fingerprint. */
  providers?: ClaimProvider837[];
  errors: X12Issue[];
}

/** NM1*71 attending, 72 operating, 82 rendering, DN referring. */
export type ClaimProviderRole = 'attending' | 'operating' | 'rendering' | 'referring';

/** A provider named for the claim as a whole (2310A-D) or for one service line (2420). */
export interface ClaimProvider837 {
  role: ClaimProviderRole;
  /** An organisation's name is in `last` (NM102 `2`). */
  name: PersonName;
  /** NM109 with NM108 `XX` */
  npi: string | null;
}

/** 2400 LX with SV1 (professional) or SV2 (institutional) and DTP*472. */
export interface ServiceLine837 {
  position?: SegmentPosition;
  /** LX01 */
  lineNumber: number;
  /** SV201 */
  revenueCode: string | null;
  /** SV101 or SV202 */
  procedure: Procedure837 | null;
  /** SV102 or SV203; 0 when unreadable, and then the claim carries an error. */
  charge: Cents;
  /** SV103 or SV204: `UN` units, `DA` days, `MJ` minutes. */
  unitBasis: string;
  /** SV104 or SV205 */
  units: number;
  /** SV105, when the line's place of service differs from the claim's. */
  placeOfService: string | null;
  /** DTP*472: one date (D8) or a range (RD8). */
  serviceDate: IsoDate | null;
  serviceDateTo: IsoDate | null;
  /** 2420 loops: providers named for this line alone; absent when none. */
  providers?: ClaimProvider837[];
}
