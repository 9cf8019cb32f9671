import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AdjustmentRequestView } from '../../../shared/api/posting';
import { LEDGER_SIDE } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { keys } from '../app/query';
import { DecideButtons, KIND_LABELS } from '../approvals/DecideRequest';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { Timestamp } from '../components/UsDate';

/**
 * Write-offs and reversals over the day's limit and refunds, waiting for a supervisor;
 * nothing of them is posted yet. A supervisor approves or refuses here as on the
 * approvals screen.
 */
export function AdjustmentRequestsCard({ requests }: { requests: AdjustmentRequestView[] }) {
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => api.getAppInfo({}) });
  const who = useQuery({
    queryKey: keys.userPermissions,
    queryFn: () => api.listUserPermissions({}),
  });
  const pending = requests.filter((r) => r.status === 'pending');
  if (pending.length === 0) return null;
  const userId = info.data?.user.id;
  const canDecide = (who.data?.canChange ?? false) && userId !== undefined;
  return (
    <Section title="Waiting for approval" id="requests-title">
      <Stack gap={8}>
        {pending.map((r) => (
          <Stack gap={2} key={r.id}>
            <Group gap={6}>
              <Badge size="xs" color="yellow" variant="light">
                Pending
              </Badge>
              <Text size="sm" fw={600}>
                {KIND_LABELS[r.kind]}: {r.reasonLabel} <Money value={r.amount} size="sm" fw={600} />
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {r.side ? `${LEDGER_SIDE.labels[r.side]} side` : ''}
              {r.claimNumber ? `, claim ${r.claimNumber}` : ''} · asked by {r.requestedBy}{' '}
              <Timestamp value={r.requestedAt} />
            </Text>
            {r.memo && <Text size="sm">{r.memo}</Text>}
            {canDecide && <DecideButtons request={r} userId={userId} />}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
