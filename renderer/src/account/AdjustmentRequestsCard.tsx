import { Badge, Group, Stack, Text } from '@mantine/core';
import type { AdjustmentRequestView } from '../../../shared/api/posting';
import { LEDGER_SIDE } from '../../../shared/codes/enums';
import { Money } from '../components/Money';
import { Section } from '../components/Section';
import { Timestamp } from '../components/UsDate';

/** Write-offs above the approval limit, waiting for a supervisor; nothing is posted yet. */
export function AdjustmentRequestsCard({ requests }: { requests: AdjustmentRequestView[] }) {
  const pending = requests.filter((r) => r.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <Section title="Write-offs waiting for approval" id="requests-title">
      <Stack gap={6}>
        {pending.map((r) => (
          <Stack gap={0} key={r.id}>
            <Group gap={6}>
              <Badge size="xs" color="yellow" variant="light">
                Pending
              </Badge>
              <Text size="sm" fw={600}>
                {r.reasonLabel} <Money value={r.amount} size="sm" fw={600} />
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {r.side ? `${LEDGER_SIDE.labels[r.side]} side` : ''}
              {r.claimNumber ? `, claim ${r.claimNumber}` : ''} · asked by {r.requestedBy}{' '}
              <Timestamp value={r.requestedAt} />
            </Text>
            {r.memo && <Text size="sm">{r.memo}</Text>}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
