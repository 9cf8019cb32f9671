import type { IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';

/**
 * One patient statement. Amounts are whole cents and positive as printed: payments and
 * adjustments are amounts that reduce the balance. The summary must add up:
 * previous balance + new charges - payments - adjustments - insurance pending = amount due.
 */
export interface StatementData {
  readonly statementDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly accountNumber: string;
  /** Days the oldest unpaid patient balance is past its first due date; 0 or less is current. */
  readonly daysPastDue: number;
  /** When a final notice names the date of the next step. */
  readonly finalActionDate?: IsoDate;
  /**
   * How firm the statement is (electron/statements/dunning.ts); absent on a preview, where
   * the days past due decide as before.
   */
  readonly stage?:
    'statement' | 'second_statement' | 'past_due' | 'final_notice' | 'pre_collection';
  /** Whether a payer has processed any of the visits (paid or adjusted a claim). */
  readonly insuranceProcessed?: boolean;
  /** A payment plan in good standing: the statement asks for the installment, not the balance. */
  readonly plan?: {
    readonly installmentDue: Cents;
    readonly dueDate: IsoDate;
    readonly remaining: Cents;
    readonly nextDate: IsoDate | null;
  };
  /** "Language assistance is available" in the languages the community speaks, one each. */
  readonly languageTaglines?: readonly string[];
  readonly facility: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly phone: string;
    readonly website?: string;
  };
  readonly billingOffice: {
    readonly phone: string;
    readonly hours: string;
    readonly paymentUrl: string;
    /** Lockbox address for mailed payments, printed on the stub. */
    readonly remitTo: readonly string[];
  };
  readonly financialAssistance: {
    readonly phone: string;
    readonly url: string;
    readonly eligibility: string;
    /** Where the plain-language summary of the policy is. */
    readonly summaryUrl?: string;
  };
  readonly guarantor: { readonly name: string; readonly addressLines: readonly string[] };
  readonly summary: StatementSummary;
  readonly aging: StatementAging;
  readonly lines: readonly StatementLine[];
}

/**
 * The patient's side only: previous balance (the last statement's amount due) + new charges
 * + what insurance moved to the patient - payments - adjustments = amount due. What is still
 * with insurance is shown beside it, not in the sum.
 */
export interface StatementSummary {
  readonly previousBalance: Cents;
  readonly newCharges: Cents;
  /** Patient shares moved over after insurance processed a claim. */
  readonly afterInsurance: Cents;
  readonly payments: Cents;
  readonly adjustments: Cents;
  readonly insurancePending: Cents;
  readonly amountDue: Cents;
}

/** Patient balance by age of the charge, in days since the first statement. */
export interface StatementAging {
  readonly current: Cents;
  readonly days31to60: Cents;
  readonly days61to90: Cents;
  readonly days91to120: Cents;
  readonly over120: Cents;
}

/** What the plan left to the patient on one visit, by reason. */
export interface PatientShare {
  readonly deductible: Cents;
  readonly coinsurance: Cents;
  readonly copay: Cents;
  readonly notCovered: Cents;
}

export interface StatementLine {
  readonly date: IsoDate;
  readonly patientName?: string;
  readonly description: string;
  readonly charges: Cents;
  readonly insurancePaid: Cents;
  readonly adjustments: Cents;
  readonly patientPaid: Cents;
  readonly share: PatientShare;
  readonly youOwe: Cents;
  /** Billed to insurance and not yet decided: not the patient's to pay yet. */
  readonly insurancePending?: Cents;
  readonly payerName?: string;
  /** On a statement that lists several accounts, the account the visit is on. */
  readonly accountNumber?: string;
  readonly note?: string;
}
