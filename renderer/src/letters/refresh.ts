import { queryClient } from '../app/query';

/**
 * After filing or sending, refresh everything shown except the draft itself: a new draft
 * would reset the letter on screen, and the letter being worked on is the one filed.
 */
export function refreshAfterFiling(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'appealDraft' });
}
