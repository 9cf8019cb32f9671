import { Badge, Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { keys } from '../app/query';
import { navigate } from '../app/router';

/**
 * The header's way to the approvals screen, for supervisors only (a representative sees
 * their own requests on the account), with how many wait. Beside Settings, where the
 * navigation has room to spare.
 */
export function ApprovalsButton({ current }: { current: boolean }) {
  const who = useQuery({
    queryKey: keys.userPermissions,
    queryFn: () => api.listUserPermissions({}),
  });
  const supervisor = who.data?.canChange ?? false;
  const waiting = useQuery({
    queryKey: ['approvals', 'pending'],
    queryFn: () => api.listAdjustmentRequests({ status: 'pending' }),
    enabled: supervisor,
  });
  if (!supervisor) return null;
  const n = waiting.data?.length ?? 0;
  return (
    <Button
      variant={current ? 'light' : 'subtle'}
      px="xs"
      onClick={() => navigate('/approvals')}
      aria-current={current ? 'page' : undefined}
      aria-label={n > 0 ? `Approvals, ${n} waiting` : 'Approvals'}
      rightSection={
        n > 0 ? (
          <Badge size="sm" color="yellow" variant="filled" circle={n < 10}>
            {n}
          </Badge>
        ) : undefined
      }
    >
      Approvals
    </Button>
  );
}
