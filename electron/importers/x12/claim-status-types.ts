import type { Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { SegmentPosition, X12Issue } from './issues';
import type { ReadFileResult } from './read-file';
import type { Person, ProcedureCode, Reference, Trace } from './remittance-types';
import type { StatusMeaning } from './status-codes';

/*
 * The typed shape of a 277 claim status response. The HL tree (payer → information
 * receiver → provider → subscriber → dependent) is kept flat: every level is an entity
 * with its HL id and parent id, and every claim names the entities it sits under.
 */

export type Read277Result = ReadFileResult<ClaimStatusResponse>;

export interface ClaimStatusResponse {
  position?: SegmentPosition;
  controlNumber: string;
  implementationReference: string | null;
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
  /** BHT03 */
  referenceId: string | null;
  /** BHT04 */
  date: IsoDate | null;
  entities: StatusEntity[];
  claims: ClaimStatus[];
  /** Problems with the HL structure or the header; claim problems are on the claim. */
  errors: X12Issue[];
}

/** HL03 level codes named. */
export type HierarchyLevel =
  'payer' | 'information-receiver' | 'provider' | 'subscriber' | 'dependent' | 'patient' | 'other';

/** One HL level with what was said at that level (receiver- and provider-level status). */
export interface StatusEntity {
  position?: SegmentPosition;
  hlId: string;
  parentHlId: string | null;
  level: HierarchyLevel;
  /** HL03 as sent: `20`, `21`, `19`, `22`, `23`, `PT`. */
  levelCode: string;
  name: Person | null;
  traces: Trace[];
  statuses: StatusReport[];
}

/** STC01 and its repeats in STC10/STC11. */
export interface StatusCode {
  category: string;
  meaning: StatusMeaning;
  /** Claim status code, e.g. `3`, `88`, `317`. */
  status: string | null;
  /** Entity the status refers to, e.g. `QC`, `85`. */
  entity: string | null;
  /** `RX` when the status code comes from the NCPDP reject list. */
  codeList: string | null;
}

/** STC */
export interface StatusReport {
  position?: SegmentPosition;
  codes: StatusCode[];
  effectiveDate: IsoDate | null;
  actionCode: string | null;
  /** STC04: total claim charge. */
  chargeAmount: Cents | null;
  /** STC05: claim payment amount. */
  paidAmount: Cents | null;
  adjudicationDate: IsoDate | null;
  paymentMethod: string | null;
  checkDate: IsoDate | null;
  checkNumber: string | null;
  message: string | null;
}

export interface ServicePeriod {
  from: IsoDate;
  to: IsoDate;
}

/** The claim status tracking loop: one TRN under a subscriber, dependent or patient. */
export interface ClaimStatus {
  position?: SegmentPosition;
  /** HL id of the subscriber, dependent or patient level the claim sits under. */
  hlId: string;
  providerHlId: string | null;
  payer: Person | null;
  provider: Person | null;
  subscriber: Person | null;
  /** The dependent when there is one, else the subscriber. */
  patient: Person | null;
  /** TRN02: our patient control number as submitted. */
  patientControlNumber: string;
  /** REF*1K */
  payerClaimNumber: string | null;
  /** REF*EJ */
  patientAccountNumber: string | null;
  references: Reference[];
  servicePeriod: ServicePeriod | null;
  statuses: StatusReport[];
  serviceLines: ServiceLineStatus[];
  errors: X12Issue[];
}

export interface ServiceLineStatus {
  position?: SegmentPosition;
  procedure: ProcedureCode | null;
  chargeAmount: Cents | null;
  paidAmount: Cents | null;
  revenueCode: string | null;
  units: number | null;
  statuses: StatusReport[];
  references: Reference[];
  servicePeriod: ServicePeriod | null;
}
