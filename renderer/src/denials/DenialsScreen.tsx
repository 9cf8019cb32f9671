import { Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { api } from '../app/api';
import { keys } from '../app/query';
import { navigate, rememberQueuePath } from '../app/router';
import { EmptyState, QueryState } from '../components/States';
import { exportDenials } from '../export/denials-export';
import { ExportButton } from '../export/ExportButton';
import { DenialsFilterBar } from './DenialsFilterBar';
import { DenialsTable } from './DenialsTable';
import {
  DENIAL_PAGE_SIZE,
  denialFiltersFromParams,
  denialInput,
  denialPath,
  type DenialFilters,
} from './filters';

/** Denials being worked, soonest appeal deadline first, 100 to a page. */
export function DenialsScreen({ params }: { params: URLSearchParams }) {
  const filters = denialFiltersFromParams(params);
  const path = denialPath(filters);
  const setFilters = useCallback((f: DenialFilters) => navigate(denialPath(f)), []);
  // "back" from an account opened here comes back to this very page of this list
  useEffect(() => rememberQueuePath(path), [path]);
  const input = denialInput(filters);
  const list = useQuery({
    queryKey: keys.denials(input),
    queryFn: () => api.listDenials(input),
    placeholderData: keepPreviousData,
  });

  let body;
  if (list.isPending || list.isError) body = <QueryState query={list} what="the denials" />;
  else if (list.data.total === 0)
    body = (
      <EmptyState title={filters.showResolved ? 'No denials' : 'No open denials'}>
        {filters.payerId || filters.category || filters.state
          ? 'No denials match these filters. Clear a filter to see more.'
          : 'Denials appear here when an imported remittance denies a claim.'}
      </EmptyState>
    );
  else {
    const { total, rows } = list.data;
    const pages = Math.max(1, Math.ceil(total / DENIAL_PAGE_SIZE));
    const from = (filters.page - 1) * DENIAL_PAGE_SIZE + 1;
    body = (
      <Paper withBorder radius="sm">
        {rows.length === 0 ? (
          <EmptyState title="This page is empty">
            The list is shorter than it was; go back to the first page.
          </EmptyState>
        ) : (
          <DenialsTable
            key={path}
            rows={rows}
            listPath={path}
            grouped={filters.sortBy === 'deadline'}
          />
        )}
        <Group
          justify="space-between"
          px="xs"
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
        >
          <Text size="xs" c="dimmed" role="status">
            {rows.length > 0
              ? `${from.toLocaleString('en-US')}–${(from + rows.length - 1).toLocaleString('en-US')} of `
              : ''}
            {total.toLocaleString('en-US')} denial{total === 1 ? '' : 's'}
          </Text>
          {pages > 1 && (
            <Pagination
              size="sm"
              total={pages}
              value={Math.min(filters.page, pages)}
              onChange={(page) => setFilters({ ...filters, page })}
              getControlProps={(c) => ({ 'aria-label': `${c} page` })}
            />
          )}
        </Group>
      </Paper>
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            Denials
          </Title>
          <Text size="sm" c="dimmed">
            Due within 15 days first, then later deadlines, then those passed. ↑/↓ or J/K to move,
            Enter to open the account, Escape to come back.
          </Text>
        </div>
        <ExportButton
          what="denials list"
          build={(progress) => exportDenials(filters, progress)}
          disabled={!list.data || list.data.total === 0}
        />
      </Group>
      <DenialsFilterBar filters={filters} onChange={setFilters} />
      {body}
    </Stack>
  );
}
