import type { Cents } from '../../../shared/money/cents';
import { parseMoney } from '../../../shared/money/format';

/** What an amount field holds, read for the API; blank or unreadable is null. */
export function amountFrom(text: string): Cents | null {
  return text.trim() === '' ? null : parseMoney(text);
}

/** The same, for live totals on screen: anything unreadable counts as zero. */
export function amountOrZero(text: string): number {
  return amountFrom(text) ?? 0;
}

/**
 * A message for a field whose text is not an amount. Forms show it and send nothing,
 * so a typo is never read as some other amount.
 */
export function amountProblem(text: string): string | undefined {
  if (text.trim() === '' || parseMoney(text) !== null) return undefined;
  return 'Type an amount such as 125.00.';
}
