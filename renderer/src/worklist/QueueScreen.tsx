import { Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect } from 'react';
import { navigate, rememberQueuePath } from '../app/router';
import { ExportButton } from '../export/ExportButton';
import { exportQueue } from '../export/queue-export';
import { filtersFromParams, paramsFromFilters, type QueueFilters } from './filters';
import { QueueFilterBar } from './QueueFilterBar';
import { QueueTable } from './QueueTable';

export function QueueScreen({ params }: { params: URLSearchParams }) {
  const filters = filtersFromParams(params);
  const setFilters = useCallback(
    (f: QueueFilters) => navigate(`/queue${paramsFromFilters(f)}`),
    [],
  );
  const path = `/queue${paramsFromFilters(filters)}`;
  useEffect(() => rememberQueuePath(path), [path]);
  return (
    <Stack
      gap="sm"
      h="calc(100vh - 52px - var(--app-shell-footer-offset, 0px) - 2 * var(--mantine-spacing-md))"
    >
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            Work queue
          </Title>
          <Text size="sm" c="dimmed">
            Follow-ups due, most urgent first. ↑/↓ or J/K to move, Enter to open, Ctrl+K to search.
          </Text>
        </div>
        <ExportButton what="work queue" build={(progress) => exportQueue(filters, progress)} />
      </Group>
      <QueueFilterBar filters={filters} onChange={setFilters} />
      <QueueTable filters={filters} onFiltersChange={setFilters} />
    </Stack>
  );
}
