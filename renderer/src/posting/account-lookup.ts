import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../../shared/api/errors';
import type { AccountView } from '../../../shared/api/accounts';
import type { SearchResult } from '../../../shared/api/search';
import { api } from '../app/api';
import { keys, queryClient } from '../app/query';
import { exactAccount } from '../search/results';

const lookupKey = (number: string) => ['accountByNumber', number.toUpperCase()] as const;

async function searchExact(number: string): Promise<SearchResult | null> {
  const found = await api.search({ query: number, limit: 20 });
  return exactAccount(found.results, number);
}

/** Account numbers are typed, not picked: only an exact match counts, never a prefix. */
export async function requireAccountByNumber(text: string): Promise<number> {
  const number = text.trim();
  const hit = number
    ? await queryClient.fetchQuery({
        queryKey: lookupKey(number),
        queryFn: () => searchExact(number),
      })
    : null;
  if (!hit) {
    const message = number ? 'No account with that number.' : 'Type the account number.';
    throw new ApiError({
      code: 'invalid_input',
      message,
      details: [{ path: 'accountNumber', message }],
    });
  }
  return hit.accountId;
}

export type Lookup =
  | { state: 'empty' }
  | { state: 'searching' }
  | { state: 'missing' }
  | { state: 'found'; accountId: number; view: AccountView | undefined };

/** Resolves a typed account number as the person types, then loads that account. */
export function useAccountLookup(text: string): Lookup {
  const [number] = useDebouncedValue(text.trim(), 200);
  const hit = useQuery({
    queryKey: lookupKey(number),
    queryFn: () => searchExact(number),
    enabled: number.length > 0,
  });
  const accountId = hit.data?.accountId ?? 0;
  const view = useQuery({
    queryKey: keys.account(accountId),
    queryFn: () => api.getAccount({ accountId }),
    enabled: accountId > 0,
  });
  if (text.trim() === '') return { state: 'empty' };
  if (number !== text.trim() || hit.isPending) return { state: 'searching' };
  if (!hit.data) return { state: 'missing' };
  return { state: 'found', accountId: hit.data.accountId, view: view.data };
}
