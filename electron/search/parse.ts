import { formatUsDate, parseUsDate, type IsoDate } from '../../shared/dates/iso-date';

/** What a line typed into the global search is taken to mean. */
export type SearchIntent =
  | { kind: 'date_of_birth'; date: IsoDate }
  | { kind: 'number'; text: string; digits: string | null }
  | { kind: 'name'; last: string; first: string | null; alsoReversed: boolean };

export function parseSearch(query: string): SearchIntent | null {
  const text = query.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const date = parseUsDate(text);
  if (date) return { kind: 'date_of_birth', date };
  if (/\d/.test(text)) {
    const digits = text.replace(/[\s().+-]/g, '');
    return {
      kind: 'number',
      text: text.toUpperCase(),
      digits: /^\d{4,11}$/.test(digits) ? digits : null,
    };
  }
  if (text.includes(',')) {
    const [last = '', first = ''] = text.split(',').map((s) => s.trim());
    if (!last) return null;
    return { kind: 'name', last, first: first || null, alsoReversed: false };
  }
  const words = text.split(' ');
  if (words.length >= 2) {
    // "Maria Lopez" and "Lopez Maria" are both common ways to type a name
    const last = words.slice(1).join(' ');
    return { kind: 'name', last, first: words[0] ?? null, alsoReversed: true };
  }
  return { kind: 'name', last: text, first: null, alsoReversed: false };
}

export function describeIntent(intent: SearchIntent): string {
  switch (intent.kind) {
    case 'date_of_birth':
      return `date of birth ${formatUsDate(intent.date)}`;
    case 'number':
      return intent.digits
        ? `account, claim or phone number "${intent.text}"`
        : `account or claim number "${intent.text}"`;
    case 'name':
      return intent.first
        ? `name "${intent.last}, ${intent.first}"${intent.alsoReversed ? ' (either order)' : ''}`
        : `last name starting "${intent.last}"`;
  }
}

/** Upper bound for a case-insensitive prefix range on a NOCASE column. */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}
