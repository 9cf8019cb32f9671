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

export type BodyBlock =
  | { readonly type: 'paragraph'; readonly text: string; readonly line: number }
  | { readonly type: 'heading'; readonly text: string; readonly line: number }
  | { readonly type: 'list'; readonly items: readonly string[]; readonly line: number }
  | { readonly type: 'block'; readonly key: BlockKey; readonly line: number };

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
