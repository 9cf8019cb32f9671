import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../shared/api/errors';

/** Local calls are cheap and the data changes only through this app, so cache briefly. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(error instanceof ApiError) && count < 1,
      refetchOnWindowFocus: false,
    },
  },
});

export const keys = {
  appInfo: ['appInfo'] as const,
  queue: ['queue'] as const,
  queueOptions: ['queueOptions'] as const,
  account: (id: number) => ['account', id] as const,
  search: (q: string) => ['search', q] as const,
  batches: ['batches'] as const,
  batch: (id: number) => ['batch', id] as const,
  cash: (date: string) => ['cash', date] as const,
  adjustmentReasons: ['adjustmentReasons'] as const,
  imports: ['imports'] as const,
  importReport: (id: number) => ['importReport', id] as const,
  exceptions: (status: string) => ['exceptions', status] as const,
  denials: (filters: object) => ['denials', filters] as const,
  csvMappings: ['csvMappings'] as const,
  facility: ['facility'] as const,
  facilities: ['facilities'] as const,
  billingRules: ['billingRules'] as const,
  users: ['users'] as const,
  userPermissions: ['userPermissions'] as const,
  setAsideDocuments: ['setAsideDocuments'] as const,
};

/** After any write: everything shown may have changed. */
export function invalidateAll(): Promise<void> {
  return queryClient.invalidateQueries();
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** Field errors from an ApiError, keyed by input name, for showing under each field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.details) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) if (d.path && !out[d.path]) out[d.path] = d.message;
  return out;
}
