import type { BlockKey, PlaceholderKey } from './placeholders';

export const TEMPLATE_KINDS = [
  'appeal',
  'medicare-redetermination',
  'corrected-claim',
  'patient-letter',
  'statement',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const DENIAL_CATEGORIES = [
  'medical-necessity',
  'prior-authorization',
  'timely-filing',
  'coding-bundling',
  'coordination-of-benefits',
  'eligibility',
  'non-covered',
  'underpayment',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

/** Who the letter is addressed to; decides which placeholders fill the window address. */
export const RECIPIENTS = ['payer', 'guarantor'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export type AppealLevel = 1 | 2;

/** Headings a statement template must have: each names the place its text prints. */
export const STATEMENT_SECTIONS = [
  'message-self-pay',
  'message-insurance-pending',
  'message-after-insurance',
  'message-second',
  'message-past-due',
  'message-final',
  'message-plan',
  'message-credit',
  'patient-share',
  'financial-assistance',
  'payment-options',
] as const;
export type StatementSection = (typeof STATEMENT_SECTIONS)[number];

/** Where a block sits: `option` names the optional argument it belongs to, if any. */
interface BlockPlace {
  readonly line: number;
  readonly option?: string;
}

export type BodyBlock =
  | ({ readonly type: 'paragraph'; readonly text: string } & BlockPlace)
  | ({ readonly type: 'heading'; readonly text: string } & BlockPlace)
  | ({ readonly type: 'list'; readonly items: readonly string[] } & BlockPlace)
  | ({ readonly type: 'block'; readonly key: BlockKey } & BlockPlace);

/**
 * An argument that asserts a fact the data cannot show (emergency care, a referral):
 * printed only when the representative ticks it for this letter.
 */
export interface TemplateOption {
  /** Made from the label: lower-case words joined by dashes. */
  readonly id: string;
  readonly label: string;
  /** One line saying when the argument applies. */
  readonly hint: string;
  readonly line: number;
}

export interface Template {
  /** File name without extension; what the app stores to remember which template was used. */
  readonly id: string;
  readonly kind: TemplateKind;
  readonly title: string;
  /** Subject line of the RE: block; may hold placeholders. */
  readonly subject: string;
  readonly description: string;
  readonly categories: readonly DenialCategory[];
  /** Claim adjustment reason codes (CARC) this template answers. */
  readonly reasonCodes: readonly string[];
  readonly level: AppealLevel | null;
  readonly recipient: Recipient;
  /** Identifiers printed in the RE: block, in this order. */
  readonly reference: readonly PlaceholderKey[];
  /** Fields a representative must supply before the letter can go out. */
  readonly required: readonly PlaceholderKey[];
  /** Documents usually enclosed; offered as a checklist, never printed unless chosen. */
  readonly suggestedEnclosures: readonly string[];
  readonly closing: string;
  readonly body: readonly BodyBlock[];
  /** Optional arguments, in the order the body has them; off unless ticked. */
  readonly options: readonly TemplateOption[];
  /** Every placeholder the template uses anywhere, in first-use order. */
  readonly placeholders: readonly PlaceholderKey[];
}

export interface TemplateError {
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly errors: readonly TemplateError[] };
