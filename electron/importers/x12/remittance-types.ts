import type { Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { SegmentPosition, X12Issue } from './issues';
import type { ReadFileResult } from './read-file';

/*
 * The typed shape of an 835 remittance advice. Money is whole cents, dates are
 * IsoDate, codes stay as the payer sent them. `position` fields are filled by the reader
 * (so a person can be pointed at the spot in the file) and ignored by the writer.
 * Elements this model does not name are not kept; the model is what round-trips.
 */

/** Problems go to three places: the file (`envelopeErrors`), a transaction, a claim. */
export type Read835Result = ReadFileResult<Remittance>;

/** One ST…SE 835 transaction: one payment (or non-payment) from one payer to one payee. */
export interface Remittance {
  position?: SegmentPosition;
  /** ST02 */
  controlNumber: string;
  /** ST03, e.g. `005010X221A1`; null when absent. */
  implementationReference: string | null;
  /** ISA13 and GS06 of the envelopes around it; null in a file without envelopes. */
  interchangeControlNumber: string | null;
  groupControlNumber: string | null;
  payment: Payment | null;
  trace: Trace | null;
  /** Transaction-level REF (EV receiver id, F2 version) and DTM (405 production date). */
  references: Reference[];
  dates: DateEntry[];
  payer: Party | null;
  payee: Party | null;
  /** LX header numbers with their TS3/TS2 summaries; claims point to them by `headerNumber`. */
  headers: ClaimHeader[];
  claims: Claim[];
  providerAdjustments: ProviderAdjustment[];
  /**
   * Problems that make the whole transaction unpostable (no BPR, BPR02 not equal to the
   * claims paid less the PLB adjustments, unreadable header data). Claims with their own
   * errors are listed on the claim.
   */
  errors: X12Issue[];
}

/** BPR */
export interface Payment {
  position?: SegmentPosition;
  /** BPR01: `I` remittance with payment, `H` notification only, `C` payment with remittance… */
  handlingCode: string;
  /** BPR02 */
  amount: Cents;
  /** BPR03: `C` credit, `D` debit. */
  creditDebit: string;
  /** BPR04: `ACH`, `CHK`, `FWT`, `BOP`, `NON`. */
  method: string | null;
  /** BPR05: `CCP`, `CTX` for ACH. */
  format: string | null;
  /** BPR16: the check issue or EFT effective date. */
  date: IsoDate | null;
}

/** TRN: the check or EFT trace number that ties the 835 to the money. */
export interface Trace {
  typeCode: string;
  traceNumber: string;
  /** TRN03: payer identifier (`1` + tax id, usually). */
  payerId: string | null;
  /** TRN04 */
  originatingSupplementalId: string | null;
}

export interface Reference {
  qualifier: string;
  value: string;
}

export interface DateEntry {
  /** DTM01: `405` production, `050` received, `232`/`233` claim statement from/to, `472` service, `150`/`151` service from/to, `036` coverage expiry… */
  qualifier: string;
  date: IsoDate;
}

export interface AmountEntry {
  /** AMT01: `AU` coverage amount, `B6` allowed, `KH` late filing reduction… */
  qualifier: string;
  amount: Cents;
}

export interface QuantityEntry {
  qualifier: string;
  quantity: number;
}

export interface Address {
  lines: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface Contact {
  /** PER01: `CX` claims, `BL` technical, `IC` information. */
  functionCode: string;
  name: string | null;
  communications: { qualifier: string; number: string }[];
}

/** N1 loop: payer (`PR`) or payee (`PE`). */
export interface Party {
  entityCode: string;
  name: string;
  idQualifier: string | null;
  id: string | null;
  address: Address | null;
  references: Reference[];
  contacts: Contact[];
}

/** NM1 */
export interface Person {
  /** NM101: `QC` patient, `IL` insured, `74` corrected patient/insured, `82` rendering provider, `TT` crossover carrier, `PR` corrected payer, `GB` other subscriber. */
  entityCode: string;
  /** NM102: `1` person, `2` organisation. */
  entityType: string;
  lastOrOrganizationName: string | null;
  firstName: string | null;
  middleName: string | null;
  suffix: string | null;
  idQualifier: string | null;
  id: string | null;
}

/** LX with its optional TS3 (provider summary) and TS2 (institutional supplement). */
export interface ClaimHeader {
  number: string;
  providerSummary: ProviderSummary | null;
  /** TS2 as sent, keyed `TS201`…; all are amounts or day counts in decimal form. */
  institutionalSummary: Record<string, string> | null;
}

export interface ProviderSummary {
  providerId: string;
  facilityCode: string;
  fiscalPeriodEnd: IsoDate | null;
  claimCount: number | null;
  totalCharge: Cents | null;
  /** TS306 onwards as sent, keyed `TS306`…, decimal strings. */
  otherValues: Record<string, string>;
}

/** CAS: one entry per reason/amount/quantity triple (a CAS segment holds up to six). */
export interface Adjustment {
  position?: SegmentPosition;
  /** CAS01: `CO`, `PR`, `OA`, `PI`, `CR`. */
  group: string;
  /** CARC */
  reason: string;
  amount: Cents;
  quantity: number | null;
}

/** MIA: inpatient adjudication. */
export interface InpatientInfo {
  coveredDays: number | null;
  /** MIA05 and MIA20–MIA23. */
  remarkCodes: string[];
  /** The monetary elements, keyed by element (`MIA04` is the DRG amount). */
  amounts: Record<string, Cents>;
  /** The count elements (`MIA03`, `MIA15`) keyed by element. */
  quantities: Record<string, number>;
}

/** MOA: outpatient adjudication. */
export interface OutpatientInfo {
  /** MOA01 as sent, a decimal percentage rate. */
  reimbursementRate: string | null;
  /** MOA03–MOA07 */
  remarkCodes: string[];
  /** MOA02, MOA08, MOA09 keyed by element. */
  amounts: Record<string, Cents>;
}

export interface ProcedureCode {
  /** `HC` HCPCS/CPT, `NU` revenue code, `N4` NDC, `AD` ADA… */
  qualifier: string;
  code: string;
  modifiers: string[];
  description: string | null;
}

/** CLP loop */
export interface Claim {
  position?: SegmentPosition;
  /** LX01 of the header group the claim sits under; null when there is no LX. */
  headerNumber: string | null;
  /** CLP01: our patient control number, as submitted on the claim. */
  patientControlNumber: string;
  /** CLP02: `1` primary, `2` secondary, `3` tertiary, `4` denied, `19`–`23` forwarded/reversal… */
  statusCode: string;
  /** CLP03; 0 when unreadable, and then the claim carries an error. */
  chargeAmount: Cents;
  /** CLP04; 0 when unreadable, and then the claim carries an error. */
  paidAmount: Cents;
  patientResponsibility: Cents | null;
  /** CLP06: `MA`, `MB`, `MC`, `12`, `CI`… */
  filingIndicator: string | null;
  /** CLP07: the payer's claim control number, needed for appeals and corrections. */
  payerClaimNumber: string | null;
  /** CLP08 */
  facilityType: string | null;
  /** CLP09 */
  frequency: string | null;
  adjustments: Adjustment[];
  people: Person[];
  inpatient: InpatientInfo | null;
  outpatient: OutpatientInfo | null;
  references: Reference[];
  dates: DateEntry[];
  contacts: Contact[];
  amounts: AmountEntry[];
  quantities: QuantityEntry[];
  serviceLines: ServiceLine[];
  /** When not empty, this claim must not be posted; the rest of the transaction may be. */
  errors: X12Issue[];
}

/** SVC loop */
export interface ServiceLine {
  position?: SegmentPosition;
  procedure: ProcedureCode;
  /** SVC02; 0 when unreadable, and then the claim carries an error. */
  chargeAmount: Cents;
  /** SVC03; 0 when unreadable, and then the claim carries an error. */
  paidAmount: Cents;
  /** SVC04: NUBC revenue code. */
  revenueCode: string | null;
  /** SVC05: units paid; the guide reads an absent value as one. */
  units: number | null;
  /** SVC06: the procedure as billed, when the payer changed it. */
  originalProcedure: ProcedureCode | null;
  /** SVC07: units billed, when different from units paid. */
  originalUnits: number | null;
  dates: DateEntry[];
  adjustments: Adjustment[];
  references: Reference[];
  amounts: AmountEntry[];
  quantities: QuantityEntry[];
  /** LQ: `HE` remittance advice remark codes, `RX` NCPDP reject codes. */
  remarks: { qualifier: string; code: string }[];
}

/** PLB: money withheld from or added to the payment outside any claim. */
export interface ProviderAdjustment {
  position?: SegmentPosition;
  providerId: string;
  /** PLB02: last day of the provider's fiscal year. */
  fiscalPeriodDate: IsoDate | null;
  items: ProviderAdjustmentItem[];
}

export interface ProviderAdjustmentItem {
  /** First component: `WO` overpayment recovery, `L6` interest, `FB` forward balance, `CV` capital passthru… */
  reasonCode: string;
  /** Second component: the reference it concerns (often a payer claim number). */
  referenceId: string | null;
  /** Positive amounts reduce the payment, negative ones increase it. */
  amount: Cents;
}
