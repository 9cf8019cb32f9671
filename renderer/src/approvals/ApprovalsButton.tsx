import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { keys } from '../app/query';

/**
 * Whether the user is a supervisor and how many requests wait for one, for the header's
 * way to the approvals screen (a representative sees their own requests on the account).
 */
export function useApprovalsWaiting(): { supervisor: boolean; waiting: number } {
  const who = useQuery({
    queryKey: keys.userPermissions,
    queryFn: () => api.listUserPermissions({}),
  });
  const supervisor = who.data?.canChange ?? false;
  const pending = useQuery({
    queryKey: ['approvals', 'pending'],
    queryFn: () => api.listAdjustmentRequests({ status: 'pending' }),
    enabled: supervisor,
  });
  return { supervisor, waiting: supervisor ? (pending.data?.length ?? 0) : 0 };
}
