import { cents, type Cents } from './cents';

const grouping = /\B(?=(\d{3})+(?!\d))/g;

/** `123456` → `$1,234.56`; negative amounts (credits) as `-$12.00`. */
export function formatCents(value: Cents): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const dollars = Math.floor(abs / 100)
    .toString()
    .replace(grouping, ',');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}$${dollars}.${rest}`;
}

// Spaces after the sign or the dollar sign come from accounting-formatted spreadsheet cells.
const moneyPattern = /^(-)?\s*\$?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)?(?:\.(\d{1,2}))?$/;
// Accounting notation for a negative amount, with the dollar sign inside or outside: (12.00), $(12.00)
const parenthesised = /^(\$)?\s*\((.*)\)$/;

/**
 * Parses what a person types or a spreadsheet writes as an amount ("1,234.50", "$12",
 * "-3.5", "(12.00)", "$(12.00)", "$ 1,234.50") into cents without ever going through a
 * float. Returns null for anything else, including fractions of a cent.
 */
export function parseMoney(input: string): Cents | null {
  let text = input.trim();
  let negative = false;
  const accounting = parenthesised.exec(text);
  if (accounting) {
    negative = true;
    text = (accounting[2] ?? '').trim();
    // one dollar sign, inside the parentheses or before them
    if (accounting[1] && text.includes('$')) return null;
  }
  const match = moneyPattern.exec(text);
  if (!match) return null;
  const [, minus, whole, fraction] = match;
  if (whole === undefined && fraction === undefined) return null;
  if (minus) {
    if (negative) return null;
    negative = true;
  }
  const wholeCents = BigInt((whole ?? '0').replaceAll(',', '')) * 100n;
  const fractionCents = BigInt((fraction ?? '0').padEnd(2, '0'));
  const total = wholeCents + fractionCents;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(total);
  return cents(negative && value !== 0 ? -value : value);
}

/**
 * `123456` → `1234.56`, `-1200` → `-12.00`: the plain decimal a spreadsheet reads as a
 * number, for files rather than screens.
 */
export function formatPlainCents(value: Cents): string {
  const abs = Math.abs(value);
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${value < 0 ? '-' : ''}${Math.floor(abs / 100)}.${rest}`;
}
