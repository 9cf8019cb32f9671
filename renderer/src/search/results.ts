import type { SearchResult } from '../../../shared/api/search';

/** One choice per account: a claim-number hit and a name hit on the same account are one. */
export function oneResultPerAccount(results: readonly SearchResult[]): SearchResult[] {
  const seen = new Map<number, SearchResult>();
  for (const r of results) if (!seen.has(r.accountId)) seen.set(r.accountId, r);
  return [...seen.values()];
}

/** The result whose account number is exactly the one typed (in any case); never a prefix. */
export function exactAccount(
  results: readonly SearchResult[],
  accountNumber: string,
): SearchResult | null {
  const wanted = accountNumber.toUpperCase();
  return results.find((r) => r.accountNumber.toUpperCase() === wanted) ?? null;
}
