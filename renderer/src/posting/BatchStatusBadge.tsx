import { Badge } from '@mantine/core';
import type { BatchSummary } from '../../../shared/api/types';

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
