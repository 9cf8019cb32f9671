import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { navigate } from '../app/router';

/** Asked this often, so a backup the scheduler could not make or check is said within it. */
const WARNING_POLL_MS = 15_000;

export const backupWarningKey = ['backupWarning'] as const;

/**
 * Said at the top of every screen to a supervisor while the last backup failed: one that
 * could not be made, or one whose check after writing found a problem.
 */
export function BackupWarning() {
  const status = useQuery({
    queryKey: backupWarningKey,
    queryFn: () => api.getBackupWarning({}),
    refetchInterval: WARNING_POLL_MS,
    staleTime: 0,
  });
  if (!status.data?.warning) return null;
  return (
    <Alert color="red" title="The last backup failed" role="alert" mb="sm">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{status.data.warning}</Text>
        <Button size="xs" variant="outline" color="red" onClick={() => navigate('/backups')}>
          Open Backups
        </Button>
      </Stack>
    </Alert>
  );
}
