import { describeReason, describeRemark } from '../../shared/codes/adjustment-codes';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import type { LetterClaimLevel, LetterData, LetterServiceLine } from './letter-data';
import { PLACEHOLDERS, PLACEHOLDER_KEYS, missingMarker, type PlaceholderKey } from './placeholders';
import { denialCodeText, fillInline, printedValues } from './printed-values';
import type { Recipient, Template, TemplateKind } from './template';

export interface DenialCodeRow {
  readonly code: string;
  readonly wording: string;
  readonly amount: Cents | null;
}

/** A body block after filling; paragraphs are plain strings the representative may edit. */
export type FilledBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | {
      readonly type: 'serviceLines';
      readonly rows: readonly LetterServiceLine[];
      readonly claimLevel?: LetterClaimLevel;
    }
  | { readonly type: 'denialCodes'; readonly rows: readonly DenialCodeRow[] }
  | { readonly type: 'enclosures'; readonly items: readonly string[] }
  /** An optional argument that was not ticked: it prints nothing and keeps its place. */
  | { readonly type: 'omitted'; readonly option: string };

export interface ReferenceLine {
  readonly caption: string;
  readonly value: string;
}

/** One placeholder the template uses, with the value it got, for the review screen. */
export interface FieldUse {
  readonly key: PlaceholderKey;
  readonly label: string;
  readonly caption: string;
  readonly description: string;
  /** Printed form of the value, or null when there is no data. */
  readonly value: string | null;
  readonly required: boolean;
  /** Printed somewhere in the letter, so a gap shows as its marker. */
  readonly inText: boolean;
}

export interface FilledLetter {
  readonly templateId: string;
  readonly kind: TemplateKind;
  readonly title: string;
  readonly date: IsoDate;
  readonly recipientKind: Recipient;
  readonly letterhead: { readonly name: string; readonly lines: readonly string[] };
  readonly dateLine: string;
  readonly recipient: readonly string[];
  readonly subject: string;
  readonly reference: readonly ReferenceLine[];
  /** What the top of every page after the first says the letter is about. */
  readonly runningHead: readonly string[];
  readonly body: readonly FilledBlock[];
  readonly closing: string;
  readonly signature: readonly string[];
  readonly enclosures: readonly string[];
  readonly fields: readonly FieldUse[];
  readonly warnings: readonly string[];
}

/** The attention line under the payer's name; the template's salutation should match it. */
const ATTENTION: Record<TemplateKind, string> = {
  appeal: 'Appeals Department',
  'medicare-redetermination': 'Redeterminations',
  'corrected-claim': 'Claims Department',
  'patient-letter': '',
  statement: '',
};

/**
 * Identifiers under "RE:" that many appeals rightly lack (a payer need not give its
 * decision a reference number): absent, the line is left out rather than shown as a gap.
 */
const ONLY_WHEN_KNOWN: ReadonlySet<PlaceholderKey> = new Set([
  'first_appeal_reference',
  'first_appeal_decision_date',
]);

export interface FillOptions {
  /** The letter date ("today"); comes from the injected clock. */
  readonly date: IsoDate;
}

/**
 * Puts the data into the template. Nothing is made up: a placeholder without data is
 * replaced by its bracketed label (`[MEMBER ID]`) and reported in `warnings`, so the
 * representative sees the gap before printing and the paper shows it if printed anyway.
 */
export function fillTemplate(
  template: Template,
  data: LetterData,
  options: FillOptions,
): FilledLetter {
  const values = printedValues(data, options.date);
  const inline = (text: string) => fillInline(text, values);
  const lines = (key: PlaceholderKey) => values.get(key)?.split('\n') ?? [missingMarker(key)];
  const optional = (key: PlaceholderKey) => values.get(key);

  const ticked = new Set(data.options ?? []);
  const body: FilledBlock[] = template.body.map((block): FilledBlock => {
    if (block.option !== undefined && !ticked.has(block.option)) {
      return { type: 'omitted', option: block.option };
    }
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { type: block.type, text: inline(block.text) };
      case 'list':
        return { type: 'list', items: block.items.map(inline) };
      case 'block':
        return fillBlock(block.key, data);
    }
  });

  const letterhead = {
    name: values.get('facility_name') ?? missingMarker('facility_name'),
    lines: [
      lines('facility_address').join('  \u00b7  '),
      joinParts([
        `Phone ${values.get('facility_phone') ?? missingMarker('facility_phone')}`,
        optional('facility_fax') && `Fax ${optional('facility_fax')}`,
        template.recipient === 'guarantor' &&
          optional('facility_website') &&
          `${optional('facility_website')}`,
      ]),
      ...(template.recipient === 'payer'
        ? [
            `NPI ${values.get('facility_npi') ?? missingMarker('facility_npi')}  \u00b7  Tax ID ${
              values.get('facility_tax_id') ?? missingMarker('facility_tax_id')
            }`,
          ]
        : []),
    ],
  };

  const recipient =
    template.recipient === 'payer'
      ? [
          values.get('payer_name') ?? missingMarker('payer_name'),
          `Attn: ${ATTENTION[template.kind]}`,
          // a corrected claim goes where claims are processed, not to the appeals unit
          ...lines(
            template.kind === 'corrected-claim' ? 'payer_claims_address' : 'payer_appeals_address',
          ),
        ]
      : [
          values.get('guarantor_name') ?? missingMarker('guarantor_name'),
          ...lines('guarantor_address'),
        ];

  const head = (caption: string, key: PlaceholderKey) => {
    const value = values.get(key);
    return value === undefined ? undefined : `${caption} ${value}`;
  };
  const runningHead = (
    template.recipient === 'payer'
      ? [
          head('Claim', values.has('payer_claim_number') ? 'payer_claim_number' : 'claim_number'),
          head('Member ID', 'member_id'),
          head('Patient', 'patient_name'),
        ]
      : [head('Account', 'account_number'), head('Patient', 'patient_name')]
  ).filter((part): part is string => part !== undefined);

  const reference = template.reference
    .filter((key) => values.has(key) || !ONLY_WHEN_KNOWN.has(key))
    .map((key) => ({
      caption: PLACEHOLDERS[key].caption,
      value: (values.get(key) ?? missingMarker(key)).replaceAll('\n', ', '),
    }));

  const signature = [
    values.get('representative_name') ?? missingMarker('representative_name'),
    optional('representative_title'),
    template.recipient === 'guarantor' ? 'Patient Financial Services' : undefined,
    values.get('facility_name') ?? missingMarker('facility_name'),
    joinParts([
      `Phone ${values.get('representative_phone') ?? missingMarker('representative_phone')}`,
      optional('representative_email'),
    ]),
  ].filter((l): l is string => typeof l === 'string' && l !== '');

  const enclosures = data.enclosures?.length
    ? [...data.enclosures]
    : template.required.includes('enclosures')
      ? [missingMarker('enclosures')]
      : [];

  const fields = usedFields(template, values, data);
  const partial = {
    templateId: template.id,
    kind: template.kind,
    title: template.title,
    date: options.date,
    recipientKind: template.recipient,
    letterhead,
    dateLine: formatUsDate(options.date),
    recipient,
    subject: inline(template.subject),
    reference,
    runningHead,
    body,
    closing: template.closing,
    signature,
    enclosures,
    fields,
  };
  return { ...partial, warnings: letterWarnings(partial) };
}

function fillBlock(
  key: 'service_lines' | 'denial_codes' | 'enclosures',
  data: LetterData,
): FilledBlock {
  if (key === 'service_lines') {
    return data.serviceLines?.length
      ? {
          type: 'serviceLines',
          rows: data.serviceLines,
          ...(data.claimLevel ? { claimLevel: data.claimLevel } : {}),
        }
      : { type: 'paragraph', text: missingMarker(key) };
  }
  if (key === 'denial_codes') {
    return data.denialCodes?.length
      ? { type: 'denialCodes', rows: denialRows(data) }
      : { type: 'paragraph', text: missingMarker(key) };
  }
  return data.enclosures?.length
    ? { type: 'enclosures', items: data.enclosures }
    : { type: 'paragraph', text: missingMarker(key) };
}

function denialRows(data: LetterData): DenialCodeRow[] {
  return (data.denialCodes ?? []).map((c) => ({
    code: denialCodeText(c),
    wording: c.wording ?? (c.kind === 'reason' ? describeReason(c.code) : describeRemark(c.code)),
    amount: c.amount ?? null,
  }));
}

function usedFields(
  template: Template,
  values: ReadonlyMap<PlaceholderKey, string>,
  data: LetterData,
): FieldUse[] {
  const blockCount = {
    service_lines: data.serviceLines?.length ?? 0,
    denial_codes: data.denialCodes?.length ?? 0,
    enclosures: data.enclosures?.length ?? 0,
  };
  const keys = [...template.placeholders];
  for (const key of template.required) if (!keys.includes(key)) keys.push(key);
  // a late appeal's sentence asks for the reason, so the reason becomes a field to fill
  const lateGap = values.get('appeal_timeliness')?.includes(missingMarker('late_filing_reason'));
  if (lateGap && !keys.includes('late_filing_reason')) keys.push('late_filing_reason');
  return keys
    .filter((key) => key !== 'today')
    .map((key) => ({
      key,
      label: PLACEHOLDERS[key].label,
      caption: PLACEHOLDERS[key].caption,
      description: PLACEHOLDERS[key].description,
      value:
        key === 'service_lines' || key === 'denial_codes' || key === 'enclosures'
          ? blockCount[key] > 0
            ? `${blockCount[key]} ${blockCount[key] === 1 ? 'entry' : 'entries'}`
            : null
          : (values.get(key) ?? null),
      required: template.required.includes(key) || key === 'late_filing_reason',
      inText:
        template.placeholders.includes(key) || key === 'enclosures' || key === 'late_filing_reason',
    }));
}

function joinParts(parts: readonly (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('  \u00b7  ');
}

const MARKERS = PLACEHOLDER_KEYS.map((key) => ({ key, marker: missingMarker(key) }));

/** Text of every printed part of a letter, in reading order. */
export function letterTexts(letter: Omit<FilledLetter, 'warnings'>): string[] {
  const texts = [
    letter.letterhead.name,
    ...letter.letterhead.lines,
    ...letter.recipient,
    letter.subject,
    ...letter.reference.map((r) => r.value),
    ...letter.signature,
    ...letter.enclosures,
  ];
  for (const block of letter.body) {
    if (block.type === 'paragraph' || block.type === 'heading') texts.push(block.text);
    else if (block.type === 'list' || block.type === 'enclosures') texts.push(...block.items);
  }
  return texts;
}

/**
 * Warnings are read off the text that will print, so they stay true after the
 * representative edits a paragraph: typing the member ID over `[MEMBER ID]` clears it.
 */
export function letterWarnings(letter: Omit<FilledLetter, 'warnings'>): string[] {
  const all = letterTexts(letter).join('\n');
  const warnings: string[] = [];
  for (const { key, marker } of MARKERS) {
    if (all.includes(marker)) {
      warnings.push(`${PLACEHOLDERS[key].caption} has no data and prints as ${marker}.`);
    }
  }
  for (const field of letter.fields) {
    // A gap in a printed field shows as its marker above; only a required field the
    // text never prints needs its own warning.
    if (field.required && field.value === null && !field.inText) {
      warnings.push(`Required field ${PLACEHOLDERS[field.key].caption} has no data.`);
    }
  }
  return warnings;
}
