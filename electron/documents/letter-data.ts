import type { IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import type { DateKey, DateRangeKey, MoneyKey, TextKey } from './placeholders';

export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/**
 * The values a letter can draw on, keyed by placeholder. Each key takes the type its
 * catalogue entry declares, so cents and dates arrive typed and are formatted here, in
 * one place, never by whoever loads the data. Multi-line values (addresses) separate
 * their lines with "\n".
 */
export type LetterFields = { readonly [K in TextKey]?: string } & {
  readonly [K in MoneyKey]?: Cents;
} & { readonly [K in DateKey]?: IsoDate } & { readonly [K in DateRangeKey]?: DateRange };

export interface LetterServiceLine {
  readonly date: IsoDate;
  readonly code: string;
  readonly modifiers?: readonly string[];
  readonly description: string;
  /** Providers named for this line alone where they differ from the claim's, in words. */
  readonly providers?: readonly string[];
  readonly units?: number;
  readonly billed: Cents;
  /** null: this kind of amount was posted to the claim as a whole, not to the line. */
  readonly paid: Cents | null;
  readonly contractual?: Cents | null;
  readonly patient?: Cents | null;
  readonly denied: Cents | null;
}

/** What the payer posted to the claim as a whole rather than to any one line. */
export interface LetterClaimLevel {
  readonly paid: Cents;
  readonly contractual: Cents;
  readonly patient: Cents;
  readonly denied: Cents;
}

export interface LetterDenialCode {
  /** Claim adjustment group code (CO, PR, OA, PI, CR) for reason codes. */
  readonly group?: string;
  readonly code: string;
  readonly kind: 'reason' | 'remark';
  /** Published wording; when absent the shared code table supplies it. */
  readonly wording?: string;
  readonly amount?: Cents;
}

export interface LetterData {
  readonly fields: LetterFields;
  readonly serviceLines?: readonly LetterServiceLine[];
  readonly claimLevel?: LetterClaimLevel;
  readonly denialCodes?: readonly LetterDenialCode[];
  /** What is actually enclosed, as the representative chose it. */
  readonly enclosures?: readonly string[];
  /** The optional arguments the representative ticked (template option ids); none if absent. */
  readonly options?: readonly string[];
}
