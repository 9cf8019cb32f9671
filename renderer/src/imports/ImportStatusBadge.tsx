import { Badge } from '@mantine/core';
import type { ImportStatus } from '../../../shared/api/imports';

const LOOK: Record<ImportStatus, { color: string; label: string }> = {
  posted: { color: 'green', label: 'Posted' },
  partial: { color: 'orange', label: 'Partly posted' },
  duplicate: { color: 'gray', label: 'Duplicate' },
  rejected: { color: 'red', label: 'Rejected' },
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const look = LOOK[status];
  return (
    <Badge size="sm" variant="light" color={look.color}>
      {look.label}
    </Badge>
  );
}
