import { Paper } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { EmptyState, QueryState } from '../components/States';
import { hasFilters, type QueueFilters } from './filters';
import { QueueFooter, QueueGrid } from './QueueGrid';
import { useQueueFirstPage } from './useQueuePages';
import './queue.css';

const selectionKey = 'claimdesk.queue.selected';

/**
 * The work queue: its state while loading or empty, and the grid. The grid re-renders on
 * every scroll; this frame around it does not.
 */
export function QueueTable({
  filters,
  onFiltersChange,
}: {
  filters: QueueFilters;
  onFiltersChange: (f: QueueFilters) => void;
}) {
  const first = useQueueFirstPage(filters);
  const [selected, setSelected] = useState(
    () => Number(sessionStorage.getItem(selectionKey) ?? 0) || 0,
  );
  // A new filter starts at the top (the grid scrolls there itself); the selection survives
  // a trip to an account and back.
  const filterKey = JSON.stringify(filters);
  const [selectionFilterKey, setSelectionFilterKey] = useState(filterKey);
  if (selectionFilterKey !== filterKey) {
    setSelectionFilterKey(filterKey);
    setSelected(0);
  }
  useEffect(() => sessionStorage.setItem(selectionKey, String(selected)), [selected]);

  const sortBy = useCallback(
    (key: QueueFilters['sortBy']) =>
      onFiltersChange({
        ...filters,
        sortBy: key,
        sortDir:
          filters.sortBy === key
            ? filters.sortDir === 'desc'
              ? 'asc'
              : 'desc'
            : key === 'patientName' ||
                key === 'accountNumber' ||
                key === 'dueDate' ||
                key === 'deadline'
              ? 'asc'
              : 'desc',
      }),
    [filters, onFiltersChange],
  );

  if (first.isPending || first.isError) return <QueryState query={first} what="the work queue" />;
  const total = first.data.total;

  return (
    <Paper
      withBorder
      radius="sm"
      className="grid-frame"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      {total === 0 ? (
        <>
          <EmptyState title="Nothing due — the queue is clear">
            {hasFilters(filters)
              ? 'No follow-ups match these filters. Clear a filter or pick a later due date to see more.'
              : 'Every follow-up due today is done. Pick a later “Due on or before” date to work ahead.'}
          </EmptyState>
          <QueueFooter total={0} selected={0} />
        </>
      ) : (
        <QueueGrid
          filters={filters}
          total={total}
          selected={selected}
          onSelect={setSelected}
          onSort={sortBy}
        />
      )}
    </Paper>
  );
}
