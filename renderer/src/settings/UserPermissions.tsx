import { Checkbox, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '../../../shared/api/method';
import { api } from '../app/api';
import { invalidateAll, keys, messageOf, queryClient } from '../app/query';

/**
 * What a supervisor allows a representative beyond the role (running statements). A
 * supervisor may always; the server checks it on every request, this only sets it.
 */
export function UserPermissions() {
  const users = useQuery({ queryKey: keys.users, queryFn: () => api.listUsers({}) });
  const grants = useQuery({
    queryKey: keys.userPermissions,
    queryFn: () => api.listUserPermissions({}),
  });
  const set = useMutation({
    mutationFn: (v: { userId: number; permission: Permission; allowed: boolean }) =>
      api.setUserPermission(v),
    onSuccess: async (view) => {
      queryClient.setQueryData(keys.userPermissions, view);
      // the user's history shows the change as its last one
      await invalidateAll();
    },
    onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
  });
  if (!users.data || !grants.data) return null;
  const canChange = grants.data.canChange;
  const has = (userId: number, p: Permission) =>
    grants.data.grants.some((g) => g.userId === userId && g.permission === p);
  const reps = users.data.users.filter((u) => u.role === 'representative' && u.active);
  return (
    <Stack gap={6} component="section" aria-labelledby="permissions-title">
      <Title order={3} size="h6" id="permissions-title">
        Permissions beyond the role
      </Title>
      <Text size="sm" c="dimmed" maw={640}>
        Supervisors may always; a representative only when a supervisor allows it here.
      </Text>
      {reps.length === 0 && (
        <Text size="sm" c="dimmed">
          No active representatives.
        </Text>
      )}
      {reps.map((u) =>
        PERMISSIONS.map((p) => (
          <Checkbox
            key={`${u.id}-${p}`}
            label={`${u.displayName} may ${PERMISSION_LABELS[p]}`}
            checked={has(u.id, p)}
            disabled={!canChange || set.isPending}
            onChange={(e) =>
              set.mutate({ userId: u.id, permission: p, allowed: e.currentTarget.checked })
            }
          />
        )),
      )}
    </Stack>
  );
}
