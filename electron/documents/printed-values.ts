import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { timelinessSentence } from './deadline';
import { firstAppealSentence } from './first-appeal';
import type { LetterData, LetterFields } from './letter-data';
import {
  isPlaceholderKey,
  missingMarker,
  PLACEHOLDER_KEYS,
  PLACEHOLDERS,
  type PlaceholderKey,
} from './placeholders';

/**
 * What each placeholder prints as: the letters' and the statements' one way from the data
 * to the words on the page.
 */

export function denialCodeText(c: {
  group?: string;
  code: string;
  kind: 'reason' | 'remark';
}): string {
  return c.kind === 'reason' && c.group ? `${c.group}-${c.code}` : c.code;
}

/** Printed form of every placeholder that has data; a key is absent when it has none. */
export function printedValues(data: LetterData, date: IsoDate): Map<PlaceholderKey, string> {
  const out = new Map<PlaceholderKey, string>();
  const fields: LetterFields = data.fields;
  for (const key of PLACEHOLDER_KEYS) {
    const raw = (fields as Record<string, unknown>)[key];
    const printed = printValue(key, raw);
    if (printed !== null) out.set(key, printed);
  }
  out.set('today', formatUsDate(date));
  // never from the caller: whether the letter is on time is decided here, from the dates
  out.set(
    'appeal_timeliness',
    timelinessSentence(fields.appeal_deadline, date, fields.late_filing_reason),
  );
  out.set(
    'first_appeal_citation',
    firstAppealSentence({
      sent: fields.first_appeal_date,
      decided: fields.first_appeal_decision_date,
      reference: fields.first_appeal_reference,
    }),
  );
  // Derived only from structured data the caller gave us, never guessed.
  if (!out.has('denial_code_list') && data.denialCodes?.length) {
    out.set('denial_code_list', data.denialCodes.map(denialCodeText).join(', '));
  }
  if (!out.has('procedure_codes') && data.serviceLines?.length) {
    const codes = data.serviceLines.map((l) =>
      l.modifiers?.length ? `${l.code}-${l.modifiers.join('-')}` : l.code,
    );
    out.set('procedure_codes', [...new Set(codes)].join(', '));
  }
  return out;
}

function printValue(key: PlaceholderKey, raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  switch (PLACEHOLDERS[key].type) {
    case 'money':
      return typeof raw === 'number' ? formatCents(raw as Cents) : null;
    case 'date':
      return typeof raw === 'string' ? formatUsDate(raw as IsoDate) : null;
    case 'dateRange': {
      const range = raw as { from: IsoDate; to: IsoDate };
      return range.from === range.to
        ? formatUsDate(range.from)
        : `${formatUsDate(range.from)} \u2013 ${formatUsDate(range.to)}`;
    }
    case 'text':
    case 'multiline': {
      const text = String(raw).trim();
      return text === '' ? null : text;
    }
    case 'block':
      return null;
  }
}

const INLINE = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

export function fillInline(text: string, values: ReadonlyMap<PlaceholderKey, string>): string {
  let dropped = false;
  const filled = text.replace(INLINE, (whole, name: string) => {
    if (!isPlaceholderKey(name)) return whole;
    const value = values.get(name);
    if (value === '') dropped = true;
    return value === undefined ? missingMarker(name) : value.replaceAll('\n', ', ');
  });
  // a sentence that does not apply leaves no double space behind
  return dropped ? filled.replace(/ {2,}/g, ' ').trim() : filled;
}
