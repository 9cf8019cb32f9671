import { Badge, Table } from '@mantine/core';
import type { BatchSummary } from '../../../shared/api/batches';
import { Money } from '../components/Money';

export function BatchStatusBadge({ batch }: { batch: BatchSummary }) {
  return batch.status === 'open' ? (
    <Badge size="sm" variant="light" color="blue">
      Open
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="gray">
      Closed
    </Badge>
  );
}

/** The difference between expected and posted: green only when it is exactly zero. */
export function differenceColor(difference: number): string {
  return difference === 0 ? 'green.8' : 'red.8';
}

/**
 * The cells every list of batches ends its rows with: expected, posted and their
 * difference, then the status.
 */
export function BatchTotalsCells({ batch }: { batch: BatchSummary }) {
  return (
    <>
      <Table.Td ta="right">
        <Money value={batch.expectedTotal} size="sm" />
      </Table.Td>
      <Table.Td ta="right">
        <Money value={batch.postedTotal} size="sm" />
      </Table.Td>
      <Table.Td ta="right">
        <Money value={batch.difference} size="sm" c={differenceColor(batch.difference)} />
      </Table.Td>
      <Table.Td>
        <BatchStatusBadge batch={batch} />
      </Table.Td>
    </>
  );
}
