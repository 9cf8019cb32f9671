import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BATCH_SOURCE } from '../../../shared/codes/enums';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { batchPath, cashPath, navigate } from '../app/router';
import { Section } from '../components/Section';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { UsDate } from '../components/UsDate';
import { BatchTotalsCells } from './BatchStatusBadge';
import { NewBatchForm } from './NewBatchForm';

/** Deposit batches, open ones first, and the form to open a new one. */
export function BatchList({ today }: { today: IsoDate }) {
  const batches = useQuery({
    queryKey: keys.batches,
    queryFn: () => api.listBatches({}),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Posting
        </Title>
        <Button variant="default" onClick={() => navigate(cashPath(today))}>
          Cash summary for today
        </Button>
      </Group>
      <Section title="New batch" id="new-batch-title">
        <NewBatchForm today={today} />
      </Section>
      <Section title="Batches" id="batches-title">
        {batches.isPending ? (
          <LoadingState label="Loading batches…" />
        ) : batches.isError ? (
          <ErrorState
            title="The batches could not be loaded"
            message={messageOf(batches.error)}
            onRetry={() => void batches.refetch()}
          />
        ) : batches.data.length === 0 ? (
          <EmptyState title="No batches yet">
            Open a batch with the deposit date and the total on the deposit slip, then post each
            payment into it.
          </EmptyState>
        ) : (
          <Table aria-label="Batches" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Batch</Table.Th>
                <Table.Th>Deposit date</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Payments</Table.Th>
                <Table.Th ta="right">Expected</Table.Th>
                <Table.Th ta="right">Posted</Table.Th>
                <Table.Th ta="right">Difference</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor href={`#${batchPath(b.id)}`} className="tabular">
                      Batch {b.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <UsDate value={b.depositDate} />
                  </Table.Td>
                  <Table.Td>{BATCH_SOURCE.labels[b.source]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" maw={260}>
                      {b.description ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {b.receiptCount}
                  </Table.Td>
                  <BatchTotalsCells batch={b} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}
