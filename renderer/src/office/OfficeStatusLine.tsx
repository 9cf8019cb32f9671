import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { notSyncedCount, officeStatusText } from './status-text';

export const OFFICE_STATUS_KEY = ['office', 'status'] as const;
/** Often enough that "up to date" means something; a read of no table while standalone. */
const POLL_MS = 5_000;

/**
 * One line under the header saying how this desktop stands with its office. Nothing is
 * shown, and nothing polled after the first answer, while the desktop is standalone.
 */
export function OfficeStatusLine() {
  const status = useQuery({
    queryKey: OFFICE_STATUS_KEY,
    queryFn: () => api.officeStatus({}),
    refetchInterval: (query) =>
      !query.state.data || query.state.data.state === 'standalone' ? false : POLL_MS,
    staleTime: 0,
  });
  const data = status.data;
  const text = data ? officeStatusText(data) : null;
  if (!data || text === null) return null;
  const refused = notSyncedCount(data);
  const attention =
    data.state !== 'synced' && data.state !== 'connecting' && data.state !== 'transferring';
  return (
    <Group gap="sm" mb="xs" wrap="nowrap" data-office-status>
      <Text role="status" size="sm" c={attention ? 'orange.9' : 'dimmed'}>
        {text}
      </Text>
      {refused > 0 && (
        <Anchor href="#/not-synced" size="sm" style={{ whiteSpace: 'nowrap' }}>
          {refused === 1 ? '1 action not synced' : `${refused} actions not synced`}
        </Anchor>
      )}
    </Group>
  );
}
