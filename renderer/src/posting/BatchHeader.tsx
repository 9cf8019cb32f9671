import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { BatchSummary } from '../../../shared/api/batches';
import { BATCH_SOURCE } from '../../../shared/codes/enums';
import { api } from '../app/api';
import { invalidateAll, messageOf } from '../app/query';
import { Money } from '../components/Money';
import { UsDate } from '../components/UsDate';
import { closeBlocker } from './batch-rules';
import { BatchStatusBadge, differenceColor } from './BatchStatusBadge';

function Figure(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} align="flex-end" role="group" aria-label={props.label}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      {props.children}
    </Stack>
  );
}

/** Expected, posted and the running difference, which must reach $0.00 before closing. */
export function BatchHeader({ batch }: { batch: BatchSummary }) {
  const close = useMutation({
    mutationFn: () => api.closeBatch({ batchId: batch.id }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: `Batch ${batch.number} closed.` });
      await invalidateAll();
    },
  });
  const blocker = closeBlocker(batch);
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label="Batch totals">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="sm" align="baseline">
            <Title order={2} size="h3">
              Batch {batch.number}
            </Title>
            <BatchStatusBadge batch={batch} />
          </Group>
          <Text size="sm" c="dimmed">
            Deposit <UsDate value={batch.depositDate} /> · {BATCH_SOURCE.labels[batch.source]}
            {batch.description ? ` · ${batch.description}` : ''} · opened by {batch.createdBy}
          </Text>
        </Stack>
        <Group gap="xl" wrap="nowrap" align="flex-start">
          <Figure label="Expected">
            <Money value={batch.expectedTotal} fz={20} fw={600} />
          </Figure>
          <Figure label="Posted">
            <Money value={batch.postedTotal} fz={20} fw={600} />
          </Figure>
          <Figure label="Difference">
            <Money
              value={batch.difference}
              fz={20}
              fw={700}
              c={differenceColor(batch.difference)}
            />
          </Figure>
          <Stack gap={2} align="flex-end" maw={260}>
            {batch.status === 'open' && (
              <Button
                color="green"
                disabled={blocker !== null}
                title={blocker ?? 'Close the batch: the deposit is fully posted.'}
                onClick={() => close.mutate()}
                loading={close.isPending}
              >
                Close batch
              </Button>
            )}
            {blocker && batch.status === 'open' && (
              <Text size="xs" c="dimmed" ta="right">
                {blocker}
              </Text>
            )}
            {close.isError && (
              <Text size="xs" c="red" role="alert" ta="right">
                {messageOf(close.error)}
              </Text>
            )}
          </Stack>
        </Group>
      </Group>
    </Paper>
  );
}
